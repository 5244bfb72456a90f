// The configuration's sources: precedence (flag over input over file over default), good values
// from each front door in its own spelling, the front doors on their own, and describeConfig.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fromFile } from '../../src/config/fromFile.js';
import { fromFlags } from '../../src/config/fromFlags.js';
import { fromInputs } from '../../src/config/fromInputs.js';
import { describeConfig, loadConfig } from '../../src/config/loadConfig.js';
import type { Config } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';
import { KIND_NODE_IMAGE } from '../../src/config/fields.js';
import { inputs, problemsOf } from '../support/configProblems.js';
import { CLUSTER_DEFAULTS, DEFAULTS } from '../support/configDefaults.js';
import { useConfigDir } from '../support/configDir.js';

const files = useConfigDir('config-sources-test-');

describe('precedence: flag beats input beats file beats default', () => {
  it('takes each value from the strongest source that sets it', async () => {
    const file = await files.write(
      'bench.yml',
      'rps: 1000\nconnections: 50\nmesh: [none]\nserver-delay: 10ms\nduration: 10\n',
    );
    const config = await loadConfig({
      flags: ['--config', file, '--rps', '500', '--duration', '2s'],
      inputs: inputs({ rps: '700', connections: '60' }),
      cwd: files.dir,
    });
    // rps: flag over input over file; connections: input over file; duration: the file's bad
    // value is never checked because the flag replaced it; warmup: default.
    expect(config).toEqual({
      ...DEFAULTS,
      rps: 500,
      connections: 60,
      meshes: ['none'],
      serverDelayMs: 10,
      durationMs: 2000,
    });
  });

  it('names the source a bad value came from', async () => {
    const file = await files.write('src.yml', 'engine: wrk\nrps: 0\n');
    const problems = await problemsOf(
      loadConfig({ flags: ['--config', file, '--rps', 'x'], cwd: files.dir }),
    );
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'rps (--rps)',
      'engine (file src.yml key engine)',
    ]);
  });

  it('reads the file named by the action input, overridden by inputs', async () => {
    const file = await files.write('action.yml', 'repetitions: 7\nwarmup: 1s\n');
    const config = await loadConfig({
      inputs: inputs({ config: file, warmup: '2s' }),
      cwd: files.dir,
    });
    expect(config).toEqual({ ...DEFAULTS, repetitions: 7, warmupMs: 2000 });
  });
});

