// Scenario summaries and overhead against the `none` baseline. Latency comes from the merged
// histogram of the valid trials (percentiles are never averaged); resources are per-trial means.
import { encodeHistogram, latencyMsOf, mergeEncoded } from '../metrics/histogram.js';
import type { ErrorCounts } from '../load/types.js';
import {
  COMPONENTS,
  type Component,
  type ComponentResources,
  type Overhead,
  type Resources,
  type Summary,
  type Trial,
} from './schema.js';

const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function sumErrors(trials: readonly Trial[]): ErrorCounts {
  const byCode: Record<string, number> = {};
  let total = 0;
  for (const trial of trials) {
    total += trial.errors.total;
    for (const [code, n] of Object.entries(trial.errors.byCode))
      byCode[code] = (byCode[code] ?? 0) + n;
  }
  return { total, byCode };
}

function meanResources(trials: readonly Trial[]): Resources {
  const resources: Resources = {};
  for (const component of COMPONENTS) {
    const values = trials
      .map((t) => t.resources[component])
      .filter((r): r is ComponentResources => r !== undefined);
    if (values.length === 0) continue;
    const mean = (pick: (r: ComponentResources) => number): number =>
      values.reduce((sum, r) => sum + pick(r), 0) / values.length;
    resources[component] = {
      cpuCores: round(
        mean((r) => r.cpuCores),
        4,
      ),
      cpuSeconds: round(mean((r) => r.cpuSeconds)),
      memoryMiBPeak: round(
        mean((r) => r.memoryMiBPeak),
        2,
      ),
    };
  }
  return resources;
}

export function summarizeTrials(trials: readonly Trial[]): Summary {
  const valid = trials.filter((t) => t.valid);
  const merged = mergeEncoded(valid.map((t) => t.histogram));
  return {
    trials: trials.length,
    validTrials: valid.length,
    requests: valid.reduce((sum, t) => sum + t.requests, 0),
    achievedRps:
      valid.length === 0
        ? 0
        : round(valid.reduce((s, t) => s + t.achievedRps, 0) / valid.length, 2),
    errors: sumErrors(valid),
    latencyMs: latencyMsOf(merged),
    histogram: encodeHistogram(merged),
    resources: meanResources(valid),
  };
}

/** Percent change of `value` over `base`; null when either side is missing or the base is zero. */
export function percentChange(value: number | undefined, base: number | undefined): number | null {
  if (value === undefined || base === undefined || base === 0) return null;
  return round(((value - base) / base) * 100, 1);
}

function total(resources: Resources, pick: (r: ComponentResources) => number): number | undefined {
  const values = Object.values(resources).map(pick);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

/**
 * Overhead of a scenario over the `none` scenario, in the style of the study's Table I. Per
 * component where both have it, plus `total`: a mesh moves work into proxies and node agents,
 * so only the total says what the mesh costs the cluster.
 */
export function overheadVsNone(summary: Summary, none: Summary): Overhead | null {
  if (summary.validTrials === 0 || none.validTrials === 0) return null;
  const cpuPct: Overhead['cpuPct'] = {};
  const memoryPct: Overhead['memoryPct'] = {};
  for (const component of COMPONENTS) {
    const mine = summary.resources[component];
    const base = none.resources[component];
    if (!mine || !base) continue;
    cpuPct[component] = percentChange(mine.cpuCores, base.cpuCores);
    memoryPct[component] = percentChange(mine.memoryMiBPeak, base.memoryMiBPeak);
  }
  cpuPct.total = percentChange(
    total(summary.resources, (r) => r.cpuCores),
    total(none.resources, (r) => r.cpuCores),
  );
  memoryPct.total = percentChange(
    total(summary.resources, (r) => r.memoryMiBPeak),
    total(none.resources, (r) => r.memoryMiBPeak),
  );
  return {
    latencyPct: {
      p50: percentChange(summary.latencyMs.p50, none.latencyMs.p50),
      p99: percentChange(summary.latencyMs.p99, none.latencyMs.p99),
      p999: percentChange(summary.latencyMs.p999, none.latencyMs.p999),
    },
    cpuPct,
    memoryPct,
  };
}

export type { Component };
