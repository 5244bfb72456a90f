// Decides whether a trial can be trusted. Invalid trials are kept and reported with their reasons,
// but never compared: a generator that fell behind or a path without mTLS measures something else.
import type { MeshId } from '../config/types.js';
import type { EngineTrial } from '../load/types.js';

export const MIN_RATE_FRACTION = 0.99;

export interface TrialJudgement {
  valid: boolean;
  invalidReasons: string[];
}

export interface TrialFacts {
  engine: EngineTrial;
  mesh: MeshId;
  mtlsVerified: boolean;
  maxErrorRate: number;
  /** Anything that went wrong around the trial (generator exit code, restarts, missing samples). */
  faults: readonly string[];
}

const pct = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

export function judgeTrial(facts: TrialFacts): TrialJudgement {
  const reasons: string[] = [...facts.faults];
  const { engine } = facts;
  if (engine.requests === 0) reasons.push('no requests were measured');
  if (engine.achievedRps < engine.requestedRps * MIN_RATE_FRACTION) {
    reasons.push(
      `achieved rate ${engine.achievedRps.toFixed(1)}/s is under ${MIN_RATE_FRACTION * 100}% of the requested ${engine.requestedRps}/s`,
    );
  }
  const errorRate = engine.requests === 0 ? 0 : engine.errors.total / engine.requests;
  if (errorRate > facts.maxErrorRate) {
    const codes = Object.entries(engine.errors.byCode)
      .map(([code, n]) => `${code}: ${n}`)
      .join(', ');
    reasons.push(
      `error rate ${pct(errorRate)} exceeds the limit ${pct(facts.maxErrorRate)} (${codes})`,
    );
  }
  if (facts.mesh !== 'none' && !facts.mtlsVerified) {
    reasons.push('mTLS was not verified on the measured path');
  }
  return { valid: reasons.length === 0, invalidReasons: reasons };
}
