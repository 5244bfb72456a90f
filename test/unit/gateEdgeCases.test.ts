// What a noisy CI runner produces: identical values, single trials, zero error rates, zero CPU,
// components or scenarios on one side only, faults and invalid trials on either side.
import { describe, expect, it } from '@jest/globals';
import { fileReference, gate, WITHIN_RUN_ONLY } from '../../src/compare/gate.js';
import { prepareAll } from '../../src/compare/prepareAll.js';
import { verdictSchema, type Verdict } from '../../src/results/schema.js';
import {
  GATE_OPTIONS,
  gateDocument,
  resources,
  row,
  sameRun,
  type TrialSpec,
} from '../support/gateDocuments.js';

const compare = (
  baseline: Partial<Record<'none' | 'app-mtls', TrialSpec[]>>,
  current: Partial<Record<'none' | 'app-mtls', TrialSpec[]>>,
  faults: { baseline?: string[]; current?: string[] } = {},
): Verdict => {
  // On the trials' own spread: the run-to-run term has its own tests (betweenRunGate.test.ts).
  const verdict = gate(
    gateDocument('run-2', current, faults.current),
    fileReference(gateDocument('run-1', baseline, faults.baseline), 'b.json'),
    GATE_OPTIONS,
    WITHIN_RUN_ONLY,
  );
  verdictSchema.parse(verdict);
  return verdict;
};

const trials = (p99s: number[], extra: Partial<TrialSpec> = {}): TrialSpec[] =>
  p99s.map((p99) => ({ p50: 10, p99, p999: 40, ...extra }));

describe('identical values (no spread at all)', () => {
  it('pass when nothing moved', () => {
    const p99 = row(
      compare({ none: trials([20, 20, 20]) }, { none: trials([20, 20, 20]) }),
      'latency-p99',
    );
    expect(p99).toMatchObject({ status: 'pass', change: 0, pValue: 0.5 });
    expect(p99.reason).toBe('the same value in every trial on both sides');
  });

  it('fail on a constant shift at or above the threshold, with the point as the interval', () => {
    const p99 = row(
      compare({ none: trials([20, 20, 20]) }, { none: trials([23, 23, 23]) }),
      'latency-p99',
    );
    expect(p99).toMatchObject({ status: 'fail', pValue: 0 });
    expect(p99.change).toBeCloseTo(0.15, 12);
    expect(p99.interval.lower).toBeCloseTo(0.15, 12);
    expect(p99.interval.upper).toBeCloseTo(0.15, 12);
  });
});

describe('too few trials', () => {
  it('one valid trial per side is inconclusive, with a reason, and leaves the Holm family', () => {
    const verdict = compare({ none: trials([20]) }, { none: trials([30]) });
    const p99 = row(verdict, 'latency-p99');
    expect(p99).toMatchObject({
      status: 'inconclusive',
      change: null,
      pValue: null,
      alpha: null,
      interval: { lower: null, upper: null },
      minDetectableChange: null,
      baseline: { trials: 1 },
      current: { trials: 1 },
      reason:
        'too few valid trials to estimate the noise: 1 baseline, 1 current; need at least 2 on each side',
    });
    expect(p99.baseline.value).toBeCloseTo(20, 12);
    expect(p99.current.value).toBeCloseTo(30, 12);
    expect(verdict.kind).toBe('inconclusive');
    expect(verdict.reasons.at(-1)).toBe(
      '4 comparisons (Holm over 0 tests, 95% confidence): 0 fail, 4 inconclusive, 0 pass',
    );
  });

  it('paired: only repetitions valid on both sides pair up', () => {
    const base = gateDocument('run-1', {
      none: [{ p99: 20 }, { p99: 21, valid: false }, { p99: 22 }],
    });
    const cur = gateDocument('run-1', {
      none: [{ p99: 20 }, { p99: 21 }, { p99: 22, valid: false }],
    });
    const p99 = row(gate(cur, sameRun(base), GATE_OPTIONS), 'latency-p99');
    expect(p99.reason).toBe(
      'too few repetitions valid on both sides to pair: 1 (of 2 baseline and 2 current valid trials); need at least 2',
    );
    expect(p99.baseline.trials).toBe(1);
  });

  it('says when the noise hides what the threshold asks for', () => {
    const p99 = row(
      compare({ none: trials([15, 25, 20]) }, { none: trials([16, 27, 21]) }),
      'latency-p99',
    );
    expect(p99.status).toBe('inconclusive');
    expect(p99.minDetectableChange).toBeGreaterThan(0.1);
    expect(p99.reason).toMatch(
      /is within the noise: .*; these trials detect only changes of \+\d+\.\d% or more \(80% power\): add repetitions$/,
    );
  });
});

