// A load split across N generators merges without loss, for both engines' histogram forms:
// the merged count is the sum, and the merged percentiles are those of all raw latencies together,
// within HdrHistogram's precision (builtin) or within one of fortio's buckets (fortio).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseFortioResult } from '../../src/load/fortio/parseFortioResult.js';
import { mergeEngineTrials } from '../../src/load/mergeTrials.js';
import type { EngineTrial } from '../../src/load/types.js';
import {
  decodeHistogram,
  encodeHistogram,
  latencyMsOf,
  newHistogram,
  recordMicros,
} from '../../src/metrics/histogram.js';
import { fortioBucketIndex, fortioHistogramOf } from '../support/fortioHistogram.js';

const PERCENTILES = [1, 25, 50, 75, 90, 99, 99.9, 100];

/** Value at rank ceil(p × n), as HdrHistogram defines a percentile. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? NaN;
}

/** One builtin generator's trial: latencies recorded the way its connections record them. */
function builtinTrial(micros: readonly number[], startMs: number): EngineTrial {
  const histogram = newHistogram();
  for (const us of micros) recordMicros(histogram, us);
  return {
    engine: 'builtin',
    requestedRps: 100,
    achievedRps: 99.5,
    requests: micros.length,
    unsent: 0,
    errors: { total: 0, byCode: {} },
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    measureStartMs: startMs,
    measureEndMs: startMs + 5000,
  };
}

const RESOLUTION = 0.00005;
const OFFSET = 0.01;

/** One fortio generator's trial: its JSON result built from the latencies, then parsed. */
function fortioTrial(seconds: readonly number[], startMs: number): EngineTrial {
  return parseFortioResult({
    StartTime: new Date(startMs).toISOString(),
    RequestedQPS: '100',
    RequestedDuration: '5s',
    ActualQPS: seconds.length / 5,
    ActualDuration: 5e9,
    NumThreads: 10,
    DurationHistogram: fortioHistogramOf(seconds, OFFSET, RESOLUTION),
    ErrorsDurationHistogram: fortioHistogramOf([], OFFSET, RESOLUTION),
    RetCodes: { '200': seconds.length },
  });
}

/** Latencies from 1 µs up with a long tail, split over 1-6 generators. */
const splitLoad = (min: number, max: number) =>
  fc
    .array(fc.tuple(fc.integer({ min, max }), fc.nat({ max: 5 })), { minLength: 1, maxLength: 400 })
    .map((pairs) => {
      const generators = Math.max(...pairs.map(([, g]) => g)) + 1;
      return Array.from({ length: generators }, (_, g) =>
        pairs.filter(([, owner]) => owner === g).map(([value]) => value),
      ).filter((share) => share.length > 0);
    });

describe('mergeEngineTrials', () => {
  it('builtin: count is the sum and percentiles match all raw latencies together', () => {
    fc.assert(
      fc.property(splitLoad(1, 30_000_000), (shares) => {
        const all = shares.flat();
        const merged = mergeEngineTrials(shares.map((s, i) => builtinTrial(s, 1000 + i)));
        const histogram = decodeHistogram(merged.histogram);
        expect(histogram.totalCount).toBe(all.length);
        expect(merged.requests).toBe(all.length);
        // Lossless: the very histogram one generator recording everything would have.
        const single = newHistogram();
        for (const us of all) recordMicros(single, us);
        expect(merged.histogram).toBe(encodeHistogram(single));
        for (const p of PERCENTILES) {
          const exact = exactPercentile(all, p);
          const ours = histogram.getValueAtPercentile(p);
          // 3 significant digits: values are equivalent within 1/1000 of themselves.
          expect(Math.abs(ours - exact)).toBeLessThanOrEqual(Math.max(1, exact / 1000));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('fortio: count is the sum and percentiles stay within one fortio bucket of the raw ones', () => {
    fc.assert(
      fc.property(splitLoad(1, 2_000_000), (shares) => {
        const all = shares.flat().map((us) => us / 1e6);
        const merged = mergeEngineTrials(
          shares.map((s, i) =>
            fortioTrial(
              s.map((us) => us / 1e6),
              1000 + i,
            ),
          ),
        );
        const histogram = decodeHistogram(merged.histogram);
        expect(histogram.totalCount).toBe(all.length);
        expect(merged.requests).toBe(all.length);
        for (const p of PERCENTILES) {
          const exact = exactPercentile(all, p);
          const ours = histogram.getValueAtPercentile(p) / 1e6;
          const distance = Math.abs(
            fortioBucketIndex(ours, OFFSET, RESOLUTION) -
              fortioBucketIndex(exact, OFFSET, RESOLUTION),
          );
          expect(distance).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sums rates, counts and errors and spans the union of the windows', () => {
    const a = { ...builtinTrial([1000, 2000], 1000), errors: { total: 2, byCode: { '503': 2 } } };
    const b = {
      ...builtinTrial([3000], 1500),
      unsent: 4,
      errors: { total: 3, byCode: { '503': 1, socket: 2 } },
    };
    const merged = mergeEngineTrials([a, b]);
    expect(merged).toMatchObject({
      engine: 'builtin',
      requestedRps: 200,
      achievedRps: 199,
      requests: 3,
      unsent: 4,
      errors: { total: 5, byCode: { '503': 3, socket: 2 } },
      measureStartMs: 1000,
      measureEndMs: 6500,
    });
    expect(merged.latencyMs.max).toBeCloseTo(3, 2);
  });

  it('refuses nothing to merge and a mix of engines', () => {
    expect(() => mergeEngineTrials([])).toThrow(/no trials/);
    const builtin = builtinTrial([1000], 0);
    expect(() => mergeEngineTrials([builtin, { ...builtin, engine: 'fortio' }])).toThrow(
      /different engines \(builtin, fortio\)/,
    );
  });
});
