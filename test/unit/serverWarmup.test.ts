// The local provider's server warm-up, with the engine and server swapped at the process edge:
// before each scenario's first trial, SERVER_WARMUP_RUNS unmeasured runs from fresh generators,
// shown as warm-up; later trials go straight to the measured run; Ctrl-C during a warm-up skips
// the rest and stops the trial at once.
import { describe, expect, it } from '@jest/globals';
import {
  LocalProvider,
  SERVER_WARMUP_MS,
  SERVER_WARMUP_RUNS,
} from '../../src/cluster/localProvider.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import type { EngineTrialOptions, LocalEngine } from '../../src/load/localEngine.js';
import type { LoadProgress, LoadSpec } from '../../src/load/types.js';
import type { LocalServer } from '../../src/server/localServer.js';
import { testConfig } from '../support/documents.js';

interface Call {
  spec: LoadSpec;
  watch: EngineTrialOptions['watch'];
  stopped: boolean;
}

const SERVER_PID = 4242;

function harness(onCall?: (index: number, provider: LocalProvider) => void) {
  const calls: Call[] = [];
  const progress: LoadProgress['phase'][] = [];
  const engine: LocalEngine = {
    id: 'builtin',
    prepare: () => Promise.resolve('test'),
    describeTrial: () => 'loadgen',
    runTrial: (spec, options = {}) => {
      const call: Call = { spec, watch: options.watch, stopped: false };
      calls.push(call);
      options.onStart?.(() => {
        call.stopped = true;
      });
      options.onProgress?.({
        type: 'progress',
        phase: 'measure',
        elapsedMs: 1,
        totalMs: 2,
        sent: 1,
        completed: 1,
        errors: 0,
        currentRps: 1,
      });
      // Called only once the provider below exists: runTrial needs it.
      onCall?.(calls.length - 1, provider);
      return Promise.resolve({ engine: undefined, resources: {}, faults: [] });
    },
  };
  const server: LocalServer = {
    id: 'builtin',
    prepare: () => Promise.resolve(),
    describe: () => 'server',
    requestPath: () => '/echo',
    start: () =>
      Promise.resolve({
        pid: SERVER_PID,
        port: 8080,
        path: '/echo',
        ended: new Promise<string>(() => undefined),
        stop: () => Promise.resolve(),
      }),
  };
  const provider = new LocalProvider(
    { ...testConfig, meshes: ['none'] },
    { server: 'server.mjs', loadgen: 'loadgen.mjs' },
    new Cleanup(),
    {
      env: {},
      runner: { run: () => Promise.reject(new Error('no process here')) },
      engine,
      server,
    },
  );
  const trial = (repetition: number) =>
    provider.runTrial({ index: repetition - 1, mesh: 'none', repetition }, (p) =>
      progress.push(p.phase),
    );
  return { provider, calls, progress, trial };
}

describe('server warm-up (local provider)', () => {
  it('warms each scenario up before its first trial only, unmeasured, from fresh generators', async () => {
    const { provider, calls, progress, trial } = harness();
    await provider.setUp(['none']);
    await trial(1);
    await trial(2);
    expect(SERVER_WARMUP_RUNS).toBe(2);
    expect(calls).toHaveLength(SERVER_WARMUP_RUNS + 2);
    for (const warmup of calls.slice(0, SERVER_WARMUP_RUNS)) {
      expect(warmup.spec).toMatchObject({ warmupMs: 0, durationMs: SERVER_WARMUP_MS, rps: 300 });
      expect(warmup.watch).toBeUndefined();
    }
    for (const measured of calls.slice(SERVER_WARMUP_RUNS)) {
      expect(measured.spec).toMatchObject({ warmupMs: 1000, durationMs: 5000 });
      expect(measured.watch).toEqual({ server: SERVER_PID });
    }
    // The warm-up runs show as warm-up, the trials as their engine reports them.
    expect(progress).toEqual(['warmup', 'warmup', 'measure', 'measure']);
    expect(provider.describe(['none'])).toContain(
      'before the first trial of each scenario: the same load 2 times for 5s, unmeasured, each from a fresh generator, to warm its server up',
    );
  });

  it('Ctrl-C during the first warm-up run skips the second and stops the trial at once', async () => {
    const { provider, calls, trial } = harness((index, p) => {
      if (index === 0) p.interrupt();
    });
    await provider.setUp(['none']);
    await trial(1);
    expect(calls.map((c) => [c.spec.durationMs, c.stopped])).toEqual([
      [SERVER_WARMUP_MS, true],
      [5000, true],
    ]);
  });
});
