// What goes wrong in a cluster run, and how it shows: mTLS that is not on fails its scenario as an
// infrastructure error without sending load; a generator that restarted makes its trial invalid;
// a wait that times out or a failed install ends in exit code 3, with the result document
// written and the cluster torn down all the same.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { FakeKubeApi } from '../support/fakeKubeApi.js';
import { commandLines } from '../support/fakeClis.js';
import { runClusterScenario } from '../support/clusterRuns.js';

let api: FakeKubeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('cluster runs that fail', () => {
  it('mTLS not enforced: the scenario is invalid, no load is sent, exit 3; the baseline still counts', async () => {
    const run = await runClusterScenario({
      provider: 'existing',
      meshes: ['none', 'istio'],
      mtlsOff: ['istio'],
    });
    api = run.api;
    expect(run.outcome.exitCode).toBe(3);
    expect(run.outcome.verdict).toBe('infra-error');
    expect(run.outcome.problems).toEqual(['scenario istio has no valid trial in the current run']);
    const istio = run.written.scenarios.find((s) => s.mesh === 'istio');
    expect(istio?.mtls.verified).toBe(false);
    expect(istio?.mtls.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FAILED: client pod .* has no istio-proxy container/),
        expect.stringMatching(/^FAILED: .*plaintext client outside the mesh.*ACCEPTED/),
      ]),
    );
    expect(istio?.trials[0]).toMatchObject({
      valid: false,
      invalidReasons: expect.arrayContaining([
        'mTLS was not verified on the measured path, so no load was sent',
      ]),
    });
    const generators = run.api.requests.filter(
      (r) => r.method === 'PATCH' && /\/namespaces\/[^/]+-istio\/pods\/mesh-perf-gen-/.test(r.path),
    );
    expect(generators).toEqual([]);
    expect(run.written.scenarios.find((s) => s.mesh === 'none')?.trials[0]?.valid).toBe(true);
    // Istio was found installed on the existing cluster: used, never removed.
    expect(istio?.meshConfig?.version).toBe('1.30.3 (found installed)');
    expect(commandLines(run.calls).filter((l) => l.startsWith('istioctl'))).toEqual([]);
  });

  it('a generator that restarted makes its trial invalid', async () => {
    const run = await runClusterScenario({
      provider: 'existing',
      meshes: ['none'],
      generatorExit: () => ({ restarts: 1 }),
    });
    api = run.api;
    expect(run.outcome.exitCode).toBe(3);
    expect(run.written.scenarios[0]?.trials[0]).toMatchObject({
      valid: false,
      invalidReasons: ['load generator mesh-perf-gen-t0-0 restarted during the trial'],
    });
  });

  it('a wait that times out: exit 3, the result written, the namespaces removed', async () => {
    // Cross-node placement on a cluster with one worker: the client probe can never be placed.
    const run = await runClusterScenario({
      provider: 'existing',
      meshes: ['none', 'app-mtls'],
      placement: 'cross-node',
      nodes: [
        { name: 'mesh-perf-control-plane', controlPlane: true },
        { name: 'mesh-perf-worker' },
      ],
      timings: { deployTimeoutMs: 500 },
    });
    api = run.api;
    expect(run.outcome.exitCode).toBe(3);
    for (const scenario of run.written.scenarios) {
      expect(scenario.mtls.verified).toBe(false);
      expect(scenario.trials[0]?.valid).toBe(false);
      expect(scenario.trials[0]?.invalidReasons.join(' ')).toMatch(
        /did not come up: timed out after 1 s waiting until deployment \S+\/mesh-perf-client-probe is Available/,
      );
    }
    expect(
      run.api.store.objectsOf('Namespace').filter((n) => n.metadata.name.startsWith('mesh-perf-')),
    ).toEqual([]);
  });

  it('a failed install ends the run with exit 3, the document written, the cluster deleted', async () => {
    const run = await runClusterScenario({
      provider: 'kind',
      meshes: ['none', 'istio'],
      fail: ['istioctl install'],
    });
    api = run.api;
    expect(run.outcome.exitCode).toBe(3);
    expect(run.written.run.faults).toEqual([
      expect.stringMatching(
        /^install Istio 1\.30\.3 .*: istioctl exited with code 1\nfake istioctl: failing/,
      ),
    ]);
    expect(run.written.scenarios.map((s) => s.trials.length)).toEqual([0, 0]);
    const lines = commandLines(run.calls);
    expect(lines.at(-1)).toMatch(/^kind delete cluster --name mesh-perf-/);
    expect(run.cleanupPending).toBe(0);
  });

  it('Ctrl-C: no further load, the trial marked interrupted, the result written, teardown done', async () => {
    const run = await runClusterScenario({
      provider: 'existing',
      meshes: ['none', 'app-mtls'],
      interruptAtTrial: 0,
    });
    api = run.api;
    expect(run.outcome.exitCode).toBe(3);
    const none = run.written.scenarios.find((s) => s.mesh === 'none');
    expect(none?.trials[0]).toMatchObject({
      valid: false,
      invalidReasons: ['stopped before the load started', 'interrupted'],
    });
    expect(run.written.run.faults).toEqual(['interrupted before trial 2 of 2']);
    expect(
      run.api.requests.filter(
        (r) => r.method === 'PATCH' && r.path.includes('/pods/mesh-perf-gen-'),
      ),
    ).toEqual([]);
    expect(
      run.api.store.objectsOf('Namespace').filter((n) => n.metadata.name.startsWith('mesh-perf-')),
    ).toEqual([]);
  });
});
