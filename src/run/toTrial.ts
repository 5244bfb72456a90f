// Turns what a provider measured for one planned trial into the result document's trial, judged.
import type { Config } from '../config/types.js';
import type { TrialOutcome } from '../cluster/provider.js';
import { encodeHistogram, newHistogram } from '../metrics/histogram.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Mtls, Trial } from '../results/schema.js';
import { judgeTrial } from '../results/trialValidity.js';

export function toTrial(
  planned: PlannedTrial,
  outcome: TrialOutcome,
  mtls: Mtls,
  config: Config,
  startedAt: Date,
): Trial {
  const base = {
    index: planned.index,
    repetition: planned.repetition,
    startedAt: startedAt.toISOString(),
  };
  const { engine } = outcome;
  if (!engine) {
    return {
      ...base,
      requestedRps: config.rps,
      achievedRps: 0,
      requests: 0,
      errors: { total: 0, byCode: {} },
      latencyMs: { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 },
      histogram: encodeHistogram(newHistogram()),
      resources: outcome.resources,
      valid: false,
      invalidReasons: [...outcome.faults],
    };
  }
  const judgement = judgeTrial({
    engine,
    mesh: planned.mesh,
    mtlsVerified: mtls.verified,
    maxErrorRate: config.maxErrorRate,
    faults: outcome.faults,
  });
  return {
    ...base,
    requestedRps: engine.requestedRps,
    achievedRps: engine.achievedRps,
    requests: engine.requests,
    errors: engine.errors,
    latencyMs: engine.latencyMs,
    histogram: engine.histogram,
    resources: outcome.resources,
    ...judgement,
  };
}

/** One mTLS record per scenario: verified only if every check before its trials passed. */
export function combineMtls(checks: readonly Mtls[]): Mtls | undefined {
  const [first] = checks;
  if (!first) return undefined;
  const failed = checks.find((c) => !c.verified);
  const shown = failed ?? checks[checks.length - 1] ?? first;
  return {
    verified: failed === undefined && first.method !== 'not-applicable',
    method: first.method,
    details:
      first.method === 'not-applicable'
        ? shown.details
        : [
            ...shown.details,
            `checked before each of ${checks.length} trial(s); ${checks.filter((c) => c.verified).length} passed`,
          ],
  };
}
