// The Istio ambient verifier: workloads captured by ztunnel (istio-cni's annotation, HBONE in the
// saved `istioctl ztunnel-config workloads` table), the identity ztunnel logged for the probe's
// connection, and the refusal of plaintext; each misconfiguration makes mTLS unverified.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { istioAmbientVerifier } from '../../../src/mesh/istio-ambient/ambientVerifier.js';
import type { CommandResult } from '../../../src/process/processRunner.js';
import { fixturesDir } from '../../support/paths.js';
import { FakeKube, FakeRunner, answered, context, ok, pod, refused } from './meshFakes.js';

const table = await readFile(
  path.join(fixturesDir, 'mesh/istio/ztunnel-workloads-default.txt'),
  'utf8',
);
const captured = { 'ambient.istio.io/redirection': 'enabled' };
// Pods of the saved table: sleep and details are HBONE on ambient-worker2, httpbin is TCP.
const client = pod({
  namespace: 'default',
  name: 'sleep-7656cf8794-lxcmx',
  node: 'ambient-worker2',
  serviceAccount: 'sleep',
  annotations: captured,
});
const server = pod({
  namespace: 'default',
  name: 'details-v1-698d88b-krdw7',
  node: 'ambient-worker2',
  serviceAccount: 'bookinfo-details',
  annotations: captured,
});
const ztunnel = pod({
  namespace: 'istio-system',
  name: 'ztunnel-qk2pp',
  node: 'ambient-worker2',
  labels: { app: 'ztunnel' },
  containers: [{ name: 'istio-proxy' }],
});

/** The documentation's inbound access line, with the probe and server of this test in it. */
function accessLine(src = 'mesh-perf-probe-identity-abc123', srcSa = 'sleep', extra = ''): string {
  return `2024-05-04T09:59:05.028709Z\tinfo\taccess\tconnection complete\tsrc.addr=10.244.1.12:60059 src.workload="${src}" src.namespace="default" src.identity="spiffe://cluster.local/ns/default/sa/${srcSa}" dst.addr=10.244.2.55:15008 dst.hbone_addr="10.244.2.55:9080" dst.service="details.default.svc.cluster.local" dst.workload="details-v1-698d88b-krdw7" dst.namespace="default" dst.identity="spiffe://cluster.local/ns/default/sa/bookinfo-details" direction="inbound" bytes_sent=175 bytes_recv=80 duration="1ms"${extra}`;
}

interface Setup {
  pods?: { client: typeof client; server: typeof server };
  workloads?: CommandResult;
  logs?: string[];
  plaintext?: ReturnType<typeof refused>;
}

async function verify(setup: Setup = {}) {
  const kube = new FakeKube(({ namespace }) =>
    namespace === 'default' ? answered(200, { host: 'details' }) : (setup.plaintext ?? refused()),
  );
  kube.pods = [ztunnel];
  kube.logs.set('istio-system/ztunnel-qk2pp', setup.logs ?? ['', accessLine()]);
  const runner = new FakeRunner(() => setup.workloads ?? ok(table));
  let sleeps = 0;
  const verifier = istioAmbientVerifier({
    suffix: () => 'abc123',
    sleep: () => {
      sleeps++;
      return Promise.resolve();
    },
  });
  const { client: c, server: s } = setup.pods ?? { client, server };
  const mtls = await verifier.verify(
    context(kube, runner, c, s, { namespace: 'default', serverUrl: 'http://details.default:9080' }),
  );
  return { mtls, kube, runner, sleeps: () => sleeps };
}

