// Latency histograms: one shape everywhere (microseconds, 1 µs to 60 s, 3 significant digits) so
// that trials, worker threads and load generators merge without loss. Summaries are always read
// off a merged histogram, never averaged from percentiles.
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencyMs } from '../load/types.js';

export const LOWEST_US = 1;
export const HIGHEST_US = 60_000_000;
export const SIGNIFICANT_DIGITS = 3;

export type { Histogram };

export function newHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    autoResize: false,
    useWebAssembly: false,
  });
}

/** Records one latency; values past the range are clamped so one huge stall cannot crash a run. */
export function recordMicros(histogram: Histogram, micros: number, count = 1): void {
  const value = Math.min(HIGHEST_US, Math.max(LOWEST_US, Math.round(micros)));
  if (count === 1) histogram.recordValue(value);
  else histogram.recordValueWithCount(value, count);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  // Re-home into our standard shape so later adds never resize or reject values.
  const histogram = newHistogram();
  histogram.add(decoded);
  return histogram;
}

/** Merges encoded histograms into one; an empty list gives an empty histogram. */
export function mergeEncoded(encoded: readonly string[]): Histogram {
  const merged = newHistogram();
  for (const item of encoded) merged.add(decodeHistogram(item));
  return merged;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Latency figures in milliseconds; an empty histogram reads as all zeros. */
export function latencyMsOf(histogram: Histogram): LatencyMs {
  if (histogram.totalCount === 0) {
    return { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
  }
  const at = (percentile: number): number =>
    round3(histogram.getValueAtPercentile(percentile) / 1000);
  return {
    min: round3(histogram.minNonZeroValue / 1000),
    mean: round3(histogram.mean / 1000),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: round3(histogram.maxValue / 1000),
  };
}
