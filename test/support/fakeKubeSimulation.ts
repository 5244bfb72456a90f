// What the fake API server pretends the scheduler, the kubelet and the controllers do: where a pod
// lands (honouring required pod affinity and anti-affinity), and how its status moves from Pending
// to Running to Succeeded as the client keeps reading it.
import { matchesSelectorObject, type LabelSelectorObject } from './labelSelector.js';

export type Json = Record<string, unknown>;

export interface FakeMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generation: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
  ownerReferences?: { kind: string; name: string; uid: string }[];
  [field: string]: unknown;
}

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: FakeMeta;
  spec?: Json;
  status?: Json;
  [field: string]: unknown;
}

interface ContainerSpec {
  name: string;
  image?: string;
  restartPolicy?: string;
}

interface AffinityTerm {
  labelSelector?: LabelSelectorObject;
  topologyKey?: string;
}

export interface PodSpecView {
  nodeName?: string;
  restartPolicy?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  tolerations?: { key?: string; operator?: string }[];
  affinity?: {
    podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
    podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
  };
}

/** How a pod that runs to completion (restartPolicy Never) ends. */
export interface PodExit {
  exitCode?: number;
  /** Restarts the kubelet reports for the first container. */
  restarts?: number;
  /** Containers still running after the others exited (a classic, non-native sidecar). */
  stillRunning?: readonly string[];
}

/** Behaviour a test scripts; every field has a default that makes a healthy cluster. */
export interface FakeStoreScript {
  /** Reads of a pod before it is Running and Ready (default 2). */
  podReadyAfterReads?: number;
  /** Further reads of a Running restartPolicy-Never pod before its containers exit (default 3). */
  podCompleteAfterReads?: number;
  podExit?: (pod: FakeObject) => PodExit;
  /** Reads of a DaemonSet before all its pods count as ready (default 1). */
  daemonSetReadyAfterReads?: number;
  /** Reads of a CRD before it is Established (default 0). */
  crdEstablishedAfterReads?: number;
  /** A mutating admission webhook for new pods: a mesh's sidecar injector, say. */
  admitPod?: (pod: FakeObject, namespace: FakeObject | undefined) => void;
  /** Reads of a Terminating namespace before it is gone (default 2). */
  namespaceGoneAfterReads?: number;
}

export interface PodTiming {
  readyAfterReads: number;
  completeAfterReads: number;
}

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export function podSpec(pod: FakeObject): PodSpecView {
  // The same object, so the scheduler's nodeName lands on the pod.
  pod.spec ??= {};
  return pod.spec;
}

function labelsOf(object: FakeObject): Record<string, string> {
  return object.metadata.labels ?? {};
}

/** The nodes a DaemonSet runs on: every node, control planes only where the pods tolerate it. */
export function daemonSetNodes(template: Json, nodes: readonly FakeObject[]): string[] {
  const spec = (template.spec ?? {}) as PodSpecView;
  const tolerated = (spec.tolerations ?? []).some((t) => t.operator === 'Exists');
  return nodes
    .filter((n) => tolerated || n.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined)
    .map((n) => n.metadata.name);
}

/** Picks a node as the scheduler would, or undefined while a required affinity cannot be met. */
export function scheduleNode(
  pod: FakeObject,
  nodes: readonly FakeObject[],
  pods: readonly FakeObject[],
): string | undefined {
  const spec = podSpec(pod);
  if (spec.nodeName) return spec.nodeName;
  const tolerated = (spec.tolerations ?? []).some((t) => t.operator === 'Exists' && !t.key);
  const candidates = nodes
    .filter((n) => tolerated || labelsOf(n)[CONTROL_PLANE_LABEL] === undefined)
    .map((n) => n.metadata.name);
  const hostsMatch = (term: AffinityTerm): Set<string> =>
    new Set(
      pods
        .filter((p) => p !== pod && p.metadata.namespace === pod.metadata.namespace)
        .filter((p) => matchesSelectorObject(term.labelSelector, labelsOf(p)))
        .flatMap((p) => (podSpec(p).nodeName ? [podSpec(p).nodeName ?? ''] : [])),
    );
  let allowed = candidates;
  for (const term of spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ??
    []) {
    const hosts = hostsMatch(term);
    allowed = allowed.filter((n) => hosts.has(n));
  }
  for (const term of spec.affinity?.podAntiAffinity
    ?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const hosts = hostsMatch(term);
    allowed = allowed.filter((n) => !hosts.has(n));
  }
  // Spread like the default scheduler would: the least busy allowed node, ties by name.
  const load = (node: string): number => pods.filter((p) => podSpec(p).nodeName === node).length;
  return [...allowed].sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0];
}

