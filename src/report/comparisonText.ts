// Words and numbers for one comparison (a metric of a scenario, baseline vs current), shared by
// the comparison tables, the headline and the annotations so they always say the same thing.
import type { Comparison, ComparisonStatus } from '../results/schema.js';

/** A relative change (0.123) as a signed percentage ("+12.3%"). */
export function relativePct(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const pct = value * 100;
  const text = pct.toFixed(digits);
  // -0.0 and +0.0 both read as 0.0.
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${pct > 0 ? '+' : ''}${text}%`;
}

export function metricLabel(c: Pick<Comparison, 'metric' | 'component'>): string {
  const component = c.component ?? 'all';
  switch (c.metric) {
    case 'latency-p50':
      return 'p50 latency';
    case 'latency-p99':
      return 'p99 latency';
    case 'latency-p999':
      return 'p99.9 latency';
    case 'error-rate':
      return 'error rate';
    case 'cpu':
      return `CPU ${component}`;
    case 'memory':
      return `memory ${component}`;
  }
}

export function valueText(value: number | null, unit: Comparison['unit']): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(2)} ms`;
    case 'cores':
      return `${value.toFixed(3)} cores`;
    case 'MiB':
      return `${value.toFixed(1)} MiB`;
    case 'fraction':
      return `${(value * 100).toFixed(3)}%`;
  }
}

/** An absolute change of a rate (0.0012) in percentage points ("+0.120 pp"). */
export function points(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const text = (value * 100).toFixed(3);
  if (Number(text) === 0) return `${(0).toFixed(3)} pp`;
  return `${value > 0 ? '+' : ''}${text} pp`;
}

/**
 * How a change of this metric reads: relative for latency, CPU and memory; for the error rate,
 * compared by absolute difference against a cap, in percentage points.
 */
export function changeOf(c: Pick<Comparison, 'metric'>, value: number | null): string {
  return c.metric === 'error-rate' ? points(value) : relativePct(value);
}

/** "+12.3% (+8.1% to +16.9%)": the estimate and the bounds of the two one-sided intervals. */
export function changeText(c: Pick<Comparison, 'metric' | 'change' | 'interval'>): string {
  const { lower, upper } = c.interval;
  if (lower === null && upper === null) return changeOf(c, c.change);
  return `${changeOf(c, c.change)} (${changeOf(c, lower)} to ${changeOf(c, upper)})`;
}

export function thresholdText(
  c: Pick<Comparison, 'metric' | 'threshold' | 'floor' | 'unit'>,
): string {
  if (c.metric === 'error-rate') return points(c.threshold);
  const floor = c.floor > 0 ? `, floor ${valueText(c.floor, c.unit)}` : '';
  // 0.1 reads "10%", 0.125 "12.5%".
  return `+${String(Number((c.threshold * 100).toFixed(2)))}%${floor}`;
}

export function statusText(status: ComparisonStatus): string {
  switch (status) {
    case 'fail':
      return '❌ **fail**';
    case 'pass':
      return '✅ pass';
    case 'inconclusive':
      return '⚠️ inconclusive';
  }
}

/** One plain sentence on a regression, for annotations and the headline. */
export function regressionSentence(c: Comparison): string {
  return `${c.scenario} ${metricLabel(c)} ${changeOf(c, c.change)} (${valueText(c.baseline.value, c.unit)} → ${valueText(c.current.value, c.unit)}; lower bound ${changeOf(c, c.interval.lower)}), threshold ${thresholdText(c)}`;
}
