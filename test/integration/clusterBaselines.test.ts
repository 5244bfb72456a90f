// The two baselines through the whole cluster path on provider `existing`: the fake API server as
// the user's cluster, fake CLIs on PATH, the real provider, run loop and result document. Each
// scenario gets its namespace, parks while the other runs, is verified and measured, and
// everything the run created is gone afterwards.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { FakeKubeApi } from '../support/fakeKubeApi.js';
import { RUN_ID, runClusterScenario } from '../support/clusterRuns.js';

let api: FakeKubeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const ns = (mesh: string): string => `mesh-perf-${RUN_ID.replace(/-/g, '').slice(0, 8)}-${mesh}`;

describe('provider existing, none and app-mtls, against the fake API server', () => {
  it('measures both, verifies app-mtls in the cluster, and leaves nothing behind', async () => {
    const run = await runClusterScenario({ provider: 'existing', meshes: ['none', 'app-mtls'] });
    api = run.api;
    expect(run.outcome.problems).toEqual([]);
    expect(run.outcome.exitCode).toBe(0);
    const [none, appMtls] = run.written.scenarios;
    expect(none?.mtls.method).toBe('not-applicable');
    expect(appMtls?.mtls).toMatchObject({ verified: true, method: 'client-certificate-probe' });
    for (const scenario of [none, appMtls]) {
      expect(scenario?.trials).toHaveLength(1);
      expect(scenario?.trials[0]?.valid).toBe(true);
      expect(Object.keys(scenario?.trials[0]?.resources ?? {}).sort()).toEqual([
        'client',
        'server',
      ]);
      expect(scenario?.meshConfig?.version).toBe('n/a');
    }
    // The fingerprint is the cluster's, not this machine's.
    expect(run.written.environment).toMatchObject({
      kubernetesVersion: 'v1.33.1',
      os: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(run.written.run.provider).toBe('existing');
    // app-mtls: the server and the generators mount their own side's keys; the verifier its own.
    const secrets = run.api.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes('/secrets/'),
    );
    expect([...new Set(secrets.map((r) => r.path.split('/').pop()))].sort()).toEqual([
      'mesh-perf-client-tls',
      'mesh-perf-server-tls',
      'mesh-perf-verify-tls',
    ]);
    // Both namespaces existed at once, and are deleted at the end.
    const created = run.api.requests
      .filter((r) => r.method === 'PATCH' && /^\/api\/v1\/namespaces\/[^/]+$/.test(r.path))
      .map((r) => r.path.split('/').pop());
    expect(created).toEqual(expect.arrayContaining([ns('none'), ns('app-mtls')]));
    const deleted = run.api.requests
      .filter((r) => r.method === 'DELETE' && /^\/api\/v1\/namespaces\/[^/]+$/.test(r.path))
      .map((r) => r.path.split('/').pop());
    expect(deleted).toEqual(expect.arrayContaining([ns('none'), ns('app-mtls')]));
    expect(
      run.api.store.objectsOf('Namespace').filter((n) => n.metadata.name.startsWith('mesh-perf-')),
    ).toEqual([]);
    expect(run.cleanupPending).toBe(0);
    // An existing cluster: no cluster tool runs, nothing is installed.
    expect(run.calls.filter((c) => c.cli !== 'kubectl')).toEqual([]);
  });

  it('runs fortio generator pods with the fortio argv and reads their result from the pod log', async () => {
    const run = await runClusterScenario({
      provider: 'existing',
      meshes: ['none'],
      engine: 'fortio',
      // The recorded fortio run's own load (test/fixtures/fortio, "plain").
      load: ['--rps', '300', '--connections', '30', '--duration', '3s', '--warmup', '0s'],
      extraFlags: ['--engine', 'fortio'],
    });
    api = run.api;
    expect(run.outcome.problems).toEqual([]);
    expect(run.written.run).toMatchObject({ engine: 'fortio', engineVersion: '1.68.2' });
    expect(run.written.scenarios[0]?.trials[0]).toMatchObject({
      valid: true,
      requestedRps: 300,
      requests: 900,
    });
    const generator = run.api.requests.find(
      (r) => r.method === 'PATCH' && r.path.endsWith('/pods/mesh-perf-gen-t0-0'),
    );
    const container = (
      generator?.body as { spec: { containers: { image: string; args: string[] }[] } }
    ).spec.containers[0];
    expect(container?.image).toBe('docker.io/fortio/fortio:1.68.2');
    expect(container?.args.slice(0, 7)).toEqual([
      'load',
      '-qps',
      '300',
      '-c',
      '30',
      '-t',
      '3000ms',
    ]);
    expect(container?.args.at(-1)).toBe(`http://mesh-perf-server.${ns('none')}.svc:8080/echo`);
  });
});
