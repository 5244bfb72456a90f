// The gate: a verdict for the current run against a reference run, and the exit code it means.
// Every comparison of every scenario forms one Holm family, so the chance of a false FAIL anywhere
// in a verdict stays at 1 - confidence. A PASS needs every comparison to pass (an
// intersection-union test), which holds its error rate without a correction.
import type { FailOn } from '../config/types.js';
import { ExitCode } from '../errors.js';
import { keyDifferences } from '../results/comparabilityKey.js';
import type { BaselineRef, Comparison, ResultDocument, Verdict } from '../results/schema.js';
import { betweenRunLookup, type RunNoiseInputs } from './betweenRunTerms.js';
import { betweenRunSummary } from './betweenRunSummary.js';
import { formatLevel } from './comparisonText.js';
import { decide } from './decideComparison.js';
import type { GateOptions } from './gateOptions.js';
import { holm } from './holm.js';
import { increasePValue, lowerBound, minDetectableDifference, upperBound } from './oneSided.js';
import { prepareAll, type Method } from './prepareAll.js';
import { MEASURED_PRIOR } from './runNoisePrior.js';

export interface Reference {
  document: ResultDocument;
  ref: BaselineRef;
}

export const NO_BASELINE_REASON =
  'No baseline to compare with: nothing was compared, and the run passes.';

/** Faults and scenarios without a valid trial: each makes the run an infrastructure error. */
export function infrastructureProblems(document: ResultDocument): string[] {
  return [
    ...document.run.faults.map((f) => `infrastructure fault in the current run: ${f}`),
    ...document.scenarios
      .filter((s) => !s.trials.some((t) => t.valid))
      .map((s) => `scenario ${s.mesh} has no valid trial in the current run`),
  ];
}

/** Interleaved trials of one run are paired by repetition; anything else is compared by Welch. */
export function methodFor(current: ResultDocument, reference: Reference): Method {
  return reference.ref.source === 'same-run' || reference.document.run.id === current.run.id
    ? 'paired'
    : 'welch';
}

/** A reference read from a result document file (`mesh-perf compare`, the file store). */
export function fileReference(document: ResultDocument, location: string): Reference {
  const { run } = document;
  return {
    document,
    ref: {
      source: 'file',
      runId: run.id,
      commit: run.commit,
      ref: run.ref,
      startedAt: run.startedAt,
      configHash: run.configHash,
      location,
    },
  };
}

function decideAll(prepared: ReturnType<typeof prepareAll>['prepared'], confidence: number) {
  const familyAlpha = 1 - confidence;
  const estimable = prepared.filter((p) => p.estimate !== undefined);
  const pValues = estimable.map((p) => (p.estimate ? increasePValue(p.estimate) : 1));
  const levels = holm(pValues, familyAlpha);
  // The minimum detectable change uses Holm's first-step level (Bonferroni), which does not
  // depend on how the other comparisons came out.
  const bonferroni = familyAlpha / Math.max(estimable.length, 1);
  const comparisons = prepared.map((p) => {
    const i = estimable.indexOf(p);
    const level = levels[i];
    const pValue = pValues[i];
    if (!p.estimate || !level || pValue === undefined) return decide(p, undefined, confidence);
    return decide(
      p,
      {
        pValue,
        alpha: level.alpha,
        significant: level.rejected,
        lower: lowerBound(p.estimate, level.alpha),
        upper: upperBound(p.estimate, confidence),
        minDetectable: minDetectableDifference(p.estimate, bonferroni),
      },
      confidence,
    );
  });
  return { comparisons, tests: estimable.length };
}

function methodReason(method: Method, reference: Reference): string {
  const { ref } = reference;
  const where = ref.location === null ? ref.source : `${ref.source} ${ref.location}`;
  return method === 'paired'
    ? `paired: baseline and current are interleaved trials of one run (${ref.runId}), paired by repetition`
    : `welch: against run ${ref.runId} (${where}, commit ${ref.commit ?? 'unknown'}), by Welch's t test (unequal variances)`;
}