describe('good input', () => {
  it('from a file with YAML types: numbers, booleans, lists, percentages', async () => {
    const file = await files.write(
      'types.yml',
      `provider: kind
mesh:
  - none
  - istio-ambient
rps: 3200
connections: 1600
duration: 5m
warmup: 0
repetitions: 5
server-delay: 0s
payload-bytes: 1024
engine: fortio
placement: cross-node
workers: 4
max-error-rate: 0.5%
request-timeout: 1m30s
comment: always
out: results/run.json
dry-run: true
threshold-p50: 5%
threshold-p99: 0.15
threshold-p999: 30%
threshold-cpu: 25%
threshold-memory: 0.3
error-rate-cap: 0.01%
floor-latency: 2ms
floor-cpu: 0.01
floor-memory: 4Mi
confidence: 99%
fail-on: inconclusive
inject-delay: 3ms
`,
    );
    expect(await loadConfig({ flags: ['--config', file], cwd: files.dir })).toEqual({
      provider: 'kind',
      meshes: ['none', 'istio-ambient'],
      rps: 3200,
      connections: 1600,
      durationMs: 300_000,
      warmupMs: 0,
      repetitions: 5,
      serverDelayMs: 0,
      payloadBytes: 1024,
      engine: 'fortio',
      server: 'builtin',
      placement: 'cross-node',
      ...CLUSTER_DEFAULTS,
      workers: 4,
      istioVersion: '1.30.3',
      linkerdVersion: 'edge-25.5.2',
      ciliumVersion: '1.19.6',
      ciliumEncryption: 'wireguard',
      maxErrorRate: 0.005,
      requestTimeoutMs: 90_000,
      comment: 'always',
      commentFile: path.join('results', 'mesh-perf-comment.json'),
      out: 'results/run.json',
      baseline: { store: 'auto' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: 50,
      saveBaseline: 'auto',
      dryRun: true,
      thresholdP50: 0.05,
      thresholdP99: 0.15,
      thresholdP999: 0.3,
      thresholdCpu: 0.25,
      thresholdMemory: 0.3,
      errorRateCap: 0.0001,
      floorLatencyMs: 2,
      floorCpuCores: 0.01,
      floorMemoryMiB: 4,
      confidence: 0.99,
      failOn: 'inconclusive',
      injectDelayMs: 3,
    } satisfies Config);
  });

  it('from flags, with --dry-run as a switch and --key=value', async () => {
    expect(
      await loadConfig({
        flags: ['--provider=gke', '--mesh', 'istio,linkerd', '--dry-run', '--workers', '2'].concat([
          '--gke-project',
          'bench-project',
          '--gke-zone',
          'us-central1-a',
        ]),
      }),
    ).toEqual({
      ...DEFAULTS,
      provider: 'gke',
      gkeProject: 'bench-project',
      gkeZone: 'us-central1-a',
      meshes: ['istio', 'linkerd'],
      workers: 2,
      dryRun: true,
    });
    expect(await loadConfig({ flags: ['--dry-run=False'] })).toEqual(DEFAULTS);
  });

  it('from inputs: empty means unset, lists may be newline-separated, booleans any case', async () => {
    expect(
      await loadConfig({
        inputs: inputs({ rps: '', mesh: 'none\napp-mtls\n', 'dry-run': 'TRUE' }),
      }),
    ).toEqual({ ...DEFAULTS, dryRun: true });
  });
});

describe('the front doors on their own', () => {
  it('fromFlags returns raw values with their sources and the config path', () => {
    expect(fromFlags(['--config', 'b.yml', '--rps', '5', '--dry-run'])).toEqual({
      raw: {
        rps: { value: '5', source: '--rps' },
        'dry-run': { value: true, source: '--dry-run' },
      },
      configFile: 'b.yml',
    });
    expect(() => fromFlags(['--nope'])).toThrow(ConfigError);
  });

  it('fromInputs skips empty inputs', () => {
    expect(fromInputs(inputs({ rps: ' 9 ', mesh: '' }))).toEqual({
      raw: { rps: { value: '9', source: 'input rps' } },
    });
  });

  it('fromFile returns the keys it checked, or throws naming every problem', async () => {
    const good = await files.write('good.yml', 'rps: 9\n');
    expect(await fromFile(path.join(files.dir, good), { shownAs: good })).toEqual({
      rps: { value: 9, source: 'file good.yml key rps' },
    });
    const bad = await files.write('bad.yml', 'rsp: 9\nwarmpu: 1s\n');
    await expect(fromFile(path.join(files.dir, bad), { shownAs: bad })).rejects.toThrow(
      /rsp \(file bad\.yml key rsp\).*\n {2}warmpu \(file bad\.yml key warmpu\): unknown key \(did you mean "warmup"\?\)/,
    );
  });
});

describe('describeConfig', () => {
  it('prints every field as a config file would spell it', () => {
    expect(describeConfig(DEFAULTS).join('\n')).toBe(`provider: local
mesh: none,app-mtls
rps: 320
connections: 160
duration: 30s
warmup: 5s
repetitions: 3
server-delay: 200ms
payload-bytes: 0
engine: builtin
server: builtin
placement: same-node
workers: auto
max-error-rate: 0.001
request-timeout: 10s
inject-delay: 0s
out: mesh-perf-result.json
dry-run: false
cluster-name: null
nodes: 2
kind-node-image: ${KIND_NODE_IMAGE}
gke-project: null
gke-zone: null
gke-machine-type: n2-standard-4
gke-expiry: 6h
kube-context: null
tool-versions: null
istio-version: 1.30.3
linkerd-version: edge-25.5.2
cilium-version: 1.19.6
cilium-encryption: wireguard
baseline: auto
baseline-branch: mesh-perf-data
baseline-keep: 50
save-baseline: auto
threshold-p50: 0.1
threshold-p99: 0.1
threshold-p999: 0.2
threshold-cpu: 0.2
threshold-memory: 0.2
error-rate-cap: 0.0005
floor-latency: 1ms
floor-cpu: 5m
floor-memory: 2MiB
confidence: 0.95
fail-on: regression
comment: on-regression
comment-file: mesh-perf-comment.json`);
  });

  it('loads back as a config file to the same Config', async () => {
    const config: Config = {
      ...DEFAULTS,
      provider: 'existing',
      meshes: ['cilium', 'none'],
      durationMs: 90_500,
      workers: 3,
      out: 'true',
      dryRun: true,
      thresholdP999: 0.35,
      floorCpuCores: 0.0125,
      floorMemoryMiB: 0.5,
      confidence: 0.9,
      failOn: 'inconclusive',
      injectDelayMs: 3,
    };
    const file = await files.write('described.yml', describeConfig(config).join('\n'));
    expect(await loadConfig({ flags: ['--config', file], cwd: files.dir })).toEqual(config);
  });
});
