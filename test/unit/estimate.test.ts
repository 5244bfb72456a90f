// Welch and paired estimates and the one-sided bounds on them, against numbers worked by hand
// (test/fixtures/results/README.md shows the working).
import { describe, expect, it } from '@jest/globals';
import { pairedEstimate, welchEstimate } from '../../src/compare/estimate.js';
import {
  increasePValue,
  lowerBound,
  minDetectableDifference,
  upperBound,
} from '../../src/compare/oneSided.js';

const ln = Math.log;

describe('welchEstimate', () => {
  it('gives df = 2(n - 1) when both sides have the same variance', () => {
    // CPU 0.100, 0.120 against 1.05 times that: log variances equal, so df = 2.
    const estimate = welchEstimate([ln(0.1), ln(0.12)], [ln(0.105), ln(0.126)]);
    expect(estimate?.difference).toBeCloseTo(ln(1.05), 12);
    expect(estimate?.standardError).toBeCloseTo(0.12892080916549362, 12);
    expect(estimate?.df).toBeCloseTo(2, 12);
    // Upper bound at 95 %: d + t(0.95, 2) SE = 0.04879 + 2.91999 x 0.12892 -> +53.0 %.
    expect(Math.expm1(upperBound(estimate ?? fail(), 0.95))).toBeCloseTo(0.52995308, 6);
    expect(increasePValue(estimate ?? fail())).toBeCloseTo(0.37074558, 7);
  });

  it('gives df = n - 1 of the noisy side when the other has no spread', () => {
    const estimate = welchEstimate([1, 1, 1], [1, 2, 3, 4]);
    expect(estimate?.df).toBeCloseTo(3, 12);
    expect(estimate?.standardError).toBeCloseTo(Math.sqrt(5 / 3 / 4), 12);
  });

  it('needs two values on each side to estimate any noise', () => {
    expect(welchEstimate([1], [1, 2])).toBeUndefined();
    expect(welchEstimate([1, 2], [])).toBeUndefined();
  });

  it('treats identical values (up to rounding) as no spread: df null, bounds at the estimate', () => {
    const a = [ln(10.1), ln(10.1), ln(10.1)];
    const b = [ln(12.0), ln(12.0), ln(12.0)];
    const estimate = welchEstimate(a, b) ?? fail();
    expect(estimate).toEqual({ difference: ln(12) - ln(10.1), standardError: 0, df: null });
    expect(lowerBound(estimate, 0.01)).toBe(estimate.difference);
    expect(upperBound(estimate, 0.95)).toBe(estimate.difference);
    expect(increasePValue(estimate)).toBe(0);
    expect(minDetectableDifference(estimate, 0.01)).toBe(0);
    const same = welchEstimate(a, a) ?? fail();
    expect(increasePValue(same)).toBe(0.5);
    expect(increasePValue(welchEstimate(b, a) ?? fail())).toBe(1);
  });
});

describe('pairedEstimate', () => {
  // p99 of three repetitions: baseline 20, 22, 21 ms; current 26, 27.5, 25.2 ms (ratios 1.3, 1.25,
  // 1.2). Log ratios 0.262364, 0.223144, 0.182322: mean 0.222610, sd 0.040024, SE 0.023108.
  const estimate =
    pairedEstimate([
      [ln(20), ln(26)],
      [ln(22), ln(27.5)],
      [ln(21), ln(25.2)],
    ]) ?? fail();

  it('works on the per-pair differences', () => {
    expect(estimate.difference).toBeCloseTo(0.22260979085855181, 12);
    expect(estimate.standardError).toBeCloseTo(0.023107880604502556, 12);
    expect(estimate.df).toBe(2);
  });

  it('gives the p-value, bounds and detectable change of the hand calculation', () => {
    // t = 9.6335; df 2: p = 1 / ((r + t) r), r = sqrt(2 + t^2).
    expect(increasePValue(estimate)).toBeCloseTo(0.0053021326846809345, 12);
    // Lower at 99 %: t = 0.98 / sqrt(0.0198) = 6.96456 -> +6.36 %.
    expect(Math.expm1(lowerBound(estimate, 0.01))).toBeCloseTo(0.06361517235447568, 10);
    // Upper at 96 %: t = 0.92 / sqrt(0.0768) = 3.31976 -> +34.89 %.
    expect(Math.expm1(upperBound(estimate, 0.96))).toBeCloseTo(0.3489445908085812, 10);
    // (t(0.99, 2) + t(0.8, 2)) SE = (6.96456 + 1.06066) x 0.023108 -> +20.38 %.
    expect(Math.expm1(minDetectableDifference(estimate, 0.01))).toBeCloseTo(0.2037548992, 9);
  });

  it('needs two pairs', () => {
    expect(pairedEstimate([[1, 2]])).toBeUndefined();
  });

  it('sees no noise when every pair moved by the same amount', () => {
    const same = pairedEstimate([
      [ln(10), ln(11)],
      [ln(20), ln(22)],
    ]);
    expect(same?.df).toBeNull();
    expect(same?.difference).toBeCloseTo(ln(1.1), 12);
  });
});

function fail(): never {
  throw new Error('expected an estimate');
}
