// The gate's configuration keys: spellings, one exact message per mistake, the defaults the gate
// gets, and inject-delay reaching the server and the result but not the comparability key.
import { describe, expect, it } from '@jest/globals';
import { gateOptionsFromConfig, type GateOptions } from '../../src/compare/gateOptions.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { LocalProvider } from '../../src/cluster/localProvider.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { buildDocument } from '../../src/results/buildDocument.js';
import { comparabilityKey } from '../../src/results/comparabilityKey.js';
import { configHash } from '../../src/results/configHash.js';
import { sampleDocument, testConfig } from '../support/documents.js';
import { GATE_OPTIONS } from '../support/gateDocuments.js';
import { flagProblems } from '../support/configProblems.js';

describe('gate keys', () => {
  it('default to what the README documents', async () => {
    expect(gateOptionsFromConfig(await loadConfig({ flags: [] }))).toEqual(GATE_OPTIONS);
    const config = await loadConfig({ flags: [] });
    expect([config.failOn, config.injectDelayMs]).toEqual(['regression', 0]);
  });

  it.each<[string[], Partial<GateOptions['floors']>]>([
    [['--floor-cpu', '5m'], { cpuCores: 0.005 }],
    [['--floor-cpu', '0.25'], { cpuCores: 0.25 }],
    [['--floor-cpu', '0'], { cpuCores: 0 }],
    [['--floor-memory', '512KiB'], { memoryMiB: 0.5 }],
    [['--floor-memory', '2Mi'], { memoryMiB: 2 }],
    [['--floor-memory', '1GiB'], { memoryMiB: 1024 }],
    [['--floor-memory', '0'], { memoryMiB: 0 }],
    [['--floor-latency', '250ms'], { latencyMs: 250 }],
  ])('reads %j', async (flags, floors) => {
    expect(gateOptionsFromConfig(await loadConfig({ flags })).floors).toMatchObject(floors);
  });

  it('reads percentages exactly (99.9% is 0.999, not 0.9990000000000001)', async () => {
    const config = await loadConfig({
      flags: ['--confidence', '99.9%', '--threshold-p99', '12.5%', '--error-rate-cap', '0.01%'],
    });
    expect([config.confidence, config.thresholdP99, config.errorRateCap]).toEqual([
      0.999, 0.125, 0.0001,
    ]);
  });

  // prettier-ignore
  it.each<[string[], string]>([
    [['--threshold-p99', 'ten'], 'threshold-p99 (--threshold-p99): "ten" is not a fraction or a percentage; allowed: a fraction from 0 to 1, or a percentage like 10%'],
    [['--threshold-cpu', '150%'], 'threshold-cpu (--threshold-cpu): "150%" is more than 100%; allowed: a fraction from 0 to 1, or a percentage like 10%'],
    [['--floor-cpu', '5x'], 'floor-cpu (--floor-cpu): "5x" is not a CPU amount; allowed: cores like 0.005 or millicores like 5m, from 0 to 1000 cores'],
    [['--floor-memory', '2'], 'floor-memory (--floor-memory): "2" has no unit, which is ambiguous; add one, e.g. 2MiB; allowed: a size like 512KiB, 2MiB or 1GiB (Ki, Mi, Gi also work), up to 1TiB'],
    [['--floor-memory', '2MB'], 'floor-memory (--floor-memory): "2MB" is not a memory size; allowed: a size like 512KiB, 2MiB or 1GiB (Ki, Mi, Gi also work), up to 1TiB'],
    [['--floor-latency', '1'], 'floor-latency (--floor-latency): "1" has no unit, which is ambiguous; add one, e.g. 1s or 1ms; allowed: a duration like 500ms, 10s or 5m, from 0s to 1m'],
    [['--confidence', '0.5'], 'confidence (--confidence): 0.5 is less than 0.8; allowed: a fraction from 0.8 to 0.999, or a percentage like 95%'],
    [['--fail-on', 'inconclusiv'], 'fail-on (--fail-on): "inconclusiv" is not a fail-on mode (did you mean "inconclusive"?); allowed: regression, inconclusive'],
    [['--inject-delay', '2m'], 'inject-delay (--inject-delay): "2m" is longer than 1m; allowed: a duration like 500ms, 10s or 5m, from 0s to 1m'],
    [['--server-delay', '9s', '--inject-delay', '1s'], 'inject-delay (--inject-delay): 1s added to server-delay 9s is not shorter than request-timeout 10s; allowed: a duration like 500ms, 10s or 5m, from 0s to 1m'],
  ])('%j: one exact line', async (flags, line) => {
    expect(await flagProblems(flags)).toEqual([line]);
  });
});

describe('inject-delay', () => {
  it('makes the local server wait server-delay + inject-delay', () => {
    const provider = new LocalProvider(
      { ...testConfig, injectDelayMs: 3 },
      { server: 'server.mjs', loadgen: 'loadgen.mjs' },
      new Cleanup(),
    );
    expect(provider.describe(['none']).join('\n')).toContain('"delayMs":13,');
  });

  it('is recorded in the load section but is no part of the key or the config hash', () => {
    expect(configHash({ ...testConfig, injectDelayMs: 3 })).toBe(configHash(testConfig));
    const plain = sampleDocument();
    expect(plain.load.injectedDelayMs).toBeUndefined();
    const injected = structuredClone(plain);
    injected.load.injectedDelayMs = 3;
    expect(comparabilityKey(injected)).toBe(comparabilityKey(plain));
    const recorded = buildDocument({
      config: { ...testConfig, injectDelayMs: 3 },
      identity: { id: 'run-3', commit: null, ref: null },
      startedAt: new Date(0),
      finishedAt: new Date(0),
      environment: plain.environment,
      scenarios: [],
      faults: [],
    });
    expect(recorded.load.injectedDelayMs).toBe(3);
    expect(recorded.load.serverDelayMs).toBe(testConfig.serverDelayMs);
  });
});
