// The run-to-run variance: the method-of-moments estimate and the Welch standard error and df with
// it, against numbers worked by hand (test/fixtures/run-noise/README.md shows the working), and the
// A/A property the term exists for: with a true τ, a comparison across runs rejects "no increase"
// no more often than its level, and a whole verdict fails no more often than 1 - confidence,
// while plain Welch does both far more often.
import { describe, expect, it } from '@jest/globals';
import {
  estimateBetweenRunVariance,
  MIN_HISTORY_RUNS,
} from '../../src/compare/betweenRunVariance.js';
import { welchEstimate, type Estimate } from '../../src/compare/estimate.js';
import { fileReference, gate, WITHIN_RUN_ONLY } from '../../src/compare/gate.js';
import { increasePValue } from '../../src/compare/oneSided.js';
import type { ResultDocument } from '../../src/results/schema.js';
import { GATE_OPTIONS, gateDocument, resources } from '../support/gateDocuments.js';

// Already on the log scale. The last run's two trials read the same value: no spread at all,
// which would give it an infinite inverse-variance weight under DerSimonian–Laird.
const HAND_RUNS = [
  [0.0, 0.02, 0.04],
  [0.1, 0.12, 0.14],
  [0.05, 0.06, 0.07],
  [-0.03, -0.01, 0.01],
  [0.08, 0.08],
];

describe('estimateBetweenRunVariance', () => {
  it('the hand-worked example: S² - v̄ and its Satterthwaite df', () => {
    // Means 0.02, 0.12, 0.06, -0.01, 0.08: S² = 0.00258; v̄ = (3 x 0.0004/3 + 0.0001/3 + 0) / 5.
    const estimate = estimateBetweenRunVariance(HAND_RUNS);
    expect(estimate?.runs).toBe(5);
    expect(estimate?.variance).toBeCloseTo(0.002493333333333333, 15);
    expect(estimate?.df).toBeCloseTo(3.733336892044279, 10);
  });

  it('has no estimate under MIN_HISTORY_RUNS usable runs (a run needs two values)', () => {
    expect(MIN_HISTORY_RUNS).toBe(5);
    expect(estimateBetweenRunVariance(HAND_RUNS.slice(0, 4))).toBeUndefined();
    expect(estimateBetweenRunVariance([...HAND_RUNS.slice(0, 4), [0.3]])).toBeUndefined();
    expect(estimateBetweenRunVariance([...HAND_RUNS, [0.3]])?.runs).toBe(5);
  });

  it('is 0, with no df, when run means scatter less than their trials do', () => {
    const runs = [
      [0.0, 0.1],
      [0.05, 0.06],
      [0.01, 0.09],
      [0.04, 0.06],
      [0.1, 0.0],
    ];
    expect(estimateBetweenRunVariance(runs)).toEqual({ variance: 0, df: null, runs: 5 });
  });
});

describe('welchEstimate with a run-to-run term', () => {
  const baseline = [0.0, 0.02, 0.04];
  const current = [0.05, 0.06, 0.07];

  it('adds 2τ² to SE² and counts τ²’s df in Welch–Satterthwaite', () => {
    const estimate = welchEstimate(baseline, current, { variance: 0.0025, df: 4 });
    expect(estimate?.difference).toBeCloseTo(0.04, 15);
    expect(estimate?.standardError).toBeCloseTo(0.07187952884282608, 14);
    expect(estimate?.df).toBeCloseTo(4.264666725836514, 10);
    expect(estimate?.betweenRuns).toBeCloseTo(0.005, 15);
  });

  it('is plain Welch without the term, or with a τ² of 0', () => {
    for (const estimate of [
      welchEstimate(baseline, current),
      welchEstimate(baseline, current, { variance: 0, df: null }),
    ]) {
      expect(estimate?.standardError).toBeCloseTo(0.012909944487358056, 14);
      expect(estimate?.df).toBeCloseTo(2.941176470588235, 12);
    }
  });

  it('with no spread in either run, the noise is all run-to-run: SE √(2τ²), df of τ²', () => {
    const estimate = welchEstimate([0.1, 0.1], [0.2, 0.2], { variance: 0.01, df: 7.5 });
    expect(estimate?.standardError).toBeCloseTo(Math.sqrt(0.02), 15);
    expect(estimate?.df).toBeCloseTo(7.5, 12);
  });
});

