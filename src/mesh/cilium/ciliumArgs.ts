// argv of the cilium CLI commands the Cilium plan runs, and of the agent's own CLI (cilium-dbg,
// the agent image's debug CLI since Cilium 1.15) that verification runs inside the agent pod.
import type { CiliumEncryption } from '../../config/types.js';

export interface CiliumInstallation {
  version: string;
  encryption: CiliumEncryption;
  /** On kind the cluster runs without kube-proxy, so Cilium must replace it. */
  kubeProxyReplacement: boolean;
  /** Istio or Linkerd share the cluster: their traffic redirection must keep working. */
  proxyMeshes?: boolean;
}

/**
 * With a sidecar or node proxy on the same cluster, Cilium's socket-level load balancer must stay
 * in the host namespace (else it translates service addresses before the proxy's redirection sees
 * them), and cni.exclusive must be off (else it removes istio-cni's chained configuration): the
 * settings of Cilium's "Integration with Istio" page and Istio's platform prerequisites.
 */
export const PROXY_MESH_SETTINGS = ['socketLB.hostNamespaceOnly=true', 'cni.exclusive=false'];

/** Helm values the installation sets, in the order they are passed. */
export function ciliumSettings(installation: CiliumInstallation): string[] {
  return [
    'encryption.enabled=true',
    `encryption.type=${installation.encryption}`,
    ...(installation.kubeProxyReplacement ? ['kubeProxyReplacement=true'] : []),
    ...(installation.proxyMeshes === true ? PROXY_MESH_SETTINGS : []),
  ];
}

/**
 * `cilium install` (Helm mode). Without kube-proxy, the CLI itself finds the API server address on
 * kind (the default/kubernetes EndpointSlice) for k8sServiceHost and k8sServicePort.
 */
export function ciliumInstallArgs(installation: CiliumInstallation, waitSeconds: number): string[] {
  return [
    'install',
    '--version',
    installation.version,
    ...ciliumSettings(installation).flatMap((s) => ['--set', s]),
    '--wait',
    '--wait-duration',
    `${waitSeconds}s`,
  ];
}

/** Waits until every Cilium component reports OK (no errors, no warnings). */
export function ciliumStatusArgs(waitSeconds: number): string[] {
  return ['status', '--wait', '--wait-duration', `${waitSeconds}s`];
}

/** The encryption state of one node, run in that node's cilium-agent container. */
export const ENCRYPT_STATUS_COMMAND = ['cilium-dbg', 'encrypt', 'status'] as const;
