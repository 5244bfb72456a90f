// Builds trials from known latencies, through the real histogram code, for pure-stage tests.
import {
  encodeHistogram,
  latencyMsOf,
  newHistogram,
  recordMicros,
} from '../../src/metrics/histogram.js';
import type { Resources, Trial } from '../../src/results/schema.js';

export function trialFrom(
  latenciesMs: readonly number[],
  overrides: Partial<Trial> & { resources?: Resources } = {},
): Trial {
  const histogram = newHistogram();
  for (const ms of latenciesMs) recordMicros(histogram, ms * 1000);
  return {
    index: 0,
    repetition: 1,
    startedAt: '2026-11-22T00:00:00.000Z',
    requestedRps: 100,
    achievedRps: 100,
    requests: latenciesMs.length,
    errors: { total: 0, byCode: {} },
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    resources: {},
    valid: true,
    invalidReasons: [],
    ...overrides,
  };
}

export const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
};
