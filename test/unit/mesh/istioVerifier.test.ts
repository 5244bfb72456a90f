// The Istio sidecar verifier against a fake API server edge: what it creates, and that every
// misconfiguration it is meant to catch makes mTLS unverified with a detail saying what was seen.
import { describe, expect, it } from '@jest/globals';
import { istioVerifier } from '../../../src/mesh/istio/istioVerifier.js';
import type { ProbeOutcome } from '../../../src/mesh/probe/probePod.js';
import {
  FakeKube,
  FakeRunner,
  answered,
  context,
  noSleep,
  pod,
  refused,
  type ProbeBehaviour,
} from './meshFakes.js';

const XFCC =
  'By=spiffe://cluster.local/ns/bench/sa/server;Hash=20afebed6da091c850264cc751b8c9306abac02993f80bdb76282237422bd098;Subject="";URI=spiffe://cluster.local/ns/bench/sa/client';

const client = pod({
  name: 'client-7d9f',
  node: 'node-1',
  initContainers: [
    { name: 'istio-init', sidecar: false },
    { name: 'istio-proxy', sidecar: true },
  ],
});
const server = pod({
  name: 'server-5c4b',
  node: 'node-1',
  containers: [{ name: 'server' }, { name: 'istio-proxy' }],
});

/** Inside the mesh the identity probe is answered; from outside, `outside` decides. */
function network(identity: ProbeOutcome, outside: ProbeOutcome = refused()): ProbeBehaviour {
  return ({ namespace }) => (namespace === 'bench' ? identity : outside);
}

async function verify(behaviour: ProbeBehaviour, pods = { client, server }) {
  const kube = new FakeKube(behaviour);
  const runner = new FakeRunner(() => ({ code: 127, stdout: '', stderr: 'not expected' }));
  const mtls = await istioVerifier(noSleep).verify(context(kube, runner, pods.client, pods.server));
  return { mtls, kube, runner };
}

