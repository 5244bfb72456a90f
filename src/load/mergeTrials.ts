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

/**
 * One trial from the generators' trials: rates (requested and achieved) are summed, since each
 * generator drove its share over the same period; the window is the union of theirs.
 */
export function mergeEngineTrials(trials: readonly EngineTrial[]): EngineTrial {
  const [first] = trials;
  if (first === undefined) throw new Error('mergeEngineTrials: no trials to merge');
  const engines = [...new Set(trials.map((t) => t.engine))];
  if (engines.length > 1) {
    throw new Error(`mergeEngineTrials: trials of different engines (${engines.join(', ')})`);
  }
  const histogram = mergeEncoded(trials.map((t) => t.histogram));
  const sum = (pick: (t: EngineTrial) => number): number =>
    trials.reduce((total, t) => total + pick(t), 0);
  return {
    engine: first.engine,
    requestedRps: round3(sum((t) => t.requestedRps)),
    achievedRps: round3(sum((t) => t.achievedRps)),
    requests: sum((t) => t.requests),
    unsent: sum((t) => t.unsent),
    errors: mergeErrorCounts(trials.map((t) => t.errors)),
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    measureStartMs: Math.min(...trials.map((t) => t.measureStartMs)),
    measureEndMs: Math.max(...trials.map((t) => t.measureEndMs)),
  };
}
