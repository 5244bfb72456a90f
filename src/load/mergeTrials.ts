// Merges the trials of several load generators that shared one load (N processes locally, N pods
// in a cluster) into one trial, without loss: counts and errors add up, histograms merge bucket by
// bucket, and latency figures are read off the merged histogram, never averaged.
import { encodeHistogram, latencyMsOf, mergeEncoded } from '../metrics/histogram.js';
import type { EngineTrial, ErrorCounts } from './types.js';

export function mergeErrorCounts(all: readonly ErrorCounts[]): ErrorCounts {
  const merged: ErrorCounts = { total: 0, byCode: {} };
  for (const errors of all) {
    merged.total += errors.total;
    for (const [code, count] of Object.entries(errors.byCode)) {
      merged.byCode[code] = (merged.byCode[code] ?? 0) + count;
    }
  }
  return merged;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export interface MergeOptions {
  /**
   * union: from the first start to the last end (processes on one machine, started together);
   * common: only the span every generator measured, where the load was the full load (pods, whose
   * resources are attributed over that same span).
   */
  window?: 'union' | 'common';
}

/**
 * One trial from the generators' trials: rates (requested and achieved) are summed, since each
 * generator drove its share over the same period.
 */
export function mergeEngineTrials(
  trials: readonly EngineTrial[],
  options: MergeOptions = {},
): EngineTrial {
  const [first] = trials;
  if (first === undefined) throw new Error('mergeEngineTrials: no trials to merge');
  const engines = [...new Set(trials.map((t) => t.engine))];
  if (engines.length > 1) {
    throw new Error(`mergeEngineTrials: trials of different engines (${engines.join(', ')})`);
  }
  const histogram = mergeEncoded(trials.map((t) => t.histogram));
  const sum = (pick: (t: EngineTrial) => number): number =>
    trials.reduce((total, t) => total + pick(t), 0);
  const starts = trials.map((t) => t.measureStartMs);
  const ends = trials.map((t) => t.measureEndMs);
  const common = options.window === 'common';
  const start = common ? Math.max(...starts) : Math.min(...starts);
  const end = common ? Math.min(...ends) : Math.max(...ends);
  return {
    engine: first.engine,
    requestedRps: round3(sum((t) => t.requestedRps)),
    achievedRps: round3(sum((t) => t.achievedRps)),
    requests: sum((t) => t.requests),
    unsent: sum((t) => t.unsent),
    errors: mergeErrorCounts(trials.map((t) => t.errors)),
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    measureStartMs: start,
    measureEndMs: Math.max(start, end),
  };
}
