// The verdict on a dataset worked by hand (test/fixtures/results/README.md, "Known dataset"), how
// statuses combine into the verdict's kind, and the exit code each kind and fail-on give.
import { describe, expect, it } from '@jest/globals';
import { exitCodeFor, fileReference, gate, WITHIN_RUN_ONLY } from '../../src/compare/gate.js';
import { verdictSchema, type Verdict } from '../../src/results/schema.js';
import { GATE_OPTIONS as OPTIONS, gateDocument, row, sameRun } from '../support/gateDocuments.js';

describe('the known dataset (paired, 3 repetitions, confidence 0.96)', () => {
  // Same run id on both sides: interleaved trials, paired by repetition. Family of 4 tests:
  // p50 (identical, p 0.5), p99 (p 0.0053), p99.9 (p 0.5213), error rate (0 both, p 0.5).
  const baseline = gateDocument('run-1', {
    none: [
      { p50: 10.0, p99: 20, p999: 30 },
      { p50: 10.2, p99: 22, p999: 33 },
      { p50: 10.1, p99: 21, p999: 36 },
    ],
  });
  const current = gateDocument('run-1', {
    none: [
      { p50: 10.0, p99: 26, p999: 31 },
      { p50: 10.2, p99: 27.5, p999: 30 },
      { p50: 10.1, p99: 25.2, p999: 38 },
    ],
  });
  const verdict = gate(current, fileReference(baseline, 'baseline.json'), {
    ...OPTIONS,
    confidence: 0.96,
  });

  it('is a valid verdict: paired, comparable, one regression', () => {
    expect(verdictSchema.parse(verdict)).toEqual(verdict);
    expect(verdict).toMatchObject({ kind: 'fail', method: 'paired', comparable: true });
    expect(verdict.regressions).toBe(1);
    expect(verdict.comparisons.map((c) => [c.metric, c.status])).toEqual([
      ['latency-p50', 'pass'],
      ['latency-p99', 'fail'],
      ['latency-p999', 'pass'],
      ['error-rate', 'pass'],
    ]);
  });

  it('p99: the hand-calculated change, interval, p, Holm level and detectable change', () => {
    const p99 = row(verdict, 'latency-p99');
    expect(p99.baseline.value).toBeCloseTo(20.984114971245354, 10);
    expect(p99.current.value).toBeCloseTo(26.21614683641812, 10);
    expect(p99.change).toBeCloseTo(0.24933297746139088, 10);
    expect(p99.pValue).toBeCloseTo(0.0053021326846809345, 12);
    // Smallest p of 4 at alpha 0.04: held to 0.04 / 4 = 0.01.
    expect(p99.alpha).toBeCloseTo(0.01, 15);
    expect(p99.interval.lower).toBeCloseTo(0.06361517235447568, 9);
    expect(p99.interval.upper).toBeCloseTo(0.3489445908085812, 9);
    expect(p99.minDetectableChange).toBeCloseTo(0.20375489922473283, 9);
    expect(p99.reason).toBe(
      'rose +24.9% (+5.23 ms): at least +6.4% at 99% confidence (Holm), at or above the 10% threshold',
    );
  });

  it('p99.9: Holm stopped at rank 2 (0.5 > 0.04/3), so it keeps 0.0133; the bound passes 20%', () => {
    const p999 = row(verdict, 'latency-p999');
    expect(p999.pValue).toBeCloseTo(0.521334496111544, 12);
    expect(p999.alpha).toBeCloseTo(0.04 / 3, 15);
    expect(p999.change).toBeCloseTo(-0.0028137458794124286, 10);
    expect(p999.interval.lower).toBeCloseTo(-0.24629788325496105, 9);
    expect(p999.interval.upper).toBeCloseTo(0.16422667897791168, 9);
    expect(p999.minDetectableChange).toBeCloseTo(0.45411170509193954, 9);
    expect(p999.reason).toBe(
      '-0.3% (-0.09 ms): at most +16.4% at 96% confidence, below the 20% threshold',
    );
  });

  it('p50 and the error rate did not move at all', () => {
    expect(row(verdict, 'latency-p50')).toMatchObject({
      change: 0,
      pValue: 0.5,
      status: 'pass',
      reason: 'the same value in every trial on both sides',
    });
    expect(row(verdict, 'error-rate')).toMatchObject({
      change: 0,
      unit: 'fraction',
      threshold: 0.0005,
      floor: 0,
      reason: 'no errors in any trial on either side',
    });
  });

  it('says how it compared', () => {
    expect(verdict.reasons).toEqual([
      'paired: baseline and current are interleaved trials of one run (run-1), paired by repetition',
      '4 comparisons (Holm over 4 tests, 96% confidence): 1 fail, 0 inconclusive, 3 pass',
    ]);
  });
});

