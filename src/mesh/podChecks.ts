// Checks on the workload pods themselves: is the mesh's proxy really running next to the app (as a
// regular container or as a native sidecar), or, for ambient, is the pod captured without one.
import type { PodInfo } from '../kube/kubeApi.js';
import { failed, passed, type Check } from './verification.js';

export type PodRole = 'client' | 'server';

const podName = (pod: PodInfo): string => `${pod.namespace}/${pod.name}`;

/** The named proxy runs in the pod and is ready, either as a container or as a native sidecar. */
export function proxyRunningCheck(pod: PodInfo, role: PodRole, proxy: string): Check {
  const label = `${role} pod ${podName(pod)}`;
  const container = pod.containers.find((c) => c.name === proxy);
  if (container) {
    return container.ready
      ? passed(`${label}: ${proxy} runs as a container and is ready`)
      : failed(`${label}: ${proxy} is a container but is not ready`);
  }
  const init = pod.initContainers.find((c) => c.name === proxy);
  if (init && !init.sidecar) {
    return failed(
      `${label}: ${proxy} is an init container without restartPolicy Always, so it does not run next to the app`,
    );
  }
  if (init) {
    return init.ready
      ? passed(
          `${label}: ${proxy} runs as a native sidecar (init container, restartPolicy Always) and is ready`,
        )
      : failed(`${label}: ${proxy} is a native sidecar but is not ready`);
  }
  const names = [...pod.initContainers, ...pod.containers].map((c) => c.name).join(', ');
  return failed(
    `${label} has no ${proxy} container (it has: ${names || 'none'}): the pod is not in the mesh`,
  );
}

/** Ambient: istio-cni marks a pod it redirected into ztunnel, and there must be no sidecar. */
export function ambientCaptureCheck(pod: PodInfo, role: PodRole): Check {
  const label = `${role} pod ${podName(pod)}`;
  const sidecar = [...pod.containers, ...pod.initContainers].some((c) => c.name === 'istio-proxy');
  if (sidecar) {
    return failed(
      `${label} has an istio-proxy sidecar: its traffic would go through the sidecar, not ztunnel`,
    );
  }
  const redirection = pod.annotations[AMBIENT_REDIRECTION_ANNOTATION];
  return redirection === 'enabled'
    ? passed(
        `${label}: annotated ${AMBIENT_REDIRECTION_ANNOTATION}=enabled by istio-cni, no sidecar`,
      )
    : failed(
        `${label}: ${AMBIENT_REDIRECTION_ANNOTATION} is ${redirection === undefined ? 'missing' : `"${redirection}"`}, so istio-cni did not redirect it into ztunnel`,
      );
}

export const AMBIENT_REDIRECTION_ANNOTATION = 'ambient.istio.io/redirection';

/** The pod's identity as meshes derive it: the service account, "default" when none is set. */
export function serviceAccountOf(pod: PodInfo): string {
  return pod.serviceAccount ?? 'default';
}

/** The distinct nodes of client and server, client's first; null for a pod not on a node. */
export function peerNodes(client: PodInfo, server: PodInfo): (string | null)[] {
  const nodes = [client.nodeName, server.nodeName];
  return nodes.filter((node, i) => node === null || nodes.indexOf(node) === i);
}
