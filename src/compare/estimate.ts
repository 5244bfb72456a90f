// The difference of two sets of per-trial values with its standard error and degrees of freedom:
// Welch (unequal variances, Welch–Satterthwaite df) for independent runs, or paired differences
// for interleaved trials of one run. Values arrive already on the scale compared (log or raw).

export interface Estimate {
  /** Mean of current minus mean of baseline (paired: mean of the per-pair differences). */
  difference: number;
  standardError: number;
  /** Degrees of freedom; null when the standard error is 0 (every trial gave the same value). */
  df: number | null;
  /** The part of standardError² that is run-to-run variance (2τ²), when a term was added. */
  betweenRuns?: number;
}

/** Run-to-run variance τ² of one run's mean, and the degrees of freedom of its estimate. */
export interface BetweenRunTerm {
  variance: number;
  /** Null only when variance is 0: nothing is added. */
  df: number | null;
}

/** Trials a side needs: a variance needs two values. */
export const MIN_TRIALS = 2;

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

/** Sample variance (n - 1 in the denominator); needs at least two values. */
export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

// Values that differ only by rounding (1e-16 of the mean) are identical: no spread to estimate.
function cleanVariance(variance: number, values: readonly number[]): number {
  const scale = Math.max(...values.map(Math.abs), 1e-300);
  return variance <= (scale * 1e-12) ** 2 ? 0 : variance;
}

/**
 * Welch's two-sample estimate; undefined when a side has fewer than MIN_TRIALS values. With a
 * between-run term each run's mean also carries τ²: SE² = s_b²/n_b + s_c²/n_c + 2τ², and the
 * Welch–Satterthwaite df counts τ²'s own df like each side's n - 1.
 */
export function welchEstimate(
  baseline: readonly number[],
  current: readonly number[],
  between?: BetweenRunTerm,
): Estimate | undefined {
  if (baseline.length < MIN_TRIALS || current.length < MIN_TRIALS) return undefined;
  const a = cleanVariance(sampleVariance(baseline), baseline) / baseline.length;
  const b = cleanVariance(sampleVariance(current), current) / current.length;
  const c = between === undefined ? 0 : 2 * between.variance;
  const standardError = Math.sqrt(a + b + c);
  const df =
    standardError === 0
      ? null
      : (a + b + c) ** 2 /
        (a ** 2 / (baseline.length - 1) +
          b ** 2 / (current.length - 1) +
          (c > 0 && between?.df ? c ** 2 / between.df : 0));
  const difference = mean(current) - mean(baseline);
  return between === undefined
    ? { difference, standardError, df }
    : { difference, standardError, df, betweenRuns: c };
}

/** The paired estimate over per-pair differences (current - baseline); undefined under 2 pairs. */
export function pairedEstimate(
  pairs: readonly (readonly [number, number])[],
): Estimate | undefined {
  if (pairs.length < MIN_TRIALS) return undefined;
  const differences = pairs.map(([base, cur]) => cur - base);
  const spread = pairs.flat();
  const variance = cleanVariance(sampleVariance(differences), spread);
  const standardError = Math.sqrt(variance / differences.length);
  return {
    difference: mean(differences),
    standardError,
    df: standardError === 0 ? null : differences.length - 1,
  };
}
