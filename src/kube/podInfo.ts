// Maps the API's Pod and Node objects onto the small PodInfo / NodeInfo shapes the cluster path
// reads, so nothing beyond src/kube/ depends on the client library's models.
import type {
  V1Container,
  V1ContainerStatus,
  V1Node,
  V1Pod,
  V1PodCondition,
} from '@kubernetes/client-node';
import type { ContainerInfo, ContainerState, NodeInfo, PodInfo } from './kubeApi.js';

const INSTANCE_TYPE_LABELS = [
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];

function conditionTrue(conditions: readonly V1PodCondition[] | undefined, type: string): boolean {
  return conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

function stateOf(status: V1ContainerStatus): ContainerState | undefined {
  const { state } = status;
  if (state?.terminated) {
    return {
      kind: 'terminated',
      exitCode: state.terminated.exitCode,
      reason: state.terminated.reason ?? null,
    };
  }
  if (state?.running) return { kind: 'running' };
  if (state?.waiting) return { kind: 'waiting', reason: state.waiting.reason ?? null };
  return undefined;
}

/** Spec containers joined with their statuses; a container not yet reported is not ready. */
function containersOf(
  specs: readonly V1Container[] | undefined,
  statuses: readonly V1ContainerStatus[] | undefined,
): (ContainerInfo & { restartPolicy: string | undefined })[] {
  return (specs ?? []).map((spec) => {
    const status = statuses?.find((s) => s.name === spec.name);
    const info: ContainerInfo & { restartPolicy: string | undefined } = {
      name: spec.name,
      image: status?.image ?? spec.image ?? '',
      ready: status?.ready ?? false,
      restarts: status?.restartCount ?? 0,
      restartPolicy: spec.restartPolicy,
    };
    const state = status ? stateOf(status) : undefined;
    if (state) info.state = state;
    return info;
  });
}

export function toPodInfo(pod: V1Pod): PodInfo {
  const containers = containersOf(pod.spec?.containers, pod.status?.containerStatuses);
  const inits = containersOf(pod.spec?.initContainers, pod.status?.initContainerStatuses);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    nodeName: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? 'Unknown',
    ready: conditionTrue(pod.status?.conditions, 'Ready'),
    labels: pod.metadata?.labels ?? {},
    annotations: pod.metadata?.annotations ?? {},
    serviceAccount: pod.spec?.serviceAccountName ?? null,
    containers: containers.map(({ restartPolicy: _, ...c }) => c),
    // restartPolicy Always on an init container makes it a native sidecar (Kubernetes 1.29+).
    initContainers: inits.map(({ restartPolicy, ...c }) => ({
      ...c,
      sidecar: restartPolicy === 'Always',
    })),
  };
}

export function toNodeInfo(node: V1Node): NodeInfo {
  const labels = node.metadata?.labels ?? {};
  const info = node.status?.nodeInfo;
  const instanceLabel = INSTANCE_TYPE_LABELS.find((key) => labels[key] !== undefined);
  return {
    name: node.metadata?.name ?? '',
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    labels,
    osImage: info?.osImage ?? '',
    kernelVersion: info?.kernelVersion ?? '',
    kubeletVersion: info?.kubeletVersion ?? '',
    containerRuntimeVersion: info?.containerRuntimeVersion ?? '',
    instanceType: instanceLabel === undefined ? null : (labels[instanceLabel] ?? null),
    cpuCapacity: node.status?.capacity?.cpu ?? '',
    memoryCapacity: node.status?.capacity?.memory ?? '',
  };
}
