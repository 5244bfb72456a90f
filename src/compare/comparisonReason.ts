// Why a comparison got its status, in words for the report: the change, the bound that decided
// it, and what it was held to (threshold, floor or cap, confidence after Holm).
import type { ComparisonStatus } from '../results/schema.js';
import type { Decision, PreparedComparison } from './compareMetric.js';
import { toChange } from './compareMetric.js';
import {
  formatAmount,
  formatChange,
  formatDelta,
  formatLevel,
  formatThreshold,
  type ChangeKind,
} from './comparisonText.js';

function texts(prepared: PreparedComparison) {
  const kind: ChangeKind = prepared.key.metric === 'error-rate' ? 'points' : 'relative';
  /** A number on the compared scale as a change ("+12.3%"), or in units where no ratio exists. */
  const show = (x: number): string => {
    const change = toChange(prepared, x);
    return change === null ? formatDelta(x, prepared.unit) : formatChange(change, kind);
  };
  const base = prepared.baseline.value ?? 0;
  const delta = (prepared.current.value ?? 0) - base;
  const d = prepared.estimate?.difference ?? 0;
  const described =
    kind === 'points' || toChange(prepared, d) === null
      ? show(d)
      : `${show(d)} (${formatDelta(delta, prepared.unit)})`;
  const marginChange = toChange(prepared, prepared.margin);
  const floorRules =
    kind === 'relative' && marginChange !== null && marginChange > prepared.threshold;
  const bar =
    kind === 'points'
      ? `the ${formatThreshold(prepared.threshold, 'points')} cap`
      : floorRules || marginChange === null
        ? `the ${formatAmount(prepared.floor, prepared.unit)} floor${marginChange === null ? '' : ` (${formatThreshold(marginChange, 'relative')} here)`}`
        : `the ${formatThreshold(prepared.threshold, 'relative')} threshold`;
  return { show, described, bar };
}

/**
 * More trials shrink the within-run part of the standard error only; when run-to-run noise is
 * most of it, saying "add repetitions" would promise what they cannot give.
 */
function detectableAdvice(prepared: PreparedComparison, smallest: string): string {
  const estimate = prepared.estimate;
  const between = estimate?.betweenRuns ?? 0;
  if (estimate && between > 0 && between >= estimate.standardError ** 2 / 2) {
    return `these runs detect only changes of ${smallest} or more (80% power), mostly for the run-to-run noise, which more repetitions do not reduce`;
  }
  return `these trials detect only changes of ${smallest} or more (80% power): add repetitions`;
}

export function decisionReason(
  prepared: PreparedComparison,
  decision: Decision,
  status: ComparisonStatus,
  confidence: number,
): string {
  const { show, described, bar } = texts(prepared);
  const holmLevel = `${formatLevel(1 - decision.alpha)} confidence (Holm)`;
  const level = `${formatLevel(confidence)} confidence`;
  const identical = prepared.estimate?.df === null;
  switch (status) {
    case 'fail':
      return `rose ${described}: at least ${show(decision.lower)} at ${holmLevel}, at or above ${bar}`;
    case 'pass':
      if (identical && prepared.estimate?.difference === 0) {
        return prepared.key.metric === 'error-rate' && prepared.baseline.value === 0
          ? 'no errors in any trial on either side'
          : 'the same value in every trial on both sides';
      }
      return decision.upper <= 0
        ? `${described}: no increase at ${level} (at most ${show(decision.upper)})`
        : `${described}: at most ${show(decision.upper)} at ${level}, below ${bar}`;
    case 'inconclusive': {
      if (decision.significant) {
        return `rose ${described}, a real change at ${holmLevel} but below ${bar}; up to ${show(decision.upper)} at ${level}, so reaching it is not ruled out`;
      }
      const detectable =
        decision.minDetectable > prepared.margin
          ? `; ${detectableAdvice(prepared, show(decision.minDetectable))}`
          : '';
      return `${described} is within the noise: at least ${show(decision.lower)} at ${holmLevel}, up to ${show(decision.upper)} at ${level}, which reaches ${bar}${detectable}`;
    }
  }
}
