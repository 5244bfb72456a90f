// CPU and memory per component over a measured window, from a sequence of kubelet Summaries. The
// kubelet refreshes container stats every 10-15 s, so CPU comes from the cumulative counter read at
// its own collection times and interpolated linearly at the window's edges (a container's start is
// one more point: its counter was 0 then); memory is the highest working set collected inside the
// window, or, when no collection fell inside, the higher of the two that enclose it.
import type { Component, ComponentResources, Resources } from '../results/schema.js';
import { componentOf, type AttributionTarget } from './attribution.js';
import type { ContainerStat, NodeSummary } from './kubeletSummary.js';

export interface SummarySample {
  node: string;
  receivedAtMs: number;
  summary: NodeSummary;
}

export interface Window {
  startMs: number;
  endMs: number;
}

export interface WindowResources {
  resources: Resources;
  /** Anything that makes a figure missing or untrustworthy: the trial is then invalid. */
  faults: string[];
  /** Caveats that leave the figures usable (a generator that exited before its last sample). */
  notes: string[];
}

interface Point {
  atMs: number;
  value: number;
}

/** Distinct collections of one container, in time order, with counter resets folded in. */
function cpuSeries(stats: readonly ContainerStat[]): { points: Point[]; restarted: boolean } {
  const points: Point[] = [];
  let offset = 0;
  let restarted = false;
  const first = stats.find((s) => s.startedAtMs !== null);
  if (first?.startedAtMs != null) points.push({ atMs: first.startedAtMs, value: 0 });
  for (const stat of stats) {
    if (!stat.cpu) continue;
    const last = points.at(-1);
    if (last && stat.cpu.atMs <= last.atMs) continue;
    const raw = stat.cpu.coreNanoSeconds;
    // A counter that went down belongs to a restarted container, which started again from 0.
    if (last && raw + offset < last.value) {
      offset = last.value;
      restarted = true;
    }
    points.push({ atMs: stat.cpu.atMs, value: raw + offset });
  }
  return { points, restarted };
}

function valueAt(points: readonly Point[], atMs: number): number | undefined {
  const first = points[0];
  // Before a container started (its counter's 0 point), it used nothing.
  if (first && atMs <= first.atMs && first.value === 0) return 0;
  const after = points.findIndex((p) => p.atMs >= atMs);
  if (after === -1) return undefined;
  const next = points[after];
  const previous = points[after - 1];
  if (!next) return undefined;
  if (next.atMs === atMs) return next.value;
  if (!previous) return undefined;
  const fraction = (atMs - previous.atMs) / (next.atMs - previous.atMs);
  return previous.value + fraction * (next.value - previous.value);
}

function memoryPeak(stats: readonly ContainerStat[], window: Window): number | undefined {
  const memory = stats.flatMap((s) => (s.memory ? [s.memory] : []));
  const inside = memory.filter((m) => m.atMs >= window.startMs && m.atMs <= window.endMs);
  if (inside.length > 0) return Math.max(...inside.map((m) => m.workingSetBytes));
  const before = memory.filter((m) => m.atMs < window.startMs).at(-1);
  const after = memory.find((m) => m.atMs > window.endMs);
  const around = [before, after].flatMap((m) => (m ? [m.workingSetBytes] : []));
  return around.length > 0 ? Math.max(...around) : undefined;
}

const round = (value: number, digits: number): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

export function resourcesInWindow(
  samples: readonly SummarySample[],
  targets: readonly AttributionTarget[],
  window: Window,
): WindowResources {
  const faults: string[] = [];
  const notes: string[] = [];
  const totals = new Map<Component, { cpuSeconds: number; memoryBytes: number }>();
  const seconds = (window.endMs - window.startMs) / 1000;
  if (!(seconds > 0)) return { resources: {}, faults: ['the measured window is empty'], notes };
  for (const target of targets) {
    const onNode = samples.filter((s) => s.node === target.node);
    const byContainer = new Map<string, ContainerStat[]>();
    for (const sample of onNode) {
      for (const stat of sample.summary.containers) {
        if (stat.namespace !== target.namespace || stat.pod !== target.pod) continue;
        byContainer.set(stat.container, [...(byContainer.get(stat.container) ?? []), stat]);
      }
    }
    const name = `${target.namespace}/${target.pod}`;
    if (byContainer.size === 0) {
      faults.push(`no kubelet stats for pod ${name} (${target.component}) on node ${target.node}`);
      continue;
    }
    const lastSample = onNode.at(-1);
    for (const [container, stats] of byContainer) {
      const component = componentOf(target, container);
      const { points, restarted } = cpuSeries(stats);
      if (restarted)
        notes.push(`container ${name}/${container} restarted; its CPU is summed across runs`);
      const start = valueAt(points, window.startMs);
      let end = valueAt(points, window.endMs);
      // Gone from the latest Summary: it exited, and its counter stopped at the last value seen.
      const gone =
        lastSample !== undefined &&
        !lastSample.summary.containers.some(
          (s) =>
            s.namespace === target.namespace && s.pod === target.pod && s.container === container,
        );
      if (end === undefined && gone && points.length > 0) {
        end = points.at(-1)?.value;
        notes.push(
          `container ${name}/${container} exited before the kubelet sampled it after the window; its CPU is counted up to its last sample`,
        );
      }
      const peak = memoryPeak(stats, window);
      if (start === undefined || end === undefined || peak === undefined) {
        faults.push(
          `no kubelet stats around the measured window for ${component} container ${name}/${container}`,
        );
        continue;
      }
      const total = totals.get(component) ?? { cpuSeconds: 0, memoryBytes: 0 };
      total.cpuSeconds += Math.max(0, end - start) / 1e9;
      total.memoryBytes += peak;
      totals.set(component, total);
    }
  }
  const resources: Resources = {};
  for (const [component, total] of totals) {
    const figures: ComponentResources = {
      cpuCores: round(total.cpuSeconds / seconds, 4),
      cpuSeconds: round(total.cpuSeconds, 3),
      memoryMiBPeak: round(total.memoryBytes / (1024 * 1024), 2),
    };
    resources[component] = figures;
  }
  return { resources, faults, notes };
}