describe('error rate: absolute differences against the cap, not ratios', () => {
  const withErrors = (errors: number[]): TrialSpec[] =>
    errors.map((e) => ({ p50: 10, p99: 20, p999: 30, errors: e, requests: 10_000 }));

  it('zero on both sides passes (a ratio of 0/0 would not exist)', () => {
    const rate = row(
      compare({ none: withErrors([0, 0, 0]) }, { none: withErrors([0, 0, 0]) }),
      'error-rate',
    );
    expect(rate).toMatchObject({
      status: 'pass',
      change: 0,
      reason: 'no errors in any trial on either side',
    });
  });

  it('a significant rise of at least the cap fails, in percentage points', () => {
    const rate = row(
      compare({ none: withErrors([0, 0, 0]) }, { none: withErrors([6, 7, 5]) }),
      'error-rate',
    );
    expect(rate.status).toBe('fail');
    expect(rate.change).toBeCloseTo(0.0006, 12);
    expect(rate.current.value).toBeCloseTo(0.0006, 12);
    expect(rate.reason).toMatch(
      /^rose \+0\.06 pp: at least \+0\.0\d+ pp at 98\.75% confidence \(Holm\), at or above the 0\.05 pp cap$/,
    );
  });

  it('stays on differences when both sides have errors (no ratio of rates)', () => {
    const rate = row(
      compare({ none: withErrors([2, 3, 2]) }, { none: withErrors([8, 9, 7]) }),
      'error-rate',
    );
    expect(rate.baseline.value).toBeCloseTo(7 / 30_000, 15);
    expect(rate.change).toBeCloseTo(24 / 30_000 - 7 / 30_000, 15);
    expect(rate.status).toBe('fail');
  });

  it('a rise below the cap does not fail', () => {
    const rate = row(
      compare({ none: withErrors([0, 0, 0]) }, { none: withErrors([1, 1, 1]) }),
      'error-rate',
    );
    expect(rate.status).toBe('pass');
    expect(rate.reason).toBe('+0.01 pp: at most +0.01 pp at 95% confidence, below the 0.05 pp cap');
  });
});

describe('floors', () => {
  it('a large relative rise of a tiny latency stays under the 1 ms floor', () => {
    const verdict = compare(
      { none: [1.0, 1.01, 0.99].map((p50) => ({ p50, p99: 20, p999: 30 })) },
      { none: [1.5, 1.51, 1.49].map((p50) => ({ p50, p99: 20, p999: 30 })) },
    );
    const p50 = row(verdict, 'latency-p50');
    expect(p50.change).toBeCloseTo(0.5, 2);
    expect(p50.status).toBe('pass');
    expect(p50.reason).toMatch(
      /^\+50\.0% \(\+0\.5 ms\): at most \+5\d\.\d% at 95% confidence, below the 1 ms floor \(100% here\)$/,
    );
  });

  it('CPU of 0 is compared by differences: nothing moved passes, a few millicores stay under the floor', () => {
    const idle = (cpu: number[]): TrialSpec[] =>
      cpu.map((c) => ({ p50: 10, p99: 20, p999: 30, resources: resources([c, 50]) }));
    const still = row(
      compare({ none: idle([0, 0, 0]) }, { none: idle([0, 0, 0]) }),
      'cpu',
      'client',
    );
    expect(still).toMatchObject({ status: 'pass', change: 0 });
    const woke = row(
      compare({ none: idle([0, 0, 0]) }, { none: idle([0.002, 0.003, 0.0025]) }),
      'cpu',
      'client',
    );
    expect(woke).toMatchObject({ status: 'pass', change: null, floor: 0.005 });
    expect(woke.reason).toMatch(
      /^\+2\.5 millicores: at most \+\d\.\d+ millicores at 95% confidence, below the 5 millicores floor$/,
    );
    const busy = row(
      compare({ none: idle([0, 0.001, 0]) }, { none: idle([0.02, 0.022, 0.021]) }),
      'cpu',
      'client',
    );
    expect(busy.status).toBe('fail');
  });
});

