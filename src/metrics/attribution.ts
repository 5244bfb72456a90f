// Charges the CPU and memory the kubelet reports per container to the result's components, by the
// mesh's rules: app containers of the generator and server pods to client / server, the mesh's
// proxy containers in those pods to client-proxy / server-proxy, mesh pods on the client's and
// server's nodes to node-agent, and the mesh's control plane, wherever it runs, to control-plane.
import type { PodInfo } from '../kube/kubeApi.js';
import type { MeshPodSelector } from '../mesh/meshPlan.js';
import type { Component } from '../results/schema.js';

export interface AttributionTarget {
  namespace: string;
  pod: string;
  node: string;
  /** What the pod's containers count as, unless named in `containers`. */
  component: Component;
  /** Per-container exceptions: the proxies inside workload pods. */
  containers: Readonly<Record<string, Component>>;
}

export interface AttributionInput {
  client: readonly PodInfo[];
  server: readonly PodInfo[];
  meshPods: readonly { selector: MeshPodSelector; pods: readonly PodInfo[] }[];
  /** Attribution.proxyContainers of the MeshPlan. */
  proxyContainers: readonly string[];
}

function workloadTarget(
  pod: PodInfo,
  role: 'client' | 'server',
  proxyContainers: readonly string[],
): AttributionTarget | undefined {
  if (pod.nodeName === null) return undefined;
  const proxy: Component = role === 'client' ? 'client-proxy' : 'server-proxy';
  // A proxy may be a plain container or a native sidecar (an init container that keeps running).
  const names = [
    ...pod.containers.map((c) => c.name),
    ...pod.initContainers.filter((c) => c.sidecar).map((c) => c.name),
  ];
  const containers: Record<string, Component> = {};
  for (const name of names) if (proxyContainers.includes(name)) containers[name] = proxy;
  return {
    namespace: pod.namespace,
    pod: pod.name,
    node: pod.nodeName,
    component: role,
    containers,
  };
}

/** Which pods count, and as what. Pods not yet on a node cannot be sampled and are left out. */
export function attributionTargets(input: AttributionInput): AttributionTarget[] {
  const targets: AttributionTarget[] = [];
  for (const pod of input.client) {
    const target = workloadTarget(pod, 'client', input.proxyContainers);
    if (target) targets.push(target);
  }
  for (const pod of input.server) {
    const target = workloadTarget(pod, 'server', input.proxyContainers);
    if (target) targets.push(target);
  }
  const workloadNodes = new Set(targets.map((t) => t.node));
  const seen = new Set(targets.map((t) => `${t.namespace}/${t.pod}`));
  for (const { selector, pods } of input.meshPods) {
    for (const pod of pods) {
      if (pod.nodeName === null || seen.has(`${pod.namespace}/${pod.name}`)) continue;
      // A node agent elsewhere carries none of the measured traffic.
      if (selector.component === 'node-agent' && !workloadNodes.has(pod.nodeName)) continue;
      seen.add(`${pod.namespace}/${pod.name}`);
      targets.push({
        namespace: pod.namespace,
        pod: pod.name,
        node: pod.nodeName,
        component: selector.component,
        containers: {},
      });
    }
  }
  return targets;
}

/** The nodes whose kubelets must be sampled for these targets. */
export function nodesToSample(targets: readonly AttributionTarget[]): string[] {
  return [...new Set(targets.map((t) => t.node))].sort();
}

export function componentOf(target: AttributionTarget, container: string): Component {
  return target.containers[container] ?? target.component;
}
