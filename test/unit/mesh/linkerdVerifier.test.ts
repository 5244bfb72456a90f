// The Linkerd verifier: linkerd-proxy in both pods, the saved real `linkerd check --proxy` outputs,
// the l5d-client-id the server saw, and plaintext refused (Linkerd answers unauthenticated HTTP
// with 403); each misconfiguration makes mTLS unverified with a detail saying what was seen.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { linkerdVerifier } from '../../../src/mesh/linkerd/linkerdVerifier.js';
import type { ProbeOutcome } from '../../../src/mesh/probe/probePod.js';
import { fixturesDir } from '../../support/paths.js';
import { FakeKube, FakeRunner, answered, context, noSleep, ok, pod } from './meshFakes.js';

const fixture = (name: string): Promise<string> =>
  readFile(path.join(fixturesDir, 'mesh/linkerd', name), 'utf8');
const passing = await fixture('check-proxy.txt');
const CLIENT_ID = 'client.bench.serviceaccount.identity.linkerd.cluster.local';

const client = pod({
  name: 'client-6f8d',
  node: 'node-1',
  containers: [{ name: 'loadgen' }, { name: 'linkerd-proxy' }],
  initContainers: [{ name: 'linkerd-init', sidecar: false }],
});
const server = pod({
  name: 'server-77aa',
  node: 'node-2',
  initContainers: [{ name: 'linkerd-proxy', sidecar: true }],
});

async function verify(
  over: {
    identity?: ProbeOutcome;
    plaintext?: ProbeOutcome;
    check?: string;
    server?: typeof server;
  } = {},
) {
  const kube = new FakeKube(({ namespace }) =>
    namespace === 'bench'
      ? (over.identity ?? answered(200, { 'l5d-client-id': CLIENT_ID }))
      : (over.plaintext ?? answered(403)),
  );
  const runner = new FakeRunner(() => ok(over.check ?? passing));
  const mtls = await linkerdVerifier(noSleep).verify(
    context(kube, runner, client, over.server ?? server),
  );
  return { mtls, kube, runner };
}

describe('linkerdVerifier', () => {
  it('verifies proxies, linkerd check, the client identity and the refusal of plaintext', async () => {
    const { mtls, runner, kube } = await verify();
    expect(mtls).toEqual({
      verified: true,
      method: 'linkerd-client-id-probe',
      details: [
        'ok: client pod bench/client-6f8d: linkerd-proxy runs as a container and is ready',
        'ok: server pod bench/server-77aa: linkerd-proxy runs as a native sidecar (init container, restartPolicy Always) and is ready',
        'ok: linkerd check --proxy --namespace bench: all 48 checks passed, 9 of them on the data plane',
        `ok: the server's linkerd-proxy reported the client's identity over mTLS: l5d-client-id: ${CLIENT_ID}`,
        "ok: plaintext client outside the mesh (pod bench-outside/mesh-perf-probe-plaintext-abc123) -> http://server.bench.svc.cluster.local:8080/debug/headers: refused by the mesh's proxy with HTTP 403",
      ],
    });
    expect(runner.calls).toEqual([
      {
        command: '/tools/linkerd',
        args: ['check', '--proxy', '--namespace', 'bench', '--wait', '60s'],
      },
    ]);
    expect(kube.probePods()[0]?.metadata.annotations).toEqual({
      'config.linkerd.io/proxy-enable-native-sidecar': 'true',
      'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true',
    });
    expect(kube.applied.find((o) => o.kind === 'Namespace')?.metadata.annotations).toEqual({
      'linkerd.io/inject': 'disabled',
    });
  });

  it('fails when linkerd check reports a failure', async () => {
    const { mtls } = await verify({ check: await fixture('check-failed-issue13306.txt') });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[2]).toBe(
      'FAILED: linkerd check --proxy --namespace bench: 1 check(s) failed: linkerd-config: control plane CustomResourceDefinitions exist (missing egressnetworks.policy.linkerd.io)',
    );
  });

  it('fails when the data-plane checks did not run', async () => {
    const controlPlaneOnly = passing.split('\nlinkerd-identity-data-plane')[0] ?? '';
    const { mtls } = await verify({ check: controlPlaneOnly });
    expect(mtls.details[2]).toBe(
      'FAILED: linkerd check --proxy --namespace bench: the linkerd-data-plane and linkerd-identity-data-plane checks did not run',
    );
  });

  it.each<[string, ProbeOutcome, string]>([
    [
      'no header',
      answered(200, { host: 'server' }),
      'FAILED: the server saw no l5d-client-id header: the request did not arrive over mTLS from a meshed client',
    ],
    [
      'another identity',
      answered(200, {
        'l5d-client-id': 'default.bench.serviceaccount.identity.linkerd.cluster.local',
      }),
      "FAILED: the server saw l5d-client-id: default.bench.serviceaccount.identity.linkerd.cluster.local, not the client's identity client.bench.serviceaccount.identity.linkerd.<trust domain>",
    ],
    [
      'a 503 from the proxy',
      answered(503),
      "FAILED: probe with the client's identity (pod bench/mesh-perf-probe-identity-abc123) -> http://server.bench.svc.cluster.local:8080/debug/headers: answered HTTP 503, 200 required",
    ],
  ])('fails on %s', async (_name, identity, detail) => {
    const { mtls } = await verify({ identity });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[3]).toBe(detail);
  });

  it('fails when a plaintext client from outside the mesh is served', async () => {
    const { mtls } = await verify({ plaintext: answered(200) });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[4]).toMatch(
      /ACCEPTED, answered HTTP 200: the server takes plaintext, mTLS is not enforced$/,
    );
  });

  it('fails when the server pod is not meshed', async () => {
    const { mtls } = await verify({ server: pod({ name: 'server-77aa', node: 'node-2' }) });
    expect(mtls.details[1]).toBe(
      'FAILED: server pod bench/server-77aa has no linkerd-proxy container (it has: app): the pod is not in the mesh',
    );
  });
});