describe('what one side lacks is not compared', () => {
  it('components measured on one side only: a note, no rows', () => {
    const verdict = compare(
      { none: trials([20, 21, 22], { resources: resources([0.1, 60]) }) },
      {
        none: trials([20, 21, 22], {
          resources: {
            ...resources([0.1, 60]),
            'client-proxy': { cpuCores: 0.2, cpuSeconds: 1, memoryMiBPeak: 40 },
          },
        }),
      },
    );
    expect(verdict.comparisons.map((c) => `${c.metric} ${c.component ?? ''}`.trim())).toEqual([
      'latency-p50',
      'latency-p99',
      'latency-p999',
      'error-rate',
      'cpu client',
      'memory client',
    ]);
    expect(verdict.reasons).toContain(
      'none: CPU and memory of client-proxy were measured in the current run only, so they were not compared',
    );
  });

  it('scenarios on one side only make the comparability key differ: inconclusive, nothing compared', () => {
    const verdict = compare(
      { none: trials([20, 21]), 'app-mtls': trials([20, 21]) },
      { none: trials([20, 21]) },
    );
    expect(verdict).toMatchObject({ kind: 'inconclusive', comparable: false, comparisons: [] });
    expect(verdict.reasons).toContain('scenarios: app-mtls,none (baseline) vs none (current)');
  });

  it('a scenario with no counterpart is noted (when the key does not already tell them apart)', () => {
    const base = gateDocument('run-1', { none: trials([20, 21]) });
    const cur = gateDocument('run-2', { 'app-mtls': trials([20, 21]) });
    expect(prepareAll(base, cur, 'welch', GATE_OPTIONS)).toEqual({
      prepared: [],
      notes: [
        'app-mtls: not in the baseline, so not compared',
        'none: in the baseline only, so not compared',
      ],
    });
  });
});

describe('faults and invalid trials', () => {
  it('invalid baseline trials are never compared', () => {
    const verdict = compare(
      { none: [...trials([20, 21, 22]), { p50: 10, p99: 500, p999: 900, valid: false }] },
      { none: trials([20, 21, 22]) },
    );
    const p99 = row(verdict, 'latency-p99');
    expect(p99.baseline.trials).toBe(3);
    expect(p99.baseline.value).toBeCloseTo(Math.cbrt(20 * 21 * 22), 10);
    expect(p99.status).toBe('pass');
  });

  it('a baseline with faults is used for its valid trials, and the verdict says so', () => {
    const verdict = compare(
      { none: trials([20, 21, 22]) },
      { none: trials([20, 21, 22]) },
      {
        baseline: ['interrupted before trial 4 of 6'],
      },
    );
    expect(verdict.kind).toBe('pass');
    expect(verdict.reasons).toContain(
      'the baseline run recorded infrastructure faults (interrupted before trial 4 of 6); only its valid trials were compared',
    );
  });

  it('a current scenario without a valid trial is an infrastructure error, its rows inconclusive', () => {
    const verdict = compare(
      { none: trials([20, 21, 22]), 'app-mtls': trials([20, 21, 22]) },
      { none: trials([20, 21, 22]), 'app-mtls': trials([20, 21], { valid: false }) },
    );
    expect(verdict.kind).toBe('infra-error');
    expect(verdict.reasons[0]).toBe('scenario app-mtls has no valid trial in the current run');
    expect(row(verdict, 'latency-p99', null, 'app-mtls')).toMatchObject({
      status: 'inconclusive',
      reason: 'no valid trial measured it in the current run',
    });
  });

  it('a baseline scenario without a valid trial leaves its rows inconclusive', () => {
    const verdict = compare(
      { none: trials([20, 21], { valid: false }) },
      { none: trials([20, 21]) },
    );
    expect(verdict.kind).toBe('inconclusive');
    expect(row(verdict, 'latency-p99').reason).toBe('no valid trial measured it in the baseline');
  });
});

describe('calibration', () => {
  it('names an injected delay on either side in the reasons', () => {
    const base = gateDocument('run-1', { none: trials([20, 21]) });
    const cur = gateDocument('run-2', { none: trials([23, 24]) });
    cur.load.injectedDelayMs = 3;
    expect(gate(cur, fileReference(base, 'b.json'), GATE_OPTIONS).reasons).toContain(
      'the current run added 3 ms of calibration delay to the server (inject-delay)',
    );
  });
});
