// One metric of one scenario, baseline against current, prepared for the decision (scale,
// estimate, margin); src/compare/decideComparison.ts decides once the family's Holm levels are
// known. Latency, CPU and memory work on log
// values, so the change is a ratio of geometric means; the error rate, usually 0 on both sides,
// works on plain differences against an absolute cap, as does any metric with a value of 0.
import type { MetricId } from '../results/schema.js';
import type { MeshId } from '../config/types.js';
import { NO_BETWEEN_RUN, termOf, type BetweenRun } from './betweenRunTerms.js';
import { floorOf, type GateOptions } from './gateOptions.js';
import { mean, pairedEstimate, welchEstimate, type Estimate } from './estimate.js';
import {
  notEstimableReason,
  sides,
  UNIT_OF,
  type MetricKey,
  type MetricValues,
  type Unit,
} from './metricValues.js';

export type Scale = 'log' | 'difference';

export interface PreparedComparison {
  scenario: MeshId;
  key: MetricKey;
  unit: Unit;
  threshold: number;
  floor: number;
  scale: Scale;
  baseline: { value: number | null; trials: number };
  current: { value: number | null; trials: number };
  /** Undefined when too few trials: the comparison is inconclusive. */
  estimate?: Estimate;
  /** The change on the compared scale at or above which an increase matters. */
  margin: number;
  /** Why nothing was estimated. */
  missing?: string;
  /** Run-to-run noise added to a comparison across runs (Welch); absent for paired ones. */
  betweenRun?: BetweenRun;
}

const geometricMean = (values: readonly number[]): number => Math.exp(mean(values.map(Math.log)));

function marginOf(
  scale: Scale,
  metric: MetricId,
  threshold: number,
  floor: number,
  base: number,
): number {
  if (metric === 'error-rate') return threshold;
  // A change matters only when it is at least the threshold AND at least the floor: the larger.
  if (scale === 'log') return Math.log1p(Math.max(threshold, floor / base));
  return Math.max(threshold * base, floor);
}

/** `between` is the run-to-run term for this metric on the log scale; differences get none. */
export function prepareComparison(
  scenario: MeshId,
  key: MetricKey,
  values: MetricValues,
  options: GateOptions,
  between: BetweenRun = NO_BETWEEN_RUN,
): PreparedComparison {
  const { baseline, current } = sides(values);
  const all = [...baseline, ...current];
  const scale: Scale =
    key.metric !== 'error-rate' && all.every((v) => v > 0) ? 'log' : 'difference';
  const average = scale === 'log' ? geometricMean : mean;
  const side = (v: number[]) => ({ value: v.length > 0 ? average(v) : null, trials: v.length });
  const threshold = options.thresholds[key.metric];
  const floor = floorOf(key.metric, options);
  const prepared = {
    scenario,
    key,
    unit: UNIT_OF[key.metric],
    threshold,
    floor,
    scale,
    baseline: side(baseline),
    current: side(current),
  };
  const onScale = (v: number): number => (scale === 'log' ? Math.log(v) : v);
  const betweenRun = scale === 'log' ? between : NO_BETWEEN_RUN;
  const estimate =
    values.method === 'welch'
      ? welchEstimate(values.baseline.map(onScale), values.current.map(onScale), termOf(betweenRun))
      : pairedEstimate(values.pairs.map(([b, c]) => [onScale(b), onScale(c)] as const));
  const base = prepared.baseline.value ?? 0;
  const margin = marginOf(scale, key.metric, threshold, floor, base);
  const across = values.method === 'welch' ? { betweenRun } : {};
  if (estimate === undefined) {
    return { ...prepared, ...across, margin, missing: notEstimableReason(values) };
  }
  return { ...prepared, ...across, estimate, margin };
}

/** How a number on the compared scale reads as a change: relative, or points of error rate. */
export function toChange(prepared: PreparedComparison, x: number): number | null {
  if (prepared.key.metric === 'error-rate') return x;
  if (prepared.scale === 'log') return Math.expm1(x);
  const base = prepared.baseline.value ?? 0;
  if (base > 0) return x / base;
  // From 0, no increase is 0 % and any other change has no ratio.
  return x === 0 ? 0 : null;
}

export interface Decision {
  pValue: number;
  /** Holm level of the FAIL test and whether it rejected "no increase". */
  alpha: number;
  significant: boolean;
  lower: number;
  upper: number;
  minDetectable: number;
}
