// Istio ambient: istioctl's ambient profile (istiod, the istio-cni node agent and ztunnel), the
// benchmark namespace labelled into the ambient data plane, STRICT mTLS there, no sidecars.
import type { MeshPlan } from '../meshPlan.js';
import {
  istioctlInstallArgs,
  istioctlUninstallArgs,
  type IstioInstallation,
} from '../istio/istioctlArgs.js';
import {
  ISTIOD_PODS,
  ISTIO_NAMESPACE,
  istiodReadySteps,
  platformSettings,
  strictPeerAuthentication,
} from '../istio/istioResources.js';
import {
  INSTALL_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  UNINSTALL_TIMEOUT_MS,
  type MeshPlanOptions,
} from '../planOptions.js';

export const ZTUNNEL_DAEMONSET = 'ztunnel';
export const ZTUNNEL_LABELS = 'app=ztunnel';
/** The container of the ztunnel pod (the chart keeps Istio's proxy container name). */
export const ZTUNNEL_CONTAINER = 'istio-proxy';
export const ISTIO_CNI_DAEMONSET = 'istio-cni-node';

export function istioAmbientPlan(options: MeshPlanOptions): MeshPlan {
  const installation: IstioInstallation = {
    profile: 'ambient',
    settings: platformSettings(options.provider),
  };
  const version = options.istioVersion;
  return {
    mesh: 'istio-ambient',
    info: {
      version,
      profile: installation.profile,
      flags: [
        ...installation.settings.map((s) => `--set ${s}`),
        'namespace label istio.io/dataplane-mode=ambient (ztunnel, no waypoint)',
        'PeerAuthentication mtls.mode=STRICT in the benchmark namespace',
      ],
    },
    install: [
      {
        kind: 'command',
        title: `install Istio ${version} ambient (istioctl, profile ambient: istiod, istio-cni, ztunnel)`,
        command: 'istioctl',
        args: istioctlInstallArgs(installation, INSTALL_TIMEOUT_MS / 2000),
        timeoutMs: INSTALL_TIMEOUT_MS,
      },
      ...istiodReadySteps(),
      {
        kind: 'wait',
        title: 'wait for the istio-cni node agent on every node',
        target: { type: 'daemonset-ready', namespace: ISTIO_NAMESPACE, name: ISTIO_CNI_DAEMONSET },
        timeoutMs: READY_TIMEOUT_MS,
      },
      {
        kind: 'wait',
        title: 'wait for ztunnel on every node',
        target: { type: 'daemonset-ready', namespace: ISTIO_NAMESPACE, name: ZTUNNEL_DAEMONSET },
        timeoutMs: READY_TIMEOUT_MS,
      },
    ],
    namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
    namespaceAnnotations: {},
    enforce: [strictPeerAuthentication(options.namespace)],
    verifyStep: {
      kind: 'verify',
      title: 'verify mTLS on the measured path (istio ambient, ztunnel)',
      checks: [
        'the client and server pods carry ambient.istio.io/redirection=enabled (captured by istio-cni) and have no istio-proxy sidecar',
        `istioctl ztunnel-config workloads --node <node> --workload-namespace ${options.namespace}, on the client's and the server's node, lists both pods with PROTOCOL HBONE`,
        "a probe pod with the client's service account gets 200 from the server, and the server node's ztunnel logs that inbound connection with src.identity = the client's SPIFFE identity and dst.identity = the server's",
        'a plaintext client in a namespace outside the mesh is refused (STRICT)',
      ],
    },
    attribution: {
      proxyContainers: [],
      meshPods: [
        { namespace: ISTIO_NAMESPACE, labelSelector: ZTUNNEL_LABELS, component: 'node-agent' },
        {
          namespace: ISTIO_NAMESPACE,
          labelSelector: `k8s-app=${ISTIO_CNI_DAEMONSET}`,
          component: 'node-agent',
        },
        ISTIOD_PODS,
      ],
    },
    uninstall: [
      {
        kind: 'command',
        title: `remove Istio ${version} ambient (what the install above added)`,
        command: 'istioctl',
        args: istioctlUninstallArgs(installation),
        timeoutMs: UNINSTALL_TIMEOUT_MS,
      },
    ],
  };
}
