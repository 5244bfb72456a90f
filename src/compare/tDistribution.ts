// Student's t quantiles and tail probabilities, from @stdlib (exact for fractional degrees of
// freedom, which Welch's test produces; hand-rolled series lose precision in the tails we use).
import cdf from '@stdlib/stats-base-dists-t-cdf';
import quantile from '@stdlib/stats-base-dists-t-quantile';

function checkDf(df: number): void {
  if (!Number.isFinite(df) || df <= 0) {
    throw new RangeError(`degrees of freedom must be a positive number, got ${df}`);
  }
}

/** The t value below which a fraction `p` of the distribution lies, e.g. tQuantile(0.95, 4). */
export function tQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must lie in (0, 1), got ${p}`);
  return quantile(p, df);
}

/** P(T >= t): the one-sided p-value of a t statistic. */
export function tUpperTail(t: number, df: number): number {
  checkDf(df);
  // By symmetry, read far-right tails off the left side, where the CDF keeps full precision.
  return cdf(-t, df);
}