describe('istioVerifier', () => {
  it('verifies proxies, the identity the server saw and the refusal of plaintext', async () => {
    const { mtls, kube, runner } = await verify(
      network(answered(200, { 'x-forwarded-client-cert': XFCC })),
    );
    expect(mtls.verified).toBe(true);
    expect(mtls.method).toBe('istio-sidecar-xfcc-probe');
    expect(mtls.details).toEqual([
      'ok: client pod bench/client-7d9f: istio-proxy runs as a native sidecar (init container, restartPolicy Always) and is ready',
      'ok: server pod bench/server-5c4b: istio-proxy runs as a container and is ready',
      "ok: the server's istio-proxy reported the client's identity over mTLS: X-Forwarded-Client-Cert URI=spiffe://cluster.local/ns/bench/sa/client, By=spiffe://cluster.local/ns/bench/sa/server",
      'ok: plaintext client outside the mesh (pod bench-outside/mesh-perf-probe-plaintext-abc123) -> http://server.bench.svc.cluster.local:8080/debug/headers: refused (ECONNRESET: socket hang up)',
    ]);
    expect(runner.calls).toEqual([]);
    const [identity, plaintext] = kube.probePods();
    expect(identity?.metadata).toMatchObject({
      namespace: 'bench',
      name: 'mesh-perf-probe-identity-abc123',
      annotations: { 'sidecar.istio.io/nativeSidecar': 'true' },
    });
    expect(identity?.spec).toMatchObject({ serviceAccountName: 'client', restartPolicy: 'Never' });
    expect(plaintext?.metadata.namespace).toBe('bench-outside');
    expect(kube.applied.find((o) => o.kind === 'Namespace')?.metadata).toMatchObject({
      name: 'bench-outside',
      labels: { 'istio-injection': 'disabled' },
    });
    expect(kube.deleted).toEqual(['bench-outside']);
  });

  it('fails when the server pod has no istio-proxy', async () => {
    const bare = pod({ name: 'server-5c4b', node: 'node-1', containers: [{ name: 'server' }] });
    const { mtls } = await verify(network(answered(200, { 'x-forwarded-client-cert': XFCC })), {
      client,
      server: bare,
    });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[1]).toBe(
      'FAILED: server pod bench/server-5c4b has no istio-proxy container (it has: server): the pod is not in the mesh',
    );
  });

  it('fails on an istio-proxy init container that is not a native sidecar, or not ready', async () => {
    const init = pod({
      name: 'client-7d9f',
      node: 'node-1',
      initContainers: [{ name: 'istio-proxy', sidecar: false }],
    });
    const notReady = pod({
      name: 'server-5c4b',
      node: 'node-1',
      containers: [{ name: 'istio-proxy', ready: false }],
    });
    const { mtls } = await verify(network(answered(200, { 'x-forwarded-client-cert': XFCC })), {
      client: init,
      server: notReady,
    });
    expect(mtls.details.slice(0, 2)).toEqual([
      'FAILED: client pod bench/client-7d9f: istio-proxy is an init container without restartPolicy Always, so it does not run next to the app',
      'FAILED: server pod bench/server-5c4b: istio-proxy is a container but is not ready',
    ]);
  });

  it('fails when the server saw no X-Forwarded-Client-Cert (plaintext arrived)', async () => {
    const { mtls } = await verify(network(answered(200, { host: 'server' })));
    expect(mtls.verified).toBe(false);
    expect(mtls.details[2]).toMatch(/^FAILED: the server saw no X-Forwarded-Client-Cert header/);
  });

  it.each([
    [
      'By=spiffe://cluster.local/ns/bench/sa/server;URI=spiffe://cluster.local/ns/bench/sa/default',
      "FAILED: X-Forwarded-Client-Cert names spiffe://cluster.local/ns/bench/sa/default, not the client's identity spiffe://<trust domain>/ns/bench/sa/client",
    ],
    [
      'By=spiffe://cluster.local/ns/other/sa/gateway;URI=spiffe://cluster.local/ns/bench/sa/client',
      "FAILED: X-Forwarded-Client-Cert was added by spiffe://cluster.local/ns/other/sa/gateway, not the server's identity spiffe://<trust domain>/ns/bench/sa/server",
    ],
  ])('fails on the wrong identity: %s', async (xfcc, detail) => {
    const { mtls } = await verify(network(answered(200, { 'x-forwarded-client-cert': xfcc })));
    expect(mtls.verified).toBe(false);
    expect(mtls.details[2]).toBe(detail);
  });

  it('fails when a plaintext client from outside the mesh is answered', async () => {
    const { mtls } = await verify(
      network(answered(200, { 'x-forwarded-client-cert': XFCC }), answered(200)),
    );
    expect(mtls.verified).toBe(false);
    expect(mtls.details[3]).toMatch(
      /ACCEPTED, answered HTTP 200: the server takes plaintext, mTLS is not enforced$/,
    );
  });

  it('does not count a timeout as a refusal', async () => {
    const { mtls } = await verify(
      network(answered(200, { 'x-forwarded-client-cert': XFCC }), { kind: 'timeout' }),
    );
    expect(mtls.verified).toBe(false);
    expect(mtls.details[3]).toMatch(/no answer within 5000 ms \(neither served nor refused\)$/);
  });

  it('reports a probe pod that never completed, and still removes the outside namespace', async () => {
    const kube = new FakeKube(network(answered(200, { 'x-forwarded-client-cert': XFCC })));
    kube.stuck.add('bench/mesh-perf-probe-identity-abc123');
    const runner = new FakeRunner(() => ({ code: 0, stdout: '', stderr: '' }));
    const mtls = await istioVerifier(noSleep).verify(context(kube, runner, client, server));
    expect(mtls.verified).toBe(false);
    expect(mtls.details[2]).toBe(
      "FAILED: probe with the client's identity: the probe pod bench/mesh-perf-probe-identity-abc123 did not report (pod bench/mesh-perf-probe-identity-abc123 has not completed after 300 s)",
    );
    expect(kube.deleted).toEqual(['bench-outside']);
  });
});
