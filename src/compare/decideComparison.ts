// The status of one prepared comparison: FAIL when the increase is significant after Holm and at
// least its margin (threshold and floor); PASS when the upper bound stays below the margin (or at
// or below zero); otherwise INCONCLUSIVE. The two cannot both hold, since upper >= estimate.
import type { Comparison } from '../results/schema.js';
import { decisionReason } from './comparisonReason.js';
import { toChange, type Decision, type PreparedComparison } from './compareMetric.js';

export function decide(
  prepared: PreparedComparison,
  decision: Decision | undefined,
  confidence: number,
): Comparison {
  const base = {
    scenario: prepared.scenario,
    metric: prepared.key.metric,
    component: prepared.key.component,
    unit: prepared.unit,
    baseline: prepared.baseline,
    current: prepared.current,
    threshold: prepared.threshold,
    floor: prepared.floor,
  };
  const across = prepared.betweenRun ? { betweenRun: prepared.betweenRun } : {};
  if (!prepared.estimate || !decision) {
    return {
      ...base,
      change: null,
      interval: { lower: null, upper: null },
      minDetectableChange: null,
      pValue: null,
      alpha: null,
      status: 'inconclusive',
      reason: prepared.missing ?? 'not estimable',
      ...across,
    };
  }
  const d = prepared.estimate.difference;
  const status =
    decision.significant && d >= prepared.margin
      ? 'fail'
      : decision.upper < prepared.margin || decision.upper <= 0
        ? 'pass'
        : 'inconclusive';
  return {
    ...base,
    change: toChange(prepared, d),
    interval: {
      lower: toChange(prepared, decision.lower),
      upper: toChange(prepared, decision.upper),
    },
    minDetectableChange: toChange(prepared, decision.minDetectable),
    pValue: decision.pValue,
    alpha: decision.alpha,
    status,
    reason: decisionReason(prepared, decision, status, confidence),
    ...across,
  };
}
