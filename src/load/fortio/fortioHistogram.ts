// fortio's bucketed histogram (seconds) into our HdrHistogram form (microseconds), so fortio trials
// merge with each other and with load generators exactly like builtin trials. Each bucket's count is
// spread evenly over its interval, the model fortio's own percentiles use (linear within a bucket),
// so a percentile read off the result stays inside the bucket fortio reads it from.
import { InfraError } from '../../errors.js';
import { newHistogram, recordMicros, type Histogram } from '../../metrics/histogram.js';
import type { FortioBucket, FortioHistogram } from './fortioResult.js';

/** Points per bucket: enough for percentiles to 0.1 % of a bucket's width, bounded in cost. */
const MAX_POINTS_PER_BUCKET = 1000;
/** Bucket edges are products of floats; equal edges can differ in the last bits. */
const EDGE_EPSILON_SECONDS = 1e-9;

interface Cell {
  start: number;
  end: number;
  count: number;
}

/**
 * The buckets of `all` minus those of `errors` (fortio records every call in DurationHistogram and
 * the failed ones again in ErrorsDurationHistogram, on the same grid). An error bucket lies inside
 * one bucket of `all`: only the first starts at its own Min and the last ends at its own Max.
 */
export function subtractBuckets(
  all: readonly FortioBucket[],
  errors: readonly FortioBucket[],
): Cell[] {
  const cells = all.map((b) => ({ start: b.Start, end: b.End, count: b.Count }));
  for (const error of errors) {
    if (error.Count === 0) continue;
    const middle = (error.Start + error.End) / 2;
    // fortio's intervals are (previous edge, edge]: a value on an edge belongs to the lower one.
    const cell = cells.find(
      (c) => middle >= c.start - EDGE_EPSILON_SECONDS && middle <= c.end + EDGE_EPSILON_SECONDS,
    );
    if (!cell || cell.count < error.Count) {
      throw new InfraError(
        `fortio's error histogram does not fit its duration histogram: ${error.Count} call(s) in [${error.Start}, ${error.End}] s`,
      );
    }
    cell.count -= error.Count;
  }
  return cells;
}

/**
 * Where the `count` values of one bucket go: evenly spread, at most MAX_POINTS_PER_BUCKET distinct
 * points. The first bucket keeps a point on Min and the last on Max, which fortio knows exactly.
 */
export function spreadBucket(
  cell: Cell,
  anchorStart: boolean,
  anchorEnd: boolean,
): { seconds: number; count: number }[] {
  if (cell.count === 0) return [];
  const points = Math.min(cell.count, MAX_POINTS_PER_BUCKET);
  const width = Math.max(0, cell.end - cell.start);
  const base = Math.floor(cell.count / points);
  const extra = cell.count % points;
  const countAt = (i: number): number => base + (i < extra ? 1 : 0);
  if (points === 1) {
    const at = anchorStart ? cell.start : anchorEnd ? cell.end : cell.start + width / 2;
    return [{ seconds: at, count: cell.count }];
  }
  const low = anchorStart ? cell.start : cell.start + width / (2 * points);
  const high = anchorEnd ? cell.end : cell.end - width / (2 * points);
  const step = (high - low) / (points - 1);
  return Array.from({ length: points }, (_, i) => ({ seconds: low + i * step, count: countAt(i) }));
}

/**
 * The successful calls' latencies as an HdrHistogram in microseconds: DurationHistogram minus
 * ErrorsDurationHistogram. An empty histogram (`Data: null`) gives an empty result.
 */
export function fortioToHdr(all: FortioHistogram, errors?: FortioHistogram): Histogram {
  const histogram = newHistogram();
  const buckets = all.Data ?? [];
  const cells = subtractBuckets(buckets, errors?.Data ?? []);
  cells.forEach((cell, i) => {
    const anchorStart = i === 0 && cell.start === all.Min;
    const anchorEnd = i === cells.length - 1 && cell.end === all.Max;
    for (const point of spreadBucket(cell, anchorStart, anchorEnd)) {
      recordMicros(histogram, point.seconds * 1e6, point.count);
    }
  });
  return histogram;
}
