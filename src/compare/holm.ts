// Holm's step-down correction: controls the chance of even one false "regression" across a family
// of tests at familyAlpha, and is uniformly more powerful than Bonferroni.

export interface HolmLevel {
  /** The level this test was held to: p <= alpha exactly when it was rejected. */
  alpha: number;
  rejected: boolean;
}

/**
 * Sorts p ascending (ties keep input order); the test of rank k (from 1) is held to
 * familyAlpha / (m - k + 1) as long as every smaller p was rejected. At the first test that is not
 * rejected the procedure stops: it and all later tests keep that stopping level, which their
 * p-values (no smaller) cannot meet, so `p <= alpha` and `rejected` always agree.
 */
export function holm(pValues: readonly number[], familyAlpha: number): HolmLevel[] {
  const m = pValues.length;
  const order = pValues
    .map((p, index) => ({ p, index }))
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const levels = new Array<HolmLevel>(m);
  let stopped: number | undefined;
  order.forEach(({ p, index }, rank) => {
    const alpha = stopped ?? familyAlpha / (m - rank);
    const rejected = stopped === undefined && p <= alpha;
    if (!rejected && stopped === undefined) stopped = alpha;
    levels[index] = { alpha, rejected };
  });
  return levels;
}
