// Reads the kubelet Summary API (stats/v1alpha1 Summary: node, pods[].podRef, pods[].containers[]
// with cpu.usageCoreNanoSeconds and memory.workingSetBytes) into flat per-container stats. Only the
// fields attribution needs are read; everything else (fs, network, swap) is ignored.

export interface ContainerStat {
  namespace: string;
  pod: string;
  container: string;
  /** When the container started (epoch ms): its cumulative CPU was 0 then. */
  startedAtMs: number | null;
  /** Cumulative CPU since the container started, and when the kubelet collected it. */
  cpu: { atMs: number; coreNanoSeconds: number } | null;
  memory: { atMs: number; workingSetBytes: number } | null;
}

export interface NodeSummary {
  node: string;
  containers: ContainerStat[];
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;

/**
 * Stat times are metav1.Time, RFC 3339 to the second: the true moment lies anywhere in that
 * second, so a whole-second time is read as its middle. The offset cancels in every difference;
 * it matters only where the window's millisecond edges cut between two stats.
 */
export function statTimeMs(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return /:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(text) ? ms + 500 : ms;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function containerStat(namespace: string, pod: string, raw: unknown): ContainerStat | null {
  const container = object(raw);
  if (!container || typeof container.name !== 'string') return null;
  const cpu = object(container.cpu);
  const memory = object(container.memory);
  const cpuAt = statTimeMs(cpu?.time);
  const cpuValue = count(cpu?.usageCoreNanoSeconds);
  const memoryAt = statTimeMs(memory?.time);
  const memoryValue = count(memory?.workingSetBytes);
  const startedAt = statTimeMs(container.startTime);
  return {
    namespace,
    pod,
    container: container.name,
    // startTime is the whole second the container started in; its start is not later than that.
    startedAtMs: startedAt === null ? null : startedAt - 500,
    cpu: cpuAt !== null && cpuValue !== null ? { atMs: cpuAt, coreNanoSeconds: cpuValue } : null,
    memory:
      memoryAt !== null && memoryValue !== null
        ? { atMs: memoryAt, workingSetBytes: memoryValue }
        : null,
  };
}

/** Throws when the value is not a Summary at all; skips containers that lack the stats. */
export function parseKubeletSummary(value: unknown): NodeSummary {
  const root = object(value);
  const node = object(root?.node);
  if (!root || typeof node?.nodeName !== 'string') {
    throw new Error('not a kubelet Summary: node.nodeName is missing');
  }
  const pods = Array.isArray(root.pods) ? (root.pods as unknown[]) : [];
  const containers: ContainerStat[] = [];
  for (const rawPod of pods) {
    const pod = object(rawPod);
    const ref = object(pod?.podRef);
    if (typeof ref?.name !== 'string' || typeof ref.namespace !== 'string') continue;
    const list = Array.isArray(pod?.containers) ? (pod.containers as unknown[]) : [];
    for (const raw of list) {
      const stat = containerStat(ref.namespace, ref.name, raw);
      if (stat) containers.push(stat);
    }
  }
  return { node: node.nodeName, containers };
}
