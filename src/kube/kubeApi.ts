// The Kubernetes seam: everything the cluster path asks of the API server, as one small interface.
// Production implements it with @kubernetes/client-node; tests run that same implementation
// against a fake API server at the HTTP edge.
import type { KubeObject, WaitTarget } from '../cluster/steps.js';

/** What a container is doing now, as the kubelet last reported it. */
export type ContainerState =
  | { kind: 'waiting'; reason: string | null }
  | { kind: 'running' }
  | { kind: 'terminated'; exitCode: number; reason: string | null };

export interface ContainerInfo {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  /**
   * Absent when the kubelet has not reported the container yet. A generator's app container can
   * end while an injected proxy keeps its pod Running, so completion is read here, not from phase.
   */
  state?: ContainerState;
}

export interface PodInfo {
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  ready: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccount: string | null;
  containers: ContainerInfo[];
  /**
   * Init containers; those with restartPolicy Always are native sidecars (Istio and Linkerd can
   * inject their proxy this way).
   */
  initContainers: (ContainerInfo & { sidecar: boolean })[];
}

export interface NodeInfo {
  name: string;
  ready: boolean;
  labels: Record<string, string>;
  osImage: string;
  kernelVersion: string;
  kubeletVersion: string;
  containerRuntimeVersion: string;
  /** node.kubernetes.io/instance-type when the provider sets it. */
  instanceType: string | null;
  cpuCapacity: string;
  memoryCapacity: string;
}

export interface KubeApi {
  /** Server-side apply, field manager "mesh-perf"; creates or updates each object in order. */
  apply(objects: readonly KubeObject[]): Promise<void>;
  /** Deletes objects the run created (absent ones are fine), without waiting for them to go. */
  deleteObjects(objects: readonly KubeObject[]): Promise<void>;
  /** Deletes a namespace the run created and waits until it is gone or the timeout passes. */
  deleteNamespace(name: string, timeoutMs: number): Promise<void>;
  listNodes(): Promise<NodeInfo[]>;
  /** Pods of one namespace, or of all namespaces when namespace is null. */
  listPods(namespace: string | null, labelSelector?: string): Promise<PodInfo[]>;
  podLogs(namespace: string, pod: string, container?: string): Promise<string>;
  /** Polls until the target holds; throws an InfraError naming it after the timeout. */
  wait(target: WaitTarget, timeoutMs: number): Promise<void>;
  /** The kubelet Summary API of a node, through the API server's node proxy. */
  nodeStatsSummary(node: string): Promise<unknown>;
  /** e.g. "v1.33.1". */
  serverVersion(): Promise<string>;
}
