// The percentile spectrum of one scenario: latency at p50 ... p99.99, read off the merged
// histogram of the valid trials, for the baseline and for this run.
import { decodeHistogram } from '../../metrics/histogram.js';
import type { ResultDocument, Scenario } from '../../results/schema.js';
import { BASELINE_COLOR, CURRENT_COLOR, type LineChart, type Series } from './lineChart.js';

export const SPECTRUM_PERCENTILES = [50, 75, 90, 99, 99.9, 99.99] as const;

const label = (p: number): string => `p${String(p)}`;

/** Latency in ms at each spectrum percentile; null when the scenario has no valid trial. */
export function spectrumOf(scenario: Scenario): number[] | null {
  if (scenario.summary.validTrials === 0) return null;
  const histogram = decodeHistogram(scenario.summary.histogram);
  if (histogram.totalCount === 0) return null;
  return SPECTRUM_PERCENTILES.map((p) => Math.round(histogram.getValueAtPercentile(p)) / 1000);
}

/**
 * The chart for one scenario of the current run, with the same scenario of the baseline when it
 * has one; null when this run has nothing valid to draw.
 */
export function spectrumChart(
  current: Scenario,
  baseline: ResultDocument | null,
): LineChart | null {
  const now = spectrumOf(current);
  if (!now) return null;
  const series: Series[] = [];
  const reference = baseline?.scenarios.find((s) => s.mesh === current.mesh);
  const before = reference ? spectrumOf(reference) : null;
  if (before) {
    series.push({ name: 'baseline', ...colorOf(BASELINE_COLOR), values: before });
  }
  series.push({ name: 'this run', ...colorOf(CURRENT_COLOR), values: now });
  return {
    title: `${current.mesh}: latency by percentile`,
    xTitle: 'percentile',
    yTitle: 'latency (ms)',
    categories: SPECTRUM_PERCENTILES.map(label),
    series,
  };
}

const colorOf = (c: { color: string; name: string }): { color: string; colorName: string } => ({
  color: c.color,
  colorName: c.name,
});
