import { describe, expect, it } from '@jest/globals';
import {
  decodeHistogram,
  encodeHistogram,
  latencyMsOf,
  mergeEncoded,
  newHistogram,
  recordMicros,
} from '../../src/metrics/histogram.js';

function histogramOf(micros: readonly number[]): string {
  const h = newHistogram();
  for (const v of micros) recordMicros(h, v);
  return encodeHistogram(h);
}

/** Exact percentile of raw values, the way HdrHistogram defines it (value at rank ceil(p*n)). */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

describe('histogram handling', () => {
  it('round-trips through the compressed base64 encoding', () => {
    const encoded = histogramOf([100, 200, 300, 10_000, 1_000_000]);
    const decoded = decodeHistogram(encoded);
    expect(decoded.totalCount).toBe(5);
    expect(decoded.maxValue).toBeGreaterThanOrEqual(999_000);
    expect(encodeHistogram(decoded)).toBe(encoded);
  });

  it('merges without loss: counts add up and percentiles match the raw values within 0.1%', () => {
    // Deterministic pseudo-random latencies in three "trials" with different shapes.
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const parts = [
      Array.from({ length: 5000 }, () => 10_000 + next() * 2_000),
      Array.from({ length: 3000 }, () => 12_000 + next() * 40_000),
      Array.from({ length: 2000 }, () => 200 + next() * 1_000_000),
    ].map((values) => values.map(Math.round));
    const merged = mergeEncoded(parts.map(histogramOf));
    const all = parts.flat();
    expect(merged.totalCount).toBe(all.length);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = exactPercentile(all, p);
      expect(Math.abs(merged.getValueAtPercentile(p) - exact) / exact).toBeLessThanOrEqual(0.001);
    }
  });

  it('clamps values outside 1 µs..60 s instead of failing', () => {
    const h = newHistogram();
    recordMicros(h, 0);
    recordMicros(h, 120_000_000);
    expect(h.totalCount).toBe(2);
    expect(h.maxValue).toBeLessThanOrEqual(60_000_000 * 1.001);
  });

  it('reports milliseconds, and zeros for an empty histogram', () => {
    const h = newHistogram();
    for (let i = 1; i <= 100; i++) recordMicros(h, i * 1000);
    const ms = latencyMsOf(h);
    expect(ms.min).toBe(1);
    expect(ms.p50).toBeCloseTo(50, 1);
    expect(ms.p99).toBeCloseTo(99, 1);
    expect(ms.max).toBeCloseTo(100, 1);
    expect(ms.mean).toBeCloseTo(50.5, 1);
    expect(latencyMsOf(newHistogram())).toEqual({
      min: 0,
      mean: 0,
      p50: 0,
      p90: 0,
      p99: 0,
      p999: 0,
      max: 0,
    });
  });

  it('merging nothing gives an empty histogram', () => {
    expect(mergeEncoded([]).totalCount).toBe(0);
  });
});
