// The strongest ztunnel check: after a probe with the client's identity got through, the ztunnel on
// the server's node must have logged that inbound connection with the client's and the server's
// SPIFFE identities. Shared by Istio ambient and Cilium's ztunnel mode (the same ztunnel).
import type { KubeApi } from '../kube/kubeApi.js';
import { inboundConnections } from './istio-ambient/ztunnelOutput.js';
import { isIdentityOf } from './istio/xfcc.js';
import type { VerifyContext } from './meshPlan.js';
import { serviceAccountOf } from './podChecks.js';
import type { PeerProbes } from './probe/peerProbes.js';
import { isCheck, serverSeenHeaders } from './probe/probeJudges.js';
import { failed, passed, type Check } from './verification.js';

/** Where a mesh runs its ztunnel pods. */
export interface ZtunnelPods {
  namespace: string;
  labelSelector: string;
  container: string;
}

/** ztunnel writes the access line when the connection closes; give it a few reads to appear. */
const LOG_READS = 10;
const LOG_PAUSE_MS = 1000;

export async function ztunnelOnNode(
  kube: KubeApi,
  ztunnel: ZtunnelPods,
  node: string | null,
): Promise<string | null> {
  if (node === null) return null;
  const pods = await kube.listPods(ztunnel.namespace, ztunnel.labelSelector);
  return pods.find((pod) => pod.nodeName === node)?.name ?? null;
}

export async function ztunnelIdentityCheck(
  context: VerifyContext,
  probes: PeerProbes,
  ztunnel: ZtunnelPods,
  sleep: (ms: number) => Promise<void>,
): Promise<Check> {
  const seen = serverSeenHeaders(probes.identity, probes.url, "probe with the client's identity");
  if (isCheck(seen)) return seen;
  const node = context.server.nodeName;
  const pod = await ztunnelOnNode(context.kube, ztunnel, node);
  if (pod === null) {
    return failed(
      `no ztunnel pod (${ztunnel.labelSelector}) on the server's node ${node ?? '(none)'}`,
    );
  }
  const where = `ztunnel ${pod} on ${node ?? '(none)'}`;
  const clientSa = serviceAccountOf(context.client);
  const serverSa = serviceAccountOf(context.server);
  for (let read = 1; read <= LOG_READS; read++) {
    const log = await context.kube.podLogs(ztunnel.namespace, pod, ztunnel.container);
    const entry = inboundConnections(log, probes.identityPod, context.server.name).at(-1);
    if (entry) {
      const src = entry.fields['src.identity'] ?? 'none';
      const dst = entry.fields['dst.identity'] ?? 'none';
      if (entry.fields.error !== undefined) {
        return failed(`${where} logged the probe's connection with error "${entry.fields.error}"`);
      }
      if (!isIdentityOf(src, context.client.namespace, clientSa)) {
        return failed(
          `${where} logged src.identity=${src}, not the client's service account ${clientSa}`,
        );
      }
      if (!isIdentityOf(dst, context.server.namespace, serverSa)) {
        return failed(
          `${where} logged dst.identity=${dst}, not the server's service account ${serverSa}`,
        );
      }
      return passed(
        `${where} logged the probe's inbound mTLS (HBONE) connection to ${context.server.name}: src.identity=${src}, dst.identity=${dst}`,
      );
    }
    if (read < LOG_READS) await sleep(LOG_PAUSE_MS);
  }
  return failed(
    `${where} logged no inbound connection from ${probes.identityPod} to ${context.server.name}: the probe's traffic did not go through ztunnel`,
  );
}
