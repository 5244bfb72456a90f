// fortio's histogram (stats.go, v1.68) rebuilt from raw latencies, for tests that need fortio's
// form of data they know the truth of. test/unit/fortioHistogram.test.ts proves it against a real
// run: from the run's access log it yields the run's own buckets.
import type { FortioHistogram } from '../../src/load/fortio/fortioResult.js';

/** Bucket edges in units of the resolution; (previous edge, edge], one bucket <= 0, one past the end. */
export const FORTIO_EDGES: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90,
  100, 120, 140, 160, 180, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 3000,
  4000, 5000, 7500, 10000, 20000, 30000, 40000, 50000, 75000, 100000,
];

/** Index of the bucket fortio records `seconds` in. */
export function fortioBucketIndex(seconds: number, offset: number, resolution: number): number {
  const scaled = (seconds - offset) / resolution;
  if (scaled <= 0) return 0;
  const last = FORTIO_EDGES.at(-1) ?? 0;
  if (scaled > last) return FORTIO_EDGES.length;
  // fortio truncates, stepping back one when the value sits on an edge: (prev, edge].
  let whole = Math.trunc(scaled);
  if (scaled - whole < 1e-12) whole -= 1;
  return FORTIO_EDGES.findIndex((edge) => edge > whole);
}

/** fortio's exported histogram of the given latencies (seconds), as `fortio load -json` prints it. */
export function fortioHistogramOf(
  values: readonly number[],
  offset: number,
  resolution: number,
): FortioHistogram {
  const counts = new Array<number>(FORTIO_EDGES.length + 1).fill(0);
  for (const v of values) {
    const i = fortioBucketIndex(v, offset, resolution);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const sum = values.reduce((a, b) => a + b, 0);
  const min = values.length === 0 ? 0 : Math.min(...values);
  const max = values.length === 0 ? 0 : Math.max(...values);
  const avg = values.length === 0 ? 0 : sum / values.length;
  const data: FortioHistogram['Data'] = [];
  let previous = FORTIO_EDGES[0] ?? 0;
  let total = 0;
  counts.forEach((count, i) => {
    const edge = FORTIO_EDGES[i];
    if (count === 0) {
      if (edge !== undefined) previous = edge;
      return;
    }
    total += count;
    // The first bucket starts at Min, except the one past the last edge, which starts there.
    const start = data.length === 0 && edge !== undefined ? min : resolution * previous + offset;
    data.push({
      Start: start,
      End: edge === undefined ? max : resolution * edge + offset,
      Percent: (100 * total) / values.length,
      Count: count,
    });
    if (edge !== undefined) previous = edge;
  });
  const lastBucket = data.at(-1);
  if (lastBucket) lastBucket.End = max;
  return {
    Count: values.length,
    Min: min,
    Max: max,
    Sum: sum,
    Avg: avg,
    StdDev: 0,
    Data: values.length === 0 ? null : data,
  };
}

/** The edges around `seconds`: the fortio bucket it falls in, as [start, end]. */
export function fortioBucketBounds(
  seconds: number,
  offset: number,
  resolution: number,
): [number, number] {
  const i = fortioBucketIndex(seconds, offset, resolution);
  const low = i === 0 ? -Infinity : resolution * (FORTIO_EDGES[i - 1] ?? 0) + offset;
  const edge = FORTIO_EDGES[i];
  const high = edge === undefined ? Infinity : resolution * edge + offset;
  return [low, high];
}
