// What each mesh's install leaves on a cluster, as the fake API server's seeded state: CRDs,
// namespaces, control-plane Deployments and node-agent DaemonSets with ready statuses, and their
// pods on every node, with the images (and so the releases) an install would run.
import type { MeshId } from '../../src/config/types.js';
import type { FakeKubeApi } from './fakeKubeApi.js';

/** The default fake cluster's nodes (fakeKubeApi.ts DEFAULT_NODES). */
export const NODES = ['mesh-perf-control-plane', 'mesh-perf-worker', 'mesh-perf-worker2'];

const running = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
};

const crd = (group: string, kind: string, plural: string, scope = 'Namespaced') => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: { group, scope, names: { kind, plural }, versions: [{ name: 'v1' }] },
  status: { conditions: [{ type: 'Established', status: 'True' }] },
});

function seedPod(
  api: FakeKubeApi,
  namespace: string,
  name: string,
  labels: Record<string, string>,
  node: string,
  container: string,
  image: string,
): void {
  api.store.seed({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName: node, containers: [{ name: container, image }] },
    status: {
      ...running,
      containerStatuses: [
        { name: container, image, ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  });
}

function seedDeployment(api: FakeKubeApi, namespace: string, name: string): void {
  api.store.seed({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, generation: 1 },
    spec: { replicas: 1 },
    status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
  });
}

function seedDaemonSet(api: FakeKubeApi, namespace: string, name: string): void {
  api.store.seed({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, generation: 1 },
    spec: {},
    status: {
      observedGeneration: 1,
      desiredNumberScheduled: NODES.length,
      updatedNumberScheduled: NODES.length,
      numberReady: NODES.length,
    },
  });
}

const namespace = (api: FakeKubeApi, name: string): void => {
  api.store.seed({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
    status: { phase: 'Active' },
  });
};

/** What each mesh's install leaves on the cluster, for the installs' waits and the verifiers. */
export function seedMeshes(api: FakeKubeApi, meshes: readonly MeshId[]): void {
  const istio = meshes.includes('istio') || meshes.includes('istio-ambient');
  if (istio) {
    api.store.seed(crd('security.istio.io', 'PeerAuthentication', 'peerauthentications'));
    namespace(api, 'istio-system');
    seedDeployment(api, 'istio-system', 'istiod');
    seedPod(
      api,
      'istio-system',
      'istiod-5d8f7c9b4-x2x7q',
      { app: 'istiod' },
      NODES[0] ?? '',
      'discovery',
      'docker.io/istio/pilot:1.30.3',
    );
  }
  if (meshes.includes('istio-ambient')) {
    seedDaemonSet(api, 'istio-system', 'ztunnel');
    seedDaemonSet(api, 'istio-system', 'istio-cni-node');
    for (const node of NODES) {
      seedPod(
        api,
        'istio-system',
        `ztunnel-${node}`,
        { app: 'ztunnel' },
        node,
        'istio-proxy',
        'docker.io/istio/ztunnel:1.30.3',
      );
      seedPod(
        api,
        'istio-system',
        `istio-cni-node-${node}`,
        { 'k8s-app': 'istio-cni-node' },
        node,
        'install-cni',
        'docker.io/istio/install-cni:1.30.3',
      );
    }
  }
  if (meshes.includes('linkerd')) {
    api.store.seed(crd('gateway.networking.k8s.io', 'HTTPRoute', 'httproutes'));
    api.store.seed(crd('gateway.networking.k8s.io', 'GRPCRoute', 'grpcroutes'));
    api.store.seed(crd('policy.linkerd.io', 'Server', 'servers'));
    api.store.seed(crd('policy.linkerd.io', 'AuthorizationPolicy', 'authorizationpolicies'));
    namespace(api, 'linkerd');
    for (const component of ['destination', 'identity', 'proxy-injector']) {
      seedDeployment(api, 'linkerd', `linkerd-${component}`);
      seedPod(
        api,
        'linkerd',
        `linkerd-${component}-6b7d9`,
        { 'linkerd.io/control-plane-component': component },
        NODES[0] ?? '',
        component,
        'cr.l5d.io/linkerd/controller:edge-25.5.2',
      );
    }
  }
  if (meshes.includes('cilium')) {
    seedDaemonSet(api, 'kube-system', 'cilium');
    seedDaemonSet(api, 'kube-system', 'cilium-envoy');
    seedDeployment(api, 'kube-system', 'cilium-operator');
    seedPod(
      api,
      'kube-system',
      'cilium-operator-7f9c6',
      { 'io.cilium/app': 'operator' },
      NODES[0] ?? '',
      'cilium-operator',
      'quay.io/cilium/operator-generic:v1.19.6',
    );
    for (const node of NODES) {
      seedPod(
        api,
        'kube-system',
        `cilium-${node}`,
        { 'k8s-app': 'cilium' },
        node,
        'cilium-agent',
        'quay.io/cilium/cilium:v1.19.6',
      );
      seedPod(
        api,
        'kube-system',
        `cilium-envoy-${node}`,
        { 'k8s-app': 'cilium-envoy' },
        node,
        'cilium-envoy',
        'quay.io/cilium/cilium-envoy:v1.34',
      );
    }
  }
}
