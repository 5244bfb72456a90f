// What the sidecar and ambient Istio plans share: the namespace-wide STRICT PeerAuthentication,
// istiod's readiness and labels, and the GKE platform setting.
import type { KubeObject, Step } from '../../cluster/steps.js';
import type { MeshPodSelector } from '../meshPlan.js';
import { CRD_TIMEOUT_MS, READY_TIMEOUT_MS, type ClusterProvider } from '../planOptions.js';

export const ISTIO_NAMESPACE = 'istio-system';

/**
 * STRICT in the benchmark namespace only, not mesh-wide in istio-system: it enforces mTLS on every
 * workload the run measures, changes nothing else on a shared (existing) cluster, and goes away
 * with the run's namespace.
 */
export function strictPeerAuthentication(namespace: string): KubeObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace },
    spec: { mtls: { mode: 'STRICT' } },
  };
}

export const ISTIOD_PODS: MeshPodSelector = {
  namespace: ISTIO_NAMESPACE,
  labelSelector: 'app=istiod',
  component: 'control-plane',
};

export function istiodReadySteps(): Step[] {
  return [
    {
      kind: 'wait',
      title: 'wait for istiod',
      target: { type: 'deployment-available', namespace: ISTIO_NAMESPACE, name: 'istiod' },
      timeoutMs: READY_TIMEOUT_MS,
    },
    {
      kind: 'wait',
      title: 'wait for the PeerAuthentication resource type',
      target: { type: 'crd-established', name: 'peerauthentications.security.istio.io' },
      timeoutMs: CRD_TIMEOUT_MS,
    },
  ];
}

/**
 * GKE only allows node-critical pods (istio-cni, ztunnel) in namespaces with a ResourceQuota for
 * them, and keeps CNI binaries elsewhere; the gke platform profile takes care of both.
 */
export function platformSettings(provider: ClusterProvider): string[] {
  return provider === 'gke' ? ['values.global.platform=gke'] : [];
}
