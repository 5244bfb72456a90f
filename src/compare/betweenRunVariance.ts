// The between-run variance τ² of a two-level model: a run's per-trial log values scatter around
// the run's mean (within-run variance σ²), and run means scatter around the code's true value with
// variance τ² (the machine state a run shares: CPU, neighbours, frequency, page cache). Estimated
// by the method of moments from stored runs' means and within-run variances, truncated at 0.
import { mean, sampleVariance, MIN_TRIALS } from './estimate.js';

/**
 * Fewer stored runs under a key give no estimate of τ² here. With 3 the one-sided test rejected a
 * true null 1.7 times as often as its level in simulation (README, "Run-to-run noise"); from 5 on,
 * never more often than its level.
 */
export const MIN_HISTORY_RUNS = 5;
/**
 * Stored runs τ² is estimated from, the newest: enough df to be useful, few enough that a real
 * change of the code long ago has aged out of the estimate.
 */
export const HISTORY_RUNS = 10;

export interface BetweenRunEstimate {
  /** τ² on the compared (log) scale; 0 when the run means scatter no more than their trials. */
  variance: number;
  /** Satterthwaite degrees of freedom of the estimate (at most runs - 1); null when it is 0. */
  df: number | null;
  /** Runs it was estimated from. */
  runs: number;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/**
 * Unweighted method of moments over K runs (Hedges' estimator): τ² = S² - v̄, the sample variance
 * S² of the run means less the mean v̄ of the runs' squared standard errors s_i² / n_i, truncated
 * at 0. Unbiased before truncation whatever each run's trial count and variance; unlike
 * DerSimonian–Laird's inverse-variance weights it does not break on a run whose trials all read
 * the same value. Its df is Satterthwaite's for the difference of two mean squares: S² has K - 1,
 * v̄ has Var(v̄) = Σ 2 v_i² / (n_i - 1) / K², so df = τ⁴ / (S⁴ / (K - 1) + Σ v_i² / (n_i - 1) / K²),
 * well under K - 1 when τ² is small beside v̄. Runs with fewer than 2 values are skipped;
 * undefined under MIN_HISTORY_RUNS usable runs.
 */
export function estimateBetweenRunVariance(
  runs: readonly (readonly number[])[],
): BetweenRunEstimate | undefined {
  const usable = runs.filter((values) => values.length >= MIN_TRIALS);
  const k = usable.length;
  if (k < MIN_HISTORY_RUNS) return undefined;
  const spread = sampleVariance(usable.map(mean));
  const errors = usable.map((values) => ({
    squared: sampleVariance(values) / values.length,
    n: values.length,
  }));
  const variance = Math.max(0, spread - mean(errors.map((e) => e.squared)));
  const errorsTerm = sum(errors.map((e) => e.squared ** 2 / (e.n - 1)));
  const df = variance > 0 ? variance ** 2 / (spread ** 2 / (k - 1) + errorsTerm / k ** 2) : null;
  return { variance, df, runs: k };
}
