// fortio's bucketed histogram into HdrHistogram form, checked against real runs: the access-log run
// (test/fixtures/fortio) knows every call's latency, so the conversion is held to the truth, not
// only to fortio's own percentiles.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  fortioToHdr,
  spreadBucket,
  subtractBuckets,
} from '../../src/load/fortio/fortioHistogram.js';
import { parseFortioJson, type FortioResult } from '../../src/load/fortio/fortioResult.js';
import { fixturesDir } from '../support/paths.js';
import {
  fortioBucketBounds,
  fortioBucketIndex,
  fortioHistogramOf,
} from '../support/fortioHistogram.js';

const dir = path.join(fixturesDir, 'fortio');
const fixture = (name: string): FortioResult =>
  parseFortioJson(readFileSync(path.join(dir, `${name}.json`), 'utf8'));

/** Every call's latency in seconds, from fortio's access log of the same run. */
const accessLog = readFileSync(path.join(dir, 'access-log.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { latency: number; ok: boolean });

/** Value at rank ceil(p × n), as HdrHistogram defines a percentile. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? NaN;
}

const RESOLUTION = 0.00005;
const OFFSET = 0.01;

describe('the fortio histogram model used by the tests', () => {
  it('rebuilds the real run from its access log, bucket for bucket', () => {
    const run = fixture('access-log');
    const rebuilt = fortioHistogramOf(
      accessLog.map((call) => call.latency),
      OFFSET,
      RESOLUTION,
    );
    expect(accessLog).toHaveLength(run.DurationHistogram.Count);
    const real = run.DurationHistogram.Data ?? [];
    // The log prints latencies to the microsecond, so a call within 0.5 µs of an edge can land in
    // the neighbouring bucket (6 of 900 here); a wrong grid would move most of them.
    const byEnd = (buckets: typeof real): Map<string, number> =>
      new Map(buckets.slice(0, -1).map((b) => [b.End.toFixed(9), b.Count]));
    const ours = byEnd(rebuilt.Data ?? []);
    let moved = 0;
    for (const [end, count] of byEnd(real)) moved += Math.abs(count - (ours.get(end) ?? 0));
    expect(moved).toBeLessThanOrEqual(run.DurationHistogram.Count * 0.02);
    expect(rebuilt.Data?.at(-1)?.End).toBeCloseTo(run.DurationHistogram.Max, 5);
    expect(real.length).toBeGreaterThan(10);
  });

  it.each([
    // (prev, edge]: a value on an edge belongs to the lower bucket.
    [0.0103, 6],
    [0.01030001, 7],
    [0.01, 0],
    [0.0099, 0],
    [0.01 + 100_001 * RESOLUTION, 56],
  ])('puts %p s in bucket %p', (seconds, index) => {
    expect(fortioBucketIndex(seconds, OFFSET, RESOLUTION)).toBe(index);
  });
});

describe('fortioToHdr on real runs', () => {
  it('keeps the access-log run within one fortio bucket of the true percentiles', () => {
    const run = fixture('access-log');
    const hdr = fortioToHdr(run.DurationHistogram, run.ErrorsDurationHistogram);
    const truth = accessLog.map((call) => call.latency);
    expect(hdr.totalCount).toBe(truth.length);
    for (const p of [1, 10, 50, 75, 90, 99, 99.9, 100]) {
      const ours = hdr.getValueAtPercentile(p) / 1e6;
      const exact = exactPercentile(truth, p);
      const distance = Math.abs(
        fortioBucketIndex(ours, OFFSET, RESOLUTION) - fortioBucketIndex(exact, OFFSET, RESOLUTION),
      );
      expect(distance).toBeLessThanOrEqual(1);
    }
    // fortio knows min and max exactly; so does the conversion (HdrHistogram keeps 3 digits).
    expect(hdr.minNonZeroValue / 1e6).toBeCloseTo(Math.min(...truth), 5);
    expect(hdr.maxValue / 1e6).toBeCloseTo(Math.max(...truth), 4);
  });

  it.each([
    'plain',
    'uniform',
    'mtls',
    'errors',
    'behind',
    'nodelay',
    'nodelay-default-r',
    'lowered',
    'uneven',
  ])('%s: every percentile fortio computed is within one of its buckets of ours', (name) => {
    const run = fixture(name);
    const hdr = fortioToHdr(run.DurationHistogram, run.ErrorsDurationHistogram);
    const errors = run.ErrorsDurationHistogram?.Count ?? 0;
    expect(hdr.totalCount).toBe(run.DurationHistogram.Count - errors);
    if (errors > 0) return; // fortio's percentiles include the failed calls; ours do not.
    const offset = (Number(run.Offset) || 0) / 1e9;
    const resolution = Number(run.Resolution);
    for (const { Percentile, Value } of run.DurationHistogram.Percentiles ?? []) {
      const ours = hdr.getValueAtPercentile(Percentile) / 1e6;
      const [low, high] = fortioBucketBounds(Value, offset, resolution);
      const width = high - low;
      expect(ours).toBeGreaterThanOrEqual(low - width);
      expect(ours).toBeLessThanOrEqual(high + width + Value * 1e-3);
    }
  });

  it('leaves out the failed calls: 22 answers 503 and 4 socket errors of 598 calls', () => {
    const run = fixture('errors');
    const hdr = fortioToHdr(run.DurationHistogram, run.ErrorsDurationHistogram);
    expect(run.RetCodes).toEqual({ '-1': 4, '200': 572, '503': 22 });
    expect(hdr.totalCount).toBe(572);
    // The three calls over 375 ms all failed (400 ms answers past the 200 ms -timeout): with the
    // errors taken out, the slowest success lies in the 200-250 ms bucket.
    expect(run.DurationHistogram.Max).toBeGreaterThan(0.375);
    expect(hdr.maxValue / 1e6).toBeLessThanOrEqual(0.25);
    expect(hdr.maxValue / 1e6).toBeGreaterThan(0.2);
  });

  it('shows why -r changed: the default puts every sub-millisecond call in one bucket', () => {
    const coarse = fixture('nodelay-default-r');
    const fine = fixture('nodelay');
    const underOneMs = (run: FortioResult): number =>
      (run.DurationHistogram.Data ?? []).filter((b) => b.End <= 0.001).length;
    expect(underOneMs(coarse)).toBe(1);
    expect(underOneMs(fine)).toBeGreaterThanOrEqual(8);
  });

  it('gives an empty histogram for a run without calls (Data: null)', () => {
    const run = fixture('zero-calls');
    expect(run.DurationHistogram.Data).toBeNull();
    expect(fortioToHdr(run.DurationHistogram, run.ErrorsDurationHistogram).totalCount).toBe(0);
  });
});

describe('bucket arithmetic', () => {
  // prettier-ignore
  const rows: [string, { start: number; end: number; count: number }, boolean, boolean, { seconds: number; count: number }[]][] = [
    ['one value, interior: the middle', { start: 1, end: 2, count: 1 }, false, false, [{ seconds: 1.5, count: 1 }]],
    ['one value, first bucket: Min', { start: 1, end: 2, count: 1 }, true, false, [{ seconds: 1, count: 1 }]],
    ['one value, last bucket: Max', { start: 1, end: 2, count: 1 }, false, true, [{ seconds: 2, count: 1 }]],
    ['two values, interior: quarter points', { start: 0, end: 4, count: 2 }, false, false, [{ seconds: 1, count: 1 }, { seconds: 3, count: 1 }]],
    ['three values, first and last: both ends', { start: 0, end: 4, count: 3 }, true, true, [{ seconds: 0, count: 1 }, { seconds: 2, count: 1 }, { seconds: 4, count: 1 }]],
    ['empty', { start: 0, end: 4, count: 0 }, false, false, []],
  ];
  it.each(rows)('spreads %s', (_what, cell, first, last, points) => {
    expect(spreadBucket(cell, first, last)).toEqual(points);
  });

  it('caps the points of a crowded bucket and keeps its count', () => {
    const points = spreadBucket({ start: 0.01, end: 0.012, count: 1_000_003 }, false, false);
    expect(points).toHaveLength(1000);
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(1_000_003);
    expect(Math.min(...points.map((p) => p.seconds))).toBeGreaterThan(0.01);
    expect(Math.max(...points.map((p) => p.seconds))).toBeLessThan(0.012);
  });

  it('subtracts each error bucket from the duration bucket that holds it', () => {
    const run = fixture('errors');
    const cells = subtractBuckets(
      run.DurationHistogram.Data ?? [],
      run.ErrorsDurationHistogram?.Data ?? [],
    );
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(572);
    expect(cells.every((c) => c.count >= 0)).toBe(true);
  });

  it('refuses error counts the duration histogram cannot hold', () => {
    const all = [{ Start: 0.001, End: 0.002, Percent: 100, Count: 1 }];
    const errors = [{ Start: 0.001, End: 0.002, Percent: 100, Count: 2 }];
    expect(() => subtractBuckets(all, errors)).toThrow(/does not fit/);
    const elsewhere = [{ Start: 0.5, End: 0.6, Percent: 100, Count: 1 }];
    expect(() => subtractBuckets(all, elsewhere)).toThrow(/does not fit/);
  });
});
