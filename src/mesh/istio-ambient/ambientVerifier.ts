// Verifies Istio ambient mTLS on the measured path: both pods are captured by ztunnel (istio-cni's
// annotation, no sidecar, HBONE in the ztunnel on each of their nodes), a probe with the client's
// identity gets through and the server node's ztunnel logs that connection with both SPIFFE
// identities, and a plaintext client from outside the mesh is refused.
import type { PodInfo } from '../../kube/kubeApi.js';
import { istioctlZtunnelWorkloadsArgs } from '../istio/istioctlArgs.js';
import { ISTIO_NAMESPACE } from '../istio/istioResources.js';
import type { MeshVerifier, VerifyContext } from '../meshPlan.js';
import { ambientCaptureCheck, peerNodes } from '../podChecks.js';
import { PROBE_TIMEOUT_MS, runContextProbes } from '../probe/peerProbes.js';
import { plaintextRefusedCheck } from '../probe/probeJudges.js';
import { randomSuffix } from '../probe/probeRunner.js';
import {
  failed,
  mtlsFrom,
  passed,
  realSleep,
  reasonOf,
  type Check,
  type VerifierDeps,
} from '../verification.js';
import { ztunnelIdentityCheck, type ZtunnelPods } from '../ztunnelIdentity.js';
import { ZTUNNEL_CONTAINER, ZTUNNEL_LABELS } from './ambientPlan.js';
import { parseZtunnelWorkloads } from './ztunnelOutput.js';

export const AMBIENT_METHOD = 'ztunnel-hbone-identity-probe';
const CLI_TIMEOUT_MS = 60_000;

const ISTIO_ZTUNNEL: ZtunnelPods = {
  namespace: ISTIO_NAMESPACE,
  labelSelector: ZTUNNEL_LABELS,
  container: ZTUNNEL_CONTAINER,
};

export function istioAmbientVerifier(deps: VerifierDeps = {}): MeshVerifier {
  const suffix = deps.suffix ?? randomSuffix;
  const sleep = deps.sleep ?? realSleep;
  return {
    async verify(context) {
      const checks: Check[] = [
        ambientCaptureCheck(context.client, 'client'),
        ambientCaptureCheck(context.server, 'server'),
      ];
      for (const node of peerNodes(context.client, context.server))
        checks.push(await hboneCheck(context, node));
      const probes = await runContextProbes(context, suffix(), {});
      checks.push(await ztunnelIdentityCheck(context, probes, ISTIO_ZTUNNEL, sleep));
      checks.push(plaintextRefusedCheck(probes.plaintext, probes.url, PROBE_TIMEOUT_MS));
      return mtlsFrom(AMBIENT_METHOD, checks, [probes.note]);
    },
  };
}

async function hboneCheck(context: VerifyContext, node: string | null): Promise<Check> {
  if (node === null) return failed('a workload pod is not scheduled on a node: no ztunnel to ask');
  const label = `ztunnel on node ${node}`;
  const istioctl = context.tools.istioctl ?? 'istioctl';
  let table: string;
  try {
    const result = await context.runner.run(
      istioctl,
      istioctlZtunnelWorkloadsArgs(node, context.namespace),
      { timeoutMs: CLI_TIMEOUT_MS },
    );
    if (result.code !== 0) {
      return failed(
        `${label}: istioctl ztunnel-config workloads exited ${result.code}: ${firstLine(result.stderr)}`,
      );
    }
    table = result.stdout;
  } catch (error) {
    return failed(`${label}: istioctl ztunnel-config workloads failed: ${reasonOf(error)}`);
  }
  let rows;
  try {
    rows = parseZtunnelWorkloads(table);
  } catch (error) {
    return failed(`${label}: ${reasonOf(error)}`);
  }
  const protocolOf = (pod: PodInfo): string =>
    rows.find((row) => row.namespace === pod.namespace && row.pod === pod.name)?.protocol ??
    'not listed';
  const client = protocolOf(context.client);
  const server = protocolOf(context.server);
  const seen = `client pod ${context.client.name}: ${client}, server pod ${context.server.name}: ${server}`;
  return client === 'HBONE' && server === 'HBONE'
    ? passed(`${label} sends and accepts HBONE (mTLS) for both workloads (${seen})`)
    : failed(`${label} does not have both workloads on HBONE (${seen})`);
}

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';
