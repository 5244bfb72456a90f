// The run-to-run noise study's arithmetic (pure), on result documents of repeated runs with the
// same settings (A/A) and runs with a known injected delay: τ per metric (the measured default of
// src/compare/runNoisePrior.ts), and how often the gate fails A/A pairs and catches +30 %
// regressions with no run-to-run term, with the measured default, and with a stored history.
import { mean, sampleVariance } from '../src/compare/estimate.js';
import type { RunNoiseInputs } from '../src/compare/betweenRunTerms.js';
import { fileReference, gate, WITHIN_RUN_ONLY } from '../src/compare/gate.js';
import type { GateOptions } from '../src/compare/gateOptions.js';
import { trialValue, validTrials, type MetricKey } from '../src/compare/metricValues.js';
import { MEASURED_PRIOR, type PriorTau, type RunNoisePrior } from '../src/compare/runNoisePrior.js';
import type { Component, MetricId, ResultDocument, Verdict } from '../src/results/schema.js';

/** The metrics a prior is measured for, and the components whose largest τ stands for all. */
const PRIOR_KEYS: Record<Exclude<MetricId, 'error-rate'>, MetricKey[]> = {
  'latency-p50': [{ metric: 'latency-p50', component: null }],
  'latency-p99': [{ metric: 'latency-p99', component: null }],
  'latency-p999': [{ metric: 'latency-p999', component: null }],
  cpu: [
    { metric: 'cpu', component: 'client' },
    { metric: 'cpu', component: 'server' },
  ],
  memory: [
    { metric: 'memory', component: 'client' },
    { metric: 'memory', component: 'server' },
  ],
};

export function logValues(documents: readonly ResultDocument[], key: MetricKey): number[][] {
  return documents.map((d) =>
    validTrials(d.scenarios.find((s) => s.mesh === 'none')).map((t) =>
      Math.log(trialValue(t, key) ?? Number.NaN),
    ),
  );
}

export interface KeyTau extends PriorTau {
  key: MetricKey;
}

/**
 * τ of one metric (and component) over runs of the same code and settings: the estimator of
 * src/compare/betweenRunVariance.ts without its minimum of stored runs. df 0 when τ is 0; null
 * under 2 usable runs.
 */
export function tauOf(documents: readonly ResultDocument[], key: MetricKey): KeyTau | null {
  const runs = logValues(documents, key).filter((v) => v.length >= 2 && v.every(Number.isFinite));
  if (runs.length < 2) return null;
  const spread = sampleVariance(runs.map(mean));
  const squaredErrors = runs.map((v) => sampleVariance(v) / v.length);
  const variance = Math.max(0, spread - mean(squaredErrors));
  const errorsTerm = runs.reduce((t, v, i) => t + (squaredErrors[i] ?? 0) ** 2 / (v.length - 1), 0);
  const k = runs.length;
  const df = variance > 0 ? variance ** 2 / (spread ** 2 / (k - 1) + errorsTerm / k ** 2) : 0;
  return { key, tau: Math.sqrt(variance), df, runs: k };
}

/**
 * The default per metric: the largest τ among its components (a component not measured here, a
 * proxy, gets the larger of client and server), rounded up to 0.1 %, with that estimate's df
 * rounded down (at least 1). `runsFor` gives the runs each metric is measured on.
 */
export function priorFrom(runsFor: (key: MetricKey) => readonly ResultDocument[]): RunNoisePrior {
  const prior: RunNoisePrior = {};
  for (const [metric, keys] of Object.entries(PRIOR_KEYS)) {
    const taus = keys.flatMap((key) => tauOf(runsFor(key), key) ?? []);
    const largest = taus.reduce<KeyTau | null>(
      (a, b) => (a === null || b.tau > a.tau ? b : a),
      null,
    );
    if (!largest) continue;
    prior[metric as MetricId] = {
      tau: Math.ceil(largest.tau * 1000) / 1000,
      df: Math.max(1, Math.floor(largest.df)),
      runs: largest.runs,
    };
  }
  return prior;
}

