// Per-trial values of one metric from a scenario's valid trials (invalid trials are never
// compared), and the pairing of two runs' trials by repetition for same-run comparisons.
import {
  COMPONENTS,
  type Component,
  type MetricId,
  type Scenario,
  type Trial,
} from '../results/schema.js';
import { MIN_TRIALS } from './estimate.js';

export interface MetricKey {
  metric: MetricId;
  /** For cpu and memory; null for latency and error rate. */
  component: Component | null;
}

export type Unit = 'ms' | 'cores' | 'MiB' | 'fraction';

export const UNIT_OF: Record<MetricId, Unit> = {
  'latency-p50': 'ms',
  'latency-p99': 'ms',
  'latency-p999': 'ms',
  'error-rate': 'fraction',
  cpu: 'cores',
  memory: 'MiB',
};

export const validTrials = (scenario: Scenario | undefined): Trial[] =>
  scenario?.trials.filter((t) => t.valid) ?? [];

/** The value of one metric in one trial; undefined when the trial did not measure it. */
export function trialValue(trial: Trial, key: MetricKey): number | undefined {
  switch (key.metric) {
    case 'latency-p50':
      return trial.latencyMs.p50;
    case 'latency-p99':
      return trial.latencyMs.p99;
    case 'latency-p999':
      return trial.latencyMs.p999;
    case 'error-rate':
      return trial.requests > 0 ? trial.errors.total / trial.requests : undefined;
    case 'cpu':
      return key.component === null ? undefined : trial.resources[key.component]?.cpuCores;
    case 'memory':
      return key.component === null ? undefined : trial.resources[key.component]?.memoryMiBPeak;
  }
}

/** Components with resources in at least one of the trials, in COMPONENTS order. */
export function componentsOf(trials: readonly Trial[]): Component[] {
  return COMPONENTS.filter((c) => trials.some((t) => t.resources[c] !== undefined));
}

const defined = (values: (number | undefined)[]): number[] =>
  values.filter((v): v is number => v !== undefined && Number.isFinite(v));

export interface IndependentValues {
  method: 'welch';
  baseline: number[];
  current: number[];
}

export interface PairedValues {
  method: 'paired';
  /** [baseline, current] per repetition measured validly on both sides. */
  pairs: [number, number][];
  /** Valid values on each side before pairing, to say why pairs are missing. */
  baselineCount: number;
  currentCount: number;
}

export type MetricValues = IndependentValues | PairedValues;

export function independentValues(
  baseline: readonly Trial[],
  current: readonly Trial[],
  key: MetricKey,
): IndependentValues {
  return {
    method: 'welch',
    baseline: defined(baseline.map((t) => trialValue(t, key))),
    current: defined(current.map((t) => trialValue(t, key))),
  };
}

/** Pairs by repetition: in one interleaved run, repetition k of both sides ran close in time. */
export function pairedValues(
  baseline: readonly Trial[],
  current: readonly Trial[],
  key: MetricKey,
): PairedValues {
  const byRepetition = new Map<number, number>();
  for (const trial of baseline) {
    const value = trialValue(trial, key);
    if (value !== undefined && !byRepetition.has(trial.repetition)) {
      byRepetition.set(trial.repetition, value);
    }
  }
  const pairs: [number, number][] = [];
  const seen = new Set<number>();
  for (const trial of current) {
    const base = byRepetition.get(trial.repetition);
    const value = trialValue(trial, key);
    if (base === undefined || value === undefined || seen.has(trial.repetition)) continue;
    seen.add(trial.repetition);
    pairs.push([base, value]);
  }
  return {
    method: 'paired',
    pairs,
    baselineCount: defined(baseline.map((t) => trialValue(t, key))).length,
    currentCount: defined(current.map((t) => trialValue(t, key))).length,
  };
}

/** The two sides' values as used (for paired: only the paired ones). */
export function sides(values: MetricValues): { baseline: number[]; current: number[] } {
  return values.method === 'welch'
    ? { baseline: values.baseline, current: values.current }
    : { baseline: values.pairs.map(([b]) => b), current: values.pairs.map(([, c]) => c) };
}

/** Why a comparison could not be estimated from these values. */
export function notEstimableReason(values: MetricValues): string {
  if (values.method === 'paired') {
    if (values.baselineCount === 0) return 'no valid trial measured it in the baseline';
    if (values.currentCount === 0) return 'no valid trial measured it in the current run';
    return `too few repetitions valid on both sides to pair: ${values.pairs.length} (of ${values.baselineCount} baseline and ${values.currentCount} current valid trials); need at least ${MIN_TRIALS}`;
  }
  if (values.baseline.length === 0) return 'no valid trial measured it in the baseline';
  if (values.current.length === 0) return 'no valid trial measured it in the current run';
  return `too few valid trials to estimate the noise: ${values.baseline.length} baseline, ${values.current.length} current; need at least ${MIN_TRIALS} on each side`;
}
