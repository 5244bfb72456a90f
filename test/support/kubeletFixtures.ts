// The saved kubelet Summaries (test/fixtures/kubelet/), the rule that derives a later sample from a
// real one, and Summaries for the fake kubelet in the shape of the real ones: per container the
// cumulative CPU of a steady rate since the container started, and its working set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from './paths.js';

export function kubeletFixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'kubelet', name), 'utf8')) as unknown;
}

/** RFC 3339 to the second, as metav1.Time marshals it. */
export function kubeTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The derivation rule of test/fixtures/kubelet/README.md: every `time` moves `seconds` later and
 * every usageCoreNanoSeconds grows by its sibling usageNanoCores times `seconds`.
 */
export function advanceSummary(value: unknown, seconds: number): unknown {
  if (Array.isArray(value)) return value.map((v) => advanceSummary(v, seconds));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = advanceSummary(v, seconds);
  }
  if (typeof out.time === 'string') out.time = kubeTime(Date.parse(out.time) + seconds * 1000);
  if (typeof out.usageCoreNanoSeconds === 'number' && typeof out.usageNanoCores === 'number') {
    out.usageCoreNanoSeconds += out.usageNanoCores * seconds;
  }
  return out;
}

export interface FakeContainerLoad {
  /** Steady CPU use in cores. */
  cores: number;
  workingSetBytes: number;
}

export interface FakePodLoad {
  namespace: string;
  name: string;
  startedAtMs: number;
  containers: Record<string, FakeContainerLoad>;
}

/** A node's Summary at `atMs` for pods that have run at steady rates since they started. */
export function summaryAt(node: string, pods: readonly FakePodLoad[], atMs: number): unknown {
  const time = kubeTime(atMs);
  return {
    node: { nodeName: node, startTime: kubeTime(atMs - 86_400_000) },
    pods: pods.map((pod) => ({
      podRef: { name: pod.name, namespace: pod.namespace, uid: `uid-${pod.name}` },
      startTime: kubeTime(pod.startedAtMs),
      containers: Object.entries(pod.containers).map(([name, load]) => ({
        name,
        startTime: kubeTime(pod.startedAtMs),
        cpu: {
          time,
          usageNanoCores: Math.round(load.cores * 1e9),
          // Collected at the middle of the second the time names (the kubelet prints whole
          // seconds); the container started at the whole second its startTime names.
          usageCoreNanoSeconds: Math.round(
            load.cores *
              1e9 *
              ((Date.parse(time) + 500 - Date.parse(kubeTime(pod.startedAtMs))) / 1000),
          ),
        },
        memory: { time, workingSetBytes: load.workingSetBytes },
      })),
    })),
  };
}
