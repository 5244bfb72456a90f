// Which run-to-run variance each comparison across runs gets: τ² estimated from the stored runs
// under the current run's comparability key when there are enough of them, else the default
// measured for its metric (src/compare/runNoisePrior.ts), else none.
import type { MeshId } from '../config/types.js';
import { comparabilityKey } from '../results/comparabilityKey.js';
import type { ResultDocument } from '../results/schema.js';
import { estimateBetweenRunVariance, HISTORY_RUNS } from './betweenRunVariance.js';
import type { BetweenRunTerm } from './estimate.js';
import { trialValue, validTrials, type MetricKey } from './metricValues.js';
import type { RunNoisePrior } from './runNoisePrior.js';

export type BetweenRunSource = 'history' | 'prior' | 'none';

/** The run-to-run term of one comparison, as the verdict records it. */
export interface BetweenRun {
  source: BetweenRunSource;
  /** τ: standard deviation of a run's mean log value around the code's own (0.05 is about 5 %). */
  tau: number;
  /** Degrees of freedom of τ²'s estimate; null when nothing was added. */
  df: number | null;
  /** Stored runs τ was estimated from (history), or the runs its default was measured from. */
  runs: number;
}

export interface RunNoiseInputs {
  /** Stored runs under the current run's comparability key, oldest first. */
  history: readonly ResultDocument[];
  /** Defaults per metric for too little history; null adds nothing without history. */
  prior: RunNoisePrior | null;
}

export const NO_BETWEEN_RUN: BetweenRun = { source: 'none', tau: 0, df: null, runs: 0 };

export const termOf = (between: BetweenRun): BetweenRunTerm | undefined =>
  between.source === 'none' ? undefined : { variance: between.tau ** 2, df: between.df };

/** Log values of one metric in each stored run, skipping runs that lack it or have a 0 in it. */
function logValuesPerRun(
  runs: readonly ResultDocument[],
  scenario: MeshId,
  key: MetricKey,
): number[][] {
  return runs.flatMap((document) => {
    const trials = validTrials(document.scenarios.find((s) => s.mesh === scenario));
    const values = trials.map((t) => trialValue(t, key));
    if (values.some((v) => v === undefined || !(v > 0) || !Number.isFinite(v))) return [];
    return [values.map((v) => Math.log(v ?? 1))];
  });
}

/**
 * The stored runs that count: same key as the current run, not the current run itself, no
 * injected calibration delay (a known, deliberate shift), the HISTORY_RUNS newest.
 */
export function usableHistory(
  current: ResultDocument,
  history: readonly ResultDocument[],
): ResultDocument[] {
  const key = comparabilityKey(current);
  return history
    .filter(
      (d) =>
        d.run.id !== current.run.id &&
        (d.load.injectedDelayMs ?? 0) === 0 &&
        comparabilityKey(d) === key,
    )
    .slice(-HISTORY_RUNS);
}

/** A lookup of the run-to-run term for each (scenario, metric, component) of a log comparison. */
export function betweenRunLookup(
  current: ResultDocument,
  inputs: RunNoiseInputs,
): (scenario: MeshId, key: MetricKey) => BetweenRun {
  const runs = usableHistory(current, inputs.history);
  return (scenario, key) => {
    const estimate = estimateBetweenRunVariance(logValuesPerRun(runs, scenario, key));
    if (estimate) {
      return {
        source: 'history',
        tau: Math.sqrt(estimate.variance),
        df: estimate.df,
        runs: estimate.runs,
      };
    }
    const prior = inputs.prior?.[key.metric];
    if (!prior) return NO_BETWEEN_RUN;
    return { source: 'prior', tau: prior.tau, df: prior.df, runs: prior.runs };
  };
}