/** mulberry32: a small seeded generator, so the property runs the same draws every time. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('A/A property: runs of the same code with a true τ', () => {
  // Holm's first-step level of a default verdict (0.05 over 8 comparisons) and the plain 0.05.
  const LEVELS = [0.05, 0.05 / 8];
  const CASES = [
    { tau: 0, sigma: 0.05, history: 5 },
    { tau: 0.03, sigma: 0.05, history: 5 },
    { tau: 0.067, sigma: 0.06, history: 5 },
    { tau: 0.067, sigma: 0.06, history: 10 },
    { tau: 0.1, sigma: 0.02, history: 6 },
  ];
  const DRAWS = 4000;
  const TRIALS = 6;

  function rates(tau: number, sigma: number, history: number, seed: number) {
    const random = seeded(seed);
    const normal = (): number =>
      Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const run = (): number[] => {
      const shift = tau * normal();
      return Array.from({ length: TRIALS }, () => shift + sigma * normal());
    };
    const rejected = { withTerm: [0, 0], plain: [0, 0] };
    const count = (counts: number[], estimate: Estimate | undefined): void => {
      const p = increasePValue(estimate ?? fail());
      LEVELS.forEach((level, i) => {
        if (p <= level) counts[i] = (counts[i] ?? 0) + 1;
      });
    };
    for (let draw = 0; draw < DRAWS; draw++) {
      // The stored history ends with the reference run, as the newest stored run does.
      const stored = Array.from({ length: history }, run);
      const baseline = stored[history - 1] ?? fail();
      const current = run();
      const between = estimateBetweenRunVariance(stored) ?? fail();
      count(rejected.withTerm, welchEstimate(baseline, current, between));
      count(rejected.plain, welchEstimate(baseline, current));
    }
    const share = (counts: number[]) => counts.map((n) => n / DRAWS);
    return { withTerm: share(rejected.withTerm), plain: share(rejected.plain) };
  }

  it.each(CASES)(
    'τ $tau, σ $sigma, $history stored runs: false rejections at or below each level',
    ({ tau, sigma, history }) => {
      const { withTerm, plain } = rates(tau, sigma, history, 20261207);
      LEVELS.forEach((level, i) => {
        expect(withTerm[i]).toBeLessThanOrEqual(level);
        // Run-to-run noise that plain Welch ignores makes it reject far more often than its level.
        if (tau > 0) expect(plain[i]).toBeGreaterThan(1.5 * level);
      });
    },
  );
});

function fail(): never {
  throw new Error('expected a value');
}

describe('A/A property at the gate: whole verdicts on synthetic runs with a true τ', () => {
  // Each run: 6 trials whose p99 (p50 and p99.9 follow it) and client and server CPU have a run
  // offset τ and trial noise σ on the log scale. A verdict FAILs when any comparison fails, and
  // Holm bounds that chance at 1 - confidence for the whole verdict.
  const DRAWS = 120;
  const STORED = 6;
  const random = seeded(7);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const run = (id: string, tau: number, sigma: number): ResultDocument => {
    const [p99, client, server] = [normal(), normal(), normal()].map((z) => tau * z);
    return gateDocument(id, {
      none: Array.from({ length: 6 }, () => ({
        p99: 20 * Math.exp((p99 ?? 0) + sigma * normal()),
        resources: resources(
          [0.15 * Math.exp((client ?? 0) + sigma * normal()), 64],
          [0.09 * Math.exp((server ?? 0) + sigma * normal()), 60],
        ),
      })),
    });
  };

  it('fails at most 5 % of A/A verdicts with history; plain Welch fails far more', () => {
    const failed = { history: 0, plain: 0 };
    for (let draw = 0; draw < DRAWS; draw++) {
      const stored = Array.from({ length: STORED }, (_, i) => run(`s${draw}-${i}`, 0.1, 0.03));
      const current = run(`c${draw}`, 0.1, 0.03);
      const reference = fileReference(stored[STORED - 1] ?? fail(), 'stored');
      const noise = { history: stored, prior: null };
      if (gate(current, reference, GATE_OPTIONS, noise).kind === 'fail') failed.history += 1;
      if (gate(current, reference, GATE_OPTIONS, WITHIN_RUN_ONLY).kind === 'fail')
        failed.plain += 1;
    }
    // With seed 7: 2 of 120 with history (1.7 %), 42 of 120 without the term (35 %).
    expect(failed.history / DRAWS).toBeLessThanOrEqual(0.05);
    expect(failed.plain / DRAWS).toBeGreaterThan(0.2);
  });
});