describe('kinds and exit codes', () => {
  const steady = (p99: number) => [
    { p50: 10, p99, p999: 30 },
    { p50: 10.1, p99: p99 * 1.01, p999: 30.3 },
    { p50: 10.05, p99: p99 * 0.99, p999: 29.7 },
  ];
  const baseline = gateDocument('run-1', { none: steady(20) });
  const verdictFor = (current: ReturnType<typeof gateDocument>): Verdict =>
    gate(current, fileReference(baseline, 'b.json'), OPTIONS, WITHIN_RUN_ONLY);

  it('pass when every comparison passes: exit 0', () => {
    const verdict = verdictFor(gateDocument('run-2', { none: steady(20.1) }));
    expect(verdict.kind).toBe('pass');
    expect(verdict.method).toBe('welch');
    expect(exitCodeFor(verdict, 'regression')).toBe(0);
    expect(exitCodeFor(verdict, 'inconclusive')).toBe(0);
  });

  it('fail on any failed comparison: exit 1 whatever fail-on says', () => {
    const verdict = verdictFor(gateDocument('run-2', { none: steady(30) }));
    expect(verdict.kind).toBe('fail');
    expect(row(verdict, 'latency-p99').status).toBe('fail');
    expect(exitCodeFor(verdict, 'regression')).toBe(1);
    expect(exitCodeFor(verdict, 'inconclusive')).toBe(1);
  });

  it('inconclusive when nothing failed but something could not be ruled out: fail-on decides', () => {
    const noisy = gateDocument('run-2', {
      none: [
        { p50: 10, p99: 15, p999: 30 },
        { p50: 10.1, p99: 30, p999: 30.3 },
        { p50: 10.05, p99: 21, p999: 29.7 },
      ],
    });
    const verdict = verdictFor(noisy);
    expect(verdict.kind).toBe('inconclusive');
    expect(row(verdict, 'latency-p99').status).toBe('inconclusive');
    expect(exitCodeFor(verdict, 'regression')).toBe(0);
    expect(exitCodeFor(verdict, 'inconclusive')).toBe(1);
  });

  it('no baseline: passes and says so', () => {
    const verdict = gate(gateDocument('run-2', { none: steady(20) }), null, OPTIONS);
    expect(verdict).toMatchObject({
      kind: 'no-baseline',
      method: null,
      baseline: null,
      comparable: false,
      comparisons: [],
      reasons: ['No baseline to compare with: nothing was compared, and the run passes.'],
    });
    expect(exitCodeFor(verdict, 'inconclusive')).toBe(0);
  });

  it('infra-error when the current run has faults, with or without a baseline: exit 3', () => {
    const faulty = gateDocument('run-2', { none: steady(20) }, ['the none server exited']);
    for (const verdict of [verdictFor(faulty), gate(faulty, null, OPTIONS)]) {
      expect(verdict.kind).toBe('infra-error');
      expect(verdict.reasons[0]).toBe(
        'infrastructure fault in the current run: the none server exited',
      );
      expect(exitCodeFor(verdict, 'regression')).toBe(3);
    }
  });

  it('a same-run reference is paired', () => {
    const current = gateDocument('run-2', { none: steady(20) });
    expect(gate(current, sameRun(baseline), OPTIONS).method).toBe('paired');
  });
});
