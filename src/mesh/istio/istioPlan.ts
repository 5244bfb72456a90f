// Istio with sidecars: istioctl's minimal profile (istiod only: no gateway on the measured path),
// injection enabled on the benchmark namespace, STRICT mTLS there, and what verification checks.
import type { MeshPlan } from '../meshPlan.js';
import { INSTALL_TIMEOUT_MS, UNINSTALL_TIMEOUT_MS, type MeshPlanOptions } from '../planOptions.js';
import {
  istioctlInstallArgs,
  istioctlUninstallArgs,
  type IstioInstallation,
} from './istioctlArgs.js';
import { ISTIOD_PODS, istiodReadySteps, strictPeerAuthentication } from './istioResources.js';

export const ISTIO_PROXY = 'istio-proxy';

export function istioPlan(options: MeshPlanOptions): MeshPlan {
  const installation: IstioInstallation = { profile: 'minimal', settings: [] };
  const version = options.istioVersion;
  return {
    mesh: 'istio',
    info: {
      version,
      profile: installation.profile,
      flags: [
        ...installation.settings.map((s) => `--set ${s}`),
        'namespace label istio-injection=enabled',
        'PeerAuthentication mtls.mode=STRICT in the benchmark namespace',
        'native sidecars: Istio default (auto: on when every kubelet is 1.33 or newer)',
      ],
    },
    install: [
      {
        kind: 'command',
        title: `install Istio ${version} (istioctl, profile minimal: istiod)`,
        command: 'istioctl',
        args: istioctlInstallArgs(installation, INSTALL_TIMEOUT_MS / 2000),
        timeoutMs: INSTALL_TIMEOUT_MS,
      },
      ...istiodReadySteps(),
    ],
    namespaceLabels: { 'istio-injection': 'enabled' },
    namespaceAnnotations: {},
    enforce: [strictPeerAuthentication(options.namespace)],
    verifyStep: {
      kind: 'verify',
      title: 'verify mTLS on the measured path (istio sidecars)',
      checks: [
        `${ISTIO_PROXY} runs and is ready in the client pod and in the server pod (as a container or a native sidecar)`,
        `a probe pod with the client's service account gets 200 from the server's /debug/headers, and the server saw X-Forwarded-Client-Cert with URI=spiffe://<trust domain>/ns/${options.namespace}/sa/<client service account> and By= the server's identity`,
        'a plaintext client in a namespace outside the mesh is refused (STRICT)',
      ],
    },
    attribution: { proxyContainers: [ISTIO_PROXY], meshPods: [ISTIOD_PODS] },
    uninstall: [
      {
        kind: 'command',
        title: `remove Istio ${version} (what the install above added)`,
        command: 'istioctl',
        args: istioctlUninstallArgs(installation),
        timeoutMs: UNINSTALL_TIMEOUT_MS,
      },
    ],
  };
}