describe('istioAmbientVerifier', () => {
  it('verifies capture, HBONE, the identities ztunnel logged and the refusal of plaintext', async () => {
    const { mtls, runner, sleeps, kube } = await verify();
    expect(mtls).toEqual({
      verified: true,
      method: 'ztunnel-hbone-identity-probe',
      details: [
        'ok: client pod default/sleep-7656cf8794-lxcmx: annotated ambient.istio.io/redirection=enabled by istio-cni, no sidecar',
        'ok: server pod default/details-v1-698d88b-krdw7: annotated ambient.istio.io/redirection=enabled by istio-cni, no sidecar',
        'ok: ztunnel on node ambient-worker2 sends and accepts HBONE (mTLS) for both workloads (client pod sleep-7656cf8794-lxcmx: HBONE, server pod details-v1-698d88b-krdw7: HBONE)',
        "ok: ztunnel ztunnel-qk2pp on ambient-worker2 logged the probe's inbound mTLS (HBONE) connection to details-v1-698d88b-krdw7: src.identity=spiffe://cluster.local/ns/default/sa/sleep, dst.identity=spiffe://cluster.local/ns/default/sa/bookinfo-details",
        'ok: plaintext client outside the mesh (pod default-outside/mesh-perf-probe-plaintext-abc123) -> http://details.default:9080/debug/headers: refused (ECONNRESET: socket hang up)',
      ],
    });
    // One ztunnel asked (both pods on one node), the log read until the line appeared.
    expect(runner.calls).toEqual([
      {
        command: '/tools/istioctl',
        args: [
          'ztunnel-config',
          'workloads',
          '--node',
          'ambient-worker2',
          '--workload-namespace',
          'default',
        ],
      },
    ]);
    expect(sleeps()).toBe(1);
    expect(kube.probePods()[0]?.metadata.annotations).toEqual({});
  });

  it('fails on a pod istio-cni did not capture, or one with a sidecar', async () => {
    const plain = pod({
      namespace: 'default',
      name: 'sleep-7656cf8794-lxcmx',
      node: 'ambient-worker2',
      serviceAccount: 'sleep',
    });
    const sidecar = pod({
      namespace: 'default',
      name: 'details-v1-698d88b-krdw7',
      node: 'ambient-worker2',
      annotations: captured,
      containers: [{ name: 'details' }, { name: 'istio-proxy' }],
    });
    const { mtls } = await verify({ pods: { client: plain, server: sidecar } });
    expect(mtls.verified).toBe(false);
    expect(mtls.details.slice(0, 2)).toEqual([
      'FAILED: client pod default/sleep-7656cf8794-lxcmx: ambient.istio.io/redirection is missing, so istio-cni did not redirect it into ztunnel',
      'FAILED: server pod default/details-v1-698d88b-krdw7 has an istio-proxy sidecar: its traffic would go through the sidecar, not ztunnel',
    ]);
  });

  it('fails when ztunnel has a workload on plain TCP', async () => {
    const httpbin = pod({
      namespace: 'default',
      name: 'httpbin-7447985f87-t8hv7',
      node: 'ambient-worker',
      annotations: captured,
    });
    const { mtls, runner } = await verify({ pods: { client, server: httpbin } });
    expect(mtls.verified).toBe(false);
    expect(runner.calls.map((c) => c.args[3])).toEqual(['ambient-worker2', 'ambient-worker']);
    expect(mtls.details[2]).toBe(
      'FAILED: ztunnel on node ambient-worker2 does not have both workloads on HBONE (client pod sleep-7656cf8794-lxcmx: HBONE, server pod httpbin-7447985f87-t8hv7: TCP)',
    );
  });

  it('fails when istioctl cannot reach the ztunnel', async () => {
    const { mtls } = await verify({
      workloads: { code: 1, stdout: '', stderr: 'Error: no ztunnel pod on node ambient-worker2\n' },
    });
    expect(mtls.details[2]).toBe(
      'FAILED: ztunnel on node ambient-worker2: istioctl ztunnel-config workloads exited 1: Error: no ztunnel pod on node ambient-worker2',
    );
  });

  it('fails when ztunnel never logs the probe connection, after a bounded number of reads', async () => {
    const { mtls, sleeps } = await verify({ logs: [accessLine('someone-else')] });
    expect(mtls.verified).toBe(false);
    expect(sleeps()).toBe(9);
    expect(mtls.details[3]).toBe(
      "FAILED: ztunnel ztunnel-qk2pp on ambient-worker2 logged no inbound connection from mesh-perf-probe-identity-abc123 to details-v1-698d88b-krdw7: the probe's traffic did not go through ztunnel",
    );
  });

  it.each([
    [
      accessLine(undefined, 'default'),
      "logged src.identity=spiffe://cluster.local/ns/default/sa/default, not the client's service account sleep",
    ],
    [
      accessLine(undefined, 'sleep', ' error="connection closed due to policy rejection"'),
      'logged the probe\'s connection with error "connection closed due to policy rejection"',
    ],
  ])('fails on what ztunnel logged: %#', async (line, detail) => {
    const { mtls } = await verify({ logs: [line] });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[3]).toBe(`FAILED: ztunnel ztunnel-qk2pp on ambient-worker2 ${detail}`);
  });

  it('fails when plaintext from outside the mesh gets through', async () => {
    const { mtls } = await verify({ plaintext: answered(200) });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[4]).toMatch(/ACCEPTED, answered HTTP 200/);
  });
});
