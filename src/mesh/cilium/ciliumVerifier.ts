// Verifies Cilium's encryption on the measured path. WireGuard and IPsec: client and server must be
// on different nodes (neither encrypts same-node pod traffic), and the agent on each of their nodes
// must report the mode with peers or keys. ztunnel: ztunnel-cilium runs on both nodes and logs the
// identity probe's connection with both SPIFFE identities.
import type { CiliumEncryption } from '../../config/types.js';
import { kubectlExecArgs } from '../kubectlArgs.js';
import type { MeshVerifier, VerifyContext } from '../meshPlan.js';
import { peerNodes } from '../podChecks.js';
import { runContextProbes } from '../probe/peerProbes.js';
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
import { ENCRYPT_STATUS_COMMAND } from './ciliumArgs.js';
import {
  CILIUM_AGENT_CONTAINER,
  CILIUM_AGENT_LABELS,
  CILIUM_NAMESPACE,
  CILIUM_ZTUNNEL_CONTAINER,
  CILIUM_ZTUNNEL_LABELS,
} from './ciliumPlan.js';
import { parseEncryptStatus, type EncryptStatus } from './encryptStatus.js';

const MODE_NAMES: Record<Exclude<CiliumEncryption, 'ztunnel'>, string> = {
  wireguard: 'Wireguard',
  ipsec: 'IPsec',
};
const EXEC_TIMEOUT_MS = 60_000;
const CILIUM_ZTUNNEL: ZtunnelPods = {
  namespace: CILIUM_NAMESPACE,
  labelSelector: CILIUM_ZTUNNEL_LABELS,
  container: CILIUM_ZTUNNEL_CONTAINER,
};

export const ciliumMethod = (encryption: CiliumEncryption): string =>
  encryption === 'ztunnel'
    ? 'cilium-ztunnel-identity-probe'
    : `cilium-${encryption}-encrypt-status`;

export function ciliumVerifier(
  encryption: CiliumEncryption,
  deps: VerifierDeps = {},
): MeshVerifier {
  const suffix = deps.suffix ?? randomSuffix;
  const sleep = deps.sleep ?? realSleep;
  return {
    async verify(context) {
      if (encryption === 'ztunnel') {
        const checks: Check[] = [];
        for (const node of peerNodes(context.client, context.server))
          checks.push(await ztunnelRunning(context, node));
        const probes = await runContextProbes(context, suffix(), {});
        checks.push(await ztunnelIdentityCheck(context, probes, CILIUM_ZTUNNEL, sleep));
        // Enrolled and un-enrolled pods cannot talk at all in this mode, so a plaintext probe's
        // refusal would prove nothing about enforcement; it is not run.
        return mtlsFrom(ciliumMethod(encryption), checks, [probes.note]);
      }
      const checks: Check[] = [crossNodeCheck(context, MODE_NAMES[encryption])];
      const peersExpected = await otherNodes(context);
      for (const node of peerNodes(context.client, context.server)) {
        checks.push(await agentEncryptionCheck(context, node, encryption, peersExpected));
      }
      return mtlsFrom(ciliumMethod(encryption), checks);
    },
  };
}

export function crossNodeCheck(context: VerifyContext, mode: string): Check {
  const { client, server } = context;
  if (client.nodeName !== null && client.nodeName === server.nodeName) {
    return failed(
      `NOT ENCRYPTED: the client and the server both run on node ${client.nodeName} (placement ${context.placement}); ${mode} encrypts only traffic between nodes, so the measured path is plain text. Use placement cross-node to measure Cilium's encryption.`,
    );
  }
  if (client.nodeName === null || server.nodeName === null) {
    return failed('a workload pod is not scheduled on a node, so its path cannot be checked');
  }
  return passed(
    `the client (node ${client.nodeName}) and the server (node ${server.nodeName}) talk across nodes, through ${mode}`,
  );
}

/** WireGuard should have a peer for every other node; null when the nodes cannot be listed. */
async function otherNodes(context: VerifyContext): Promise<number | null> {
  try {
    return Math.max(0, (await context.kube.listNodes()).length - 1);
  } catch {
    return null;
  }
}

async function agentEncryptionCheck(
  context: VerifyContext,
  node: string | null,
  encryption: Exclude<CiliumEncryption, 'ztunnel'>,
  peersExpected: number | null,
): Promise<Check> {
  if (node === null) return failed('a workload pod is not scheduled on a node: no agent to ask');
  const agents = await context.kube.listPods(CILIUM_NAMESPACE, CILIUM_AGENT_LABELS);
  const agent = agents.find((pod) => pod.nodeName === node);
  if (!agent) return failed(`no Cilium agent pod (${CILIUM_AGENT_LABELS}) on node ${node}`);
  const label = `cilium-agent ${agent.name} on node ${node}`;
  let status: EncryptStatus;
  try {
    const args = kubectlExecArgs(
      CILIUM_NAMESPACE,
      agent.name,
      CILIUM_AGENT_CONTAINER,
      ENCRYPT_STATUS_COMMAND,
    );
    const result = await context.runner.run(context.tools.kubectl ?? 'kubectl', args, {
      timeoutMs: EXEC_TIMEOUT_MS,
    });
    if (result.code !== 0) {
      return failed(
        `${label}: cilium-dbg encrypt status exited ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`,
      );
    }
    status = parseEncryptStatus(result.stdout);
  } catch (error) {
    return failed(`${label}: cilium-dbg encrypt status: ${reasonOf(error)}`);
  }
  return judgeEncryptStatus(label, status, encryption, peersExpected);
}

export function judgeEncryptStatus(
  label: string,
  status: EncryptStatus,
  encryption: Exclude<CiliumEncryption, 'ztunnel'>,
  peersExpected: number | null,
): Check {
  const wanted = MODE_NAMES[encryption];
  if (status.mode !== wanted) {
    return failed(`${label} reports Encryption: ${status.mode}, ${wanted} expected`);
  }
  if (encryption === 'ipsec') {
    const keys = status.ipsec?.keysInUse ?? 0;
    const errors = status.ipsec?.errors ?? 0;
    return keys > 0
      ? passed(
          `${label} reports Encryption: IPsec with ${keys} key(s) in use (${errors} XFRM error(s))`,
        )
      : failed(`${label} reports Encryption: IPsec but no keys in use`);
  }
  const peers = status.wireguard.reduce((sum, device) => sum + (device.peers ?? 0), 0);
  const devices = status.wireguard.map((device) => device.name).join(', ') || 'no interface';
  const needed = Math.max(1, peersExpected ?? 1);
  return peers >= needed
    ? passed(`${label} reports Encryption: Wireguard on ${devices} with ${peers} peer(s)`)
    : failed(
        `${label} reports Encryption: Wireguard on ${devices} with ${peers} peer(s), ${needed} expected (one per other node)`,
      );
}

async function ztunnelRunning(context: VerifyContext, node: string | null): Promise<Check> {
  const pods = await context.kube.listPods(CILIUM_NAMESPACE, CILIUM_ZTUNNEL_LABELS);
  const pod = pods.find((p) => node !== null && p.nodeName === node);
  if (!pod)
    return failed(`no ztunnel-cilium pod (${CILIUM_ZTUNNEL_LABELS}) on node ${node ?? '(none)'}`);
  return pod.ready
    ? passed(`ztunnel-cilium ${pod.name} runs and is ready on node ${pod.nodeName ?? ''}`)
    : failed(`ztunnel-cilium ${pod.name} on node ${pod.nodeName ?? ''} is not ready`);
}
