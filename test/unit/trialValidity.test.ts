import { describe, expect, it } from '@jest/globals';
import type { EngineTrial } from '../../src/load/types.js';
import { judgeTrial } from '../../src/results/trialValidity.js';

const engine = (overrides: Partial<EngineTrial> = {}): EngineTrial => ({
  engine: 'builtin',
  requestedRps: 300,
  achievedRps: 300,
  requests: 1500,
  unsent: 0,
  errors: { total: 0, byCode: {} },
  latencyMs: { min: 10, mean: 10.5, p50: 10.4, p90: 10.8, p99: 11.5, p999: 12, max: 13 },
  histogram: '',
  measureStartMs: 0,
  measureEndMs: 5000,
  ...overrides,
});

const judge = (
  e: EngineTrial,
  mesh: 'none' | 'app-mtls' = 'none',
  mtlsVerified = false,
  faults: string[] = [],
) => judgeTrial({ engine: e, mesh, mtlsVerified, maxErrorRate: 0.001, faults });

describe('judgeTrial', () => {
  const good: [string, EngineTrial, 'none' | 'app-mtls', boolean][] = [
    ['a clean none trial', engine(), 'none', false],
    ['a clean verified app-mtls trial', engine(), 'app-mtls', true],
    ['exactly 99% of the rate', engine({ achievedRps: 297 }), 'none', false],
    [
      'errors at the limit',
      engine({ errors: { total: 1, byCode: { '503': 1 } }, requests: 1000 }),
      'none',
      false,
    ],
  ];
  it.each(good)('accepts %s', (_name, e, mesh, verified) => {
    expect(judge(e, mesh, verified)).toEqual({ valid: true, invalidReasons: [] });
  });

  const bad: [string, EngineTrial, 'none' | 'app-mtls', boolean, string][] = [
    [
      'a rate under 99%',
      engine({ achievedRps: 296.9 }),
      'none',
      true,
      'achieved rate 296.9/s is under 99% of the requested 300/s',
    ],
    [
      'too many errors',
      engine({ errors: { total: 3, byCode: { '503': 2, timeout: 1 } }, requests: 1000 }),
      'none',
      true,
      'error rate 0.30% exceeds the limit 0.10% (503: 2, timeout: 1)',
    ],
    ['unverified mTLS', engine(), 'app-mtls', false, 'mTLS was not verified on the measured path'],
    [
      'no requests',
      engine({ requests: 0, achievedRps: 0 }),
      'none',
      true,
      'no requests were measured',
    ],
  ];
  it.each(bad)('rejects %s', (_name, e, mesh, verified, reason) => {
    const judgement = judge(e, mesh, verified);
    expect(judgement.valid).toBe(false);
    expect(judgement.invalidReasons).toContain(reason);
  });

  it('keeps faults from around the trial as reasons', () => {
    expect(judge(engine(), 'none', false, ['load generator exited with code 3'])).toEqual({
      valid: false,
      invalidReasons: ['load generator exited with code 3'],
    });
  });
});