function injectedDelayReasons(current: ResultDocument, baseline: ResultDocument): string[] {
  const sides: [string, ResultDocument][] = [
    ['current run', current],
    ['baseline', baseline],
  ];
  return sides.flatMap(([name, document]) => {
    const ms = document.load.injectedDelayMs ?? 0;
    return ms > 0
      ? [`the ${name} added ${ms} ms of calibration delay to the server (inject-delay)`]
      : [];
  });
}

function kindOf(infra: readonly string[], comparisons: readonly Comparison[]): Verdict['kind'] {
  if (infra.length > 0) return 'infra-error';
  if (comparisons.length === 0) return 'inconclusive';
  if (comparisons.some((c) => c.status === 'fail')) return 'fail';
  if (comparisons.some((c) => c.status === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** No stored history: comparisons across runs get the measured defaults. */
export const DEFAULT_RUN_NOISE: RunNoiseInputs = { history: [], prior: MEASURED_PRIOR };
/** No run-to-run term: Welch on the trials' own spread alone (the gate before the term). */
export const WITHIN_RUN_ONLY: RunNoiseInputs = { history: [], prior: null };

/**
 * `noise.history` (stored runs under the current run's key, oldest first) estimates the
 * run-to-run variance that comparisons across runs add; paired comparisons ignore it.
 */
export function gate(
  current: ResultDocument,
  reference: Reference | null,
  options: GateOptions,
  noise: RunNoiseInputs = DEFAULT_RUN_NOISE,
): Verdict {
  const infra = infrastructureProblems(current);
  const empty = { comparisons: [], regressions: 0, confidence: options.confidence };
  if (reference === null) {
    const kind = infra.length > 0 ? 'infra-error' : 'no-baseline';
    const reasons = [...infra, NO_BASELINE_REASON];
    return { kind, method: null, baseline: null, comparable: false, reasons, ...empty };
  }
  const differences = keyDifferences(reference.document, current);
  if (differences.length > 0) {
    return {
      kind: infra.length > 0 ? 'infra-error' : 'inconclusive',
      method: null,
      baseline: reference.ref,
      comparable: false,
      reasons: [
        ...infra,
        'The baseline was set up differently (its comparability key differs), so nothing was compared:',
        ...differences,
      ],
      ...empty,
    };
  }
  const method = methodFor(current, reference);
  const lookup = method === 'welch' ? betweenRunLookup(current, noise) : undefined;
  const { prepared, notes } = prepareAll(reference.document, current, method, options, lookup);
  const { comparisons, tests } = decideAll(prepared, options.confidence);
  const between = betweenRunSummary(comparisons);
  const count = (status: Comparison['status']): number =>
    comparisons.filter((c) => c.status === status).length;
  const baselineFaults = reference.document.run.faults;
  return {
    kind: kindOf(infra, comparisons),
    method,
    confidence: options.confidence,
    baseline: reference.ref,
    comparable: true,
    reasons: [
      ...infra,
      methodReason(method, reference),
      ...(between === null ? [] : [`run-to-run noise, τ added to each run's mean: ${between}`]),
      ...(baselineFaults.length > 0
        ? [
            `the baseline run recorded infrastructure faults (${baselineFaults.join('; ')}); only its valid trials were compared`,
          ]
        : []),
      ...injectedDelayReasons(current, reference.document),
      ...notes,
      comparisons.length === 0
        ? 'nothing to compare: no scenario in common'
        : `${comparisons.length} comparisons (Holm over ${tests} tests, ${formatLevel(options.confidence)} confidence): ${count('fail')} fail, ${count('inconclusive')} inconclusive, ${count('pass')} pass`,
    ],
    comparisons,
    regressions: count('fail'),
  };
}

/** 3 infrastructure, 1 regression (or inconclusive with fail-on inconclusive), else 0. */
export function exitCodeFor(verdict: Verdict, failOn: FailOn): ExitCode {
  switch (verdict.kind) {
    case 'infra-error':
      return ExitCode.Infrastructure;
    case 'fail':
      return ExitCode.Regression;
    case 'inconclusive':
      return failOn === 'inconclusive' ? ExitCode.Regression : ExitCode.Pass;
    case 'pass':
    case 'no-baseline':
      return ExitCode.Pass;
  }
}