/** A copy of the run with one component's CPU scaled in every trial: a known regression. */
export function withCpuScaled(
  document: ResultDocument,
  component: Component,
  factor: number,
): ResultDocument {
  const copy = structuredClone(document);
  for (const scenario of copy.scenarios) {
    for (const trial of scenario.trials) {
      const resources = trial.resources[component];
      if (resources) {
        resources.cpuCores *= factor;
        resources.cpuSeconds *= factor;
      }
    }
  }
  copy.run.id = `${document.run.id}-cpu-${component}-x${factor}`;
  return copy;
}

/**
 * none: plain Welch (before the run-to-run term); series-prior: a default measured on the
 * series' other A/A runs (out of sample); default: the shipped MEASURED_PRIOR; history: τ from
 * the stored runs.
 */
export type NoiseMode = 'none' | 'series-prior' | 'default' | 'history';

export interface PairTally {
  pairs: number;
  fail: number;
  /** Failed comparisons by label ("latency-p99", "cpu server"), over all pairs. */
  failedRows: Record<string, number>;
}

export const rowLabel = (c: Verdict['comparisons'][number]): string =>
  c.component === null ? c.metric : `${c.metric} ${c.component}`;

export interface Pair {
  baseline: ResultDocument;
  current: ResultDocument;
  /** Stored runs under the key when the current run is judged (history mode). */
  history: readonly ResultDocument[];
  /** The default to use (prior mode): measured on runs other than these two. */
  prior: RunNoisePrior;
}

export function noiseFor(mode: NoiseMode, pair: Pair): RunNoiseInputs {
  switch (mode) {
    case 'none':
      return WITHIN_RUN_ONLY;
    case 'series-prior':
      return { history: [], prior: pair.prior };
    case 'default':
      return { history: [], prior: MEASURED_PRIOR };
    case 'history':
      return { history: pair.history, prior: null };
  }
}

export function tallyPairs(
  pairs: readonly Pair[],
  mode: NoiseMode,
  options: GateOptions,
): PairTally {
  const tally: PairTally = { pairs: 0, fail: 0, failedRows: {} };
  for (const pair of pairs) {
    const reference = fileReference(pair.baseline, 'baseline');
    const verdict = gate(pair.current, reference, options, noiseFor(mode, pair));
    tally.pairs += 1;
    if (verdict.kind === 'fail') tally.fail += 1;
    for (const c of verdict.comparisons) {
      if (c.status === 'fail')
        tally.failedRows[rowLabel(c)] = (tally.failedRows[rowLabel(c)] ?? 0) + 1;
    }
  }
  return tally;
}

/**
 * Every ordered pair of distinct A/A runs (b, c): history is every A/A run but c (b among them,
 * as a stored reference is), the prior is measured on the A/A runs other than b and c.
 */
export function aaPairs(runs: readonly ResultDocument[]): Pair[] {
  const pairs: Pair[] = [];
  runs.forEach((baseline, i) => {
    runs.forEach((current, j) => {
      if (i === j) return;
      const others = runs.filter((_, k) => k !== i && k !== j);
      pairs.push({
        baseline,
        current,
        history: runs.filter((_, k) => k !== j),
        prior: priorFrom(() => others),
      });
    });
  });
  return pairs;
}

/** Mean of one metric per repetition index over the runs: warm-up drift shows as a slope. */
export function meanByRepetition(runs: readonly ResultDocument[], key: MetricKey): number[] {
  const sums = new Map<number, number[]>();
  for (const run of runs) {
    for (const trial of validTrials(run.scenarios.find((s) => s.mesh === 'none'))) {
      const value = trialValue(trial, key);
      if (value !== undefined)
        sums.set(trial.repetition, [...(sums.get(trial.repetition) ?? []), value]);
    }
  }
  return [...sums.keys()]
    .sort((a, b) => a - b)
    .map((r) => {
      const values = sums.get(r) ?? [];
      return values.reduce((a, b) => a + b, 0) / values.length;
    });
}
