// Cilium as the cluster's CNI with transparent encryption: WireGuard by default, IPsec or ztunnel
// (beta, mTLS per namespace) selectable; the key material the modes need is generated when the
// step runs. Cilium is the network itself, so on an existing cluster it is never installed or
// removed: it must already run there with the requested encryption, which verification checks.
import type { Step } from '../../cluster/steps.js';
import type { MeshPlan, MeshPodSelector } from '../meshPlan.js';
import { INSTALL_TIMEOUT_MS, READY_TIMEOUT_MS, type MeshPlanOptions } from '../planOptions.js';
import {
  ciliumInstallArgs,
  ciliumSettings,
  ciliumStatusArgs,
  type CiliumInstallation,
} from './ciliumArgs.js';

export const CILIUM_NAMESPACE = 'kube-system';
export const CILIUM_AGENT_LABELS = 'k8s-app=cilium';
export const CILIUM_AGENT_CONTAINER = 'cilium-agent';
export const CILIUM_ZTUNNEL_LABELS = 'app=ztunnel-cilium';
/** The ztunnel-cilium pod keeps the container name of Istio's ztunnel chart. */
export const CILIUM_ZTUNNEL_CONTAINER = 'istio-proxy';
export const ZTUNNEL_ENROLLMENT_LABEL = 'io.cilium/mtls-enabled';

const daemonsetWait = (name: string, what: string): Step => ({
  kind: 'wait',
  title: `wait for ${what} on every node`,
  target: { type: 'daemonset-ready', namespace: CILIUM_NAMESPACE, name },
  timeoutMs: READY_TIMEOUT_MS,
});

export function ciliumPlan(options: MeshPlanOptions): MeshPlan {
  const installation: CiliumInstallation = {
    version: options.ciliumVersion,
    encryption: options.ciliumEncryption,
    kubeProxyReplacement: options.provider === 'kind',
    proxyMeshes: (options.sharedWith ?? []).some(
      (mesh) => mesh === 'istio' || mesh === 'istio-ambient' || mesh === 'linkerd',
    ),
  };
  const preinstalled = options.provider === 'existing';
  const ztunnel = installation.encryption === 'ztunnel';
  const readiness: Step[] = [
    {
      kind: 'command',
      title: 'wait until every Cilium component reports OK',
      command: 'cilium',
      args: ciliumStatusArgs(READY_TIMEOUT_MS / 1000),
      timeoutMs: READY_TIMEOUT_MS + 60_000,
    },
    daemonsetWait('cilium', 'the Cilium agent'),
    {
      kind: 'wait',
      title: 'wait for the Cilium operator',
      target: {
        type: 'deployment-available',
        namespace: CILIUM_NAMESPACE,
        name: 'cilium-operator',
      },
      timeoutMs: READY_TIMEOUT_MS,
    },
    daemonsetWait('cilium-envoy', 'cilium-envoy'),
    ...(ztunnel ? [daemonsetWait('ztunnel-cilium', "Cilium's ztunnel")] : []),
    {
      kind: 'wait',
      title: 'wait for every node to be Ready',
      target: { type: 'nodes-ready' },
      timeoutMs: READY_TIMEOUT_MS,
    },
  ];
  return {
    mesh: 'cilium',
    info: {
      version: preinstalled ? 'preinstalled' : installation.version,
      profile: preinstalled ? 'preinstalled (not installed by the run)' : 'cilium install (Helm)',
      flags: [
        ...ciliumSettings(installation).map((s) => `--set ${s}`),
        ...(ztunnel ? [`namespace label ${ZTUNNEL_ENROLLMENT_LABEL}=true`] : []),
        ...(installation.encryption === 'ztunnel'
          ? []
          : ['pod-to-pod traffic is encrypted only between nodes']),
      ],
    },
    install: preinstalled
      ? readiness
      : [...secretSteps(installation), installStep(installation), ...readiness],
    namespaceLabels: ztunnel ? { [ZTUNNEL_ENROLLMENT_LABEL]: 'true' } : {},
    namespaceAnnotations: {},
    enforce: [],
    verifyStep: {
      kind: 'verify',
      title: `verify encryption on the measured path (cilium ${installation.encryption})`,
      checks: verifyChecks(options),
    },
    attribution: { proxyContainers: [], meshPods: meshPods(ztunnel) },
    // Removing the CNI would cut the cluster's network: never done, on any provider.
    uninstall: [],
  };
}

function secretSteps(installation: CiliumInstallation): Step[] {
  switch (installation.encryption) {
    case 'wireguard':
      return [];
    case 'ipsec':
      return [
        {
          kind: 'generated-secret',
          title: 'create the IPsec pre-shared key',
          namespace: CILIUM_NAMESPACE,
          name: 'cilium-ipsec-keys',
          generator: 'cilium-ipsec-keys',
        },
      ];
    case 'ztunnel':
      return [
        {
          kind: 'generated-secret',
          title: "create ztunnel's bootstrap certificate and CA",
          namespace: CILIUM_NAMESPACE,
          name: 'cilium-ztunnel-secrets',
          generator: 'cilium-ztunnel-secrets',
        },
      ];
  }
}

function installStep(installation: CiliumInstallation): Step {
  return {
    kind: 'command',
    title: `install Cilium ${installation.version} with ${installation.encryption} encryption`,
    command: 'cilium',
    args: ciliumInstallArgs(installation, INSTALL_TIMEOUT_MS / 2000),
    timeoutMs: INSTALL_TIMEOUT_MS,
  };
}

function verifyChecks(options: MeshPlanOptions): string[] {
  if (options.ciliumEncryption === 'ztunnel') {
    return [
      "ztunnel-cilium runs and is ready on the client's and the server's node",
      "a probe pod with the client's service account gets 200 from the server, and the server node's ztunnel logs that inbound connection with src.identity = the client's SPIFFE identity and dst.identity = the server's",
    ];
  }
  const mode =
    options.ciliumEncryption === 'ipsec'
      ? 'IPsec with keys in use'
      : 'Wireguard with a peer for every other node';
  return [
    'the client and the server run on different nodes: WireGuard and IPsec do not encrypt traffic between pods on the same node, so same-node placement is reported as NOT verified',
    `cilium-dbg encrypt status in the cilium-agent on the client's and the server's node reports ${mode}`,
  ];
}

function meshPods(ztunnel: boolean): MeshPodSelector[] {
  const nodeAgent = (labelSelector: string): MeshPodSelector => ({
    namespace: CILIUM_NAMESPACE,
    labelSelector,
    component: 'node-agent',
  });
  return [
    nodeAgent(CILIUM_AGENT_LABELS),
    nodeAgent('k8s-app=cilium-envoy'),
    ...(ztunnel ? [nodeAgent(CILIUM_ZTUNNEL_LABELS)] : []),
    {
      namespace: CILIUM_NAMESPACE,
      labelSelector: 'io.cilium/app=operator',
      component: 'control-plane',
    },
  ];
}