const running = (name: string, image: string, restarts = 0): Json => ({
  name,
  image,
  imageID: '',
  ready: true,
  started: true,
  restartCount: restarts,
  state: { running: { startedAt: new Date().toISOString() } },
});

const waiting = (name: string, image: string): Json => ({
  name,
  image,
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason: 'ContainerCreating' } },
});

const terminated = (name: string, image: string, exitCode: number, restarts = 0): Json => ({
  name,
  image,
  imageID: '',
  ready: false,
  restartCount: restarts,
  state: {
    terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' },
  },
});

const condition = (type: string, ok: boolean): Json => ({ type, status: ok ? 'True' : 'False' });

/** The status a pod has after `reads` reads by the client. */
export function podStatus(pod: FakeObject, reads: number, timing: PodTiming, exit: PodExit): Json {
  const spec = podSpec(pod);
  const containers = spec.containers ?? [];
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  if (!spec.nodeName) {
    return { phase: 'Pending', conditions: [condition('PodScheduled', false)] };
  }
  if (reads < timing.readyAfterReads) {
    return {
      phase: 'Pending',
      conditions: [condition('PodScheduled', true), condition('Ready', false)],
      containerStatuses: containers.map((c) => waiting(c.name, c.image ?? '')),
      initContainerStatuses: sidecars.map((c) => waiting(c.name, c.image ?? '')),
    };
  }
  const restarts = exit.restarts ?? 0;
  const completes =
    spec.restartPolicy === 'Never' && reads >= timing.readyAfterReads + timing.completeAfterReads;
  if (!completes) {
    return {
      phase: 'Running',
      conditions: [condition('PodScheduled', true), condition('Ready', true)],
      containerStatuses: containers.map((c, i) =>
        running(c.name, c.image ?? '', i === 0 ? restarts : 0),
      ),
      initContainerStatuses: sidecars.map((c) => running(c.name, c.image ?? '')),
    };
  }
  const exitCode = exit.exitCode ?? 0;
  const lingering = exit.stillRunning ?? [];
  const statuses = containers.map((c, i) =>
    lingering.includes(c.name)
      ? running(c.name, c.image ?? '')
      : terminated(c.name, c.image ?? '', exitCode, i === 0 ? restarts : 0),
  );
  const phase = lingering.length > 0 ? 'Running' : exitCode === 0 ? 'Succeeded' : 'Failed';
  return {
    phase,
    conditions: [condition('PodScheduled', true), condition('Ready', false)],
    containerStatuses: statuses,
    // A native sidecar is stopped by the kubelet once the app containers have exited.
    initContainerStatuses: sidecars.map((c) => terminated(c.name, c.image ?? '', 0)),
  };
}

/** Whether a container has started, so that its log can be read (else the API answers 400). */
export function containerStarted(pod: FakeObject, container: string): boolean {
  const statuses = [
    ...((pod.status?.containerStatuses ?? []) as Json[]),
    ...((pod.status?.initContainerStatuses ?? []) as Json[]),
  ];
  const status = statuses.find((s) => s.name === container);
  const state = (status?.state ?? {}) as Json;
  return state.running !== undefined || state.terminated !== undefined;
}

/** What the Deployment controller reports for `ready` of `total` pods. */
export function deploymentStatus(owner: FakeObject, ready: number, total: number): Json {
  return {
    observedGeneration: owner.metadata.generation,
    replicas: total,
    updatedReplicas: total,
    readyReplicas: ready,
    availableReplicas: ready,
    conditions: [{ type: 'Available', status: ready >= total ? 'True' : 'False' }],
  };
}

export function daemonSetStatus(owner: FakeObject, ready: number, total: number): Json {
  return {
    observedGeneration: owner.metadata.generation,
    desiredNumberScheduled: total,
    currentNumberScheduled: total,
    updatedNumberScheduled: total,
    numberMisscheduled: 0,
    numberReady: ready,
  };
}

export function crdStatus(established: boolean): Json {
  return { conditions: [{ type: 'Established', status: established ? 'True' : 'False' }] };
}
