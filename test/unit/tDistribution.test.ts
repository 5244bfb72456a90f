// Student's t against printed table values and against closed forms that can be worked by hand:
// df 1 is the Cauchy distribution, P(T >= t) = 1/2 - atan(t)/pi, quantile tan(pi (p - 1/2));
// df 2 has P(T >= t) = 1 / ((r + t) r) with r = sqrt(2 + t^2), quantile (2p - 1) / sqrt(2p(1 - p)).
import { describe, expect, it } from '@jest/globals';
import { tQuantile, tUpperTail } from '../../src/compare/tDistribution.js';

const cauchyQuantile = (p: number): number => Math.tan(Math.PI * (p - 0.5));
const df2Quantile = (p: number): number => (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
const df2UpperTail = (t: number): number => {
  const r = Math.sqrt(2 + t * t);
  return 1 / ((r + t) * r);
};

describe('tQuantile', () => {
  // One-sided critical values as printed in any t table (3 decimals).
  it.each([
    [0.95, 1, 6.314],
    [0.95, 2, 2.92],
    [0.95, 4, 2.132],
    [0.95, 9, 1.833],
    [0.95, 30, 1.697],
    [0.975, 10, 2.228],
    [0.99, 9, 2.821],
    [0.995, 4, 4.604],
    [0.8, 4, 0.941],
  ])('t(%f, df %d) = %f as in the tables', (p, df, expected) => {
    expect(tQuantile(p, df)).toBeCloseTo(expected, 3);
  });

  it.each([0.6, 0.9, 0.95, 0.99, 0.9975])('matches the closed forms at p = %f', (p) => {
    expect(tQuantile(p, 1)).toBeCloseTo(cauchyQuantile(p), 9);
    expect(tQuantile(p, 2)).toBeCloseTo(df2Quantile(p), 9);
  });

  it('handles the fractional df of Welch between its integer neighbours', () => {
    const q = tQuantile(0.95, 4.5);
    expect(q).toBeLessThan(2.132);
    expect(q).toBeGreaterThan(2.015);
  });

  it('refuses degrees of freedom and probabilities a test never has', () => {
    expect(() => tQuantile(0.95, 0)).toThrow(/degrees of freedom/);
    expect(() => tQuantile(0.95, Number.NaN)).toThrow(/degrees of freedom/);
    expect(() => tQuantile(1, 4)).toThrow(/probability/);
  });
});

describe('tUpperTail', () => {
  it.each([0, 0.5, 2, 9.6335, 100])('matches the closed forms at t = %f', (t) => {
    expect(tUpperTail(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 12);
    expect(tUpperTail(t, 2)).toBeCloseTo(df2UpperTail(t), 12);
  });

  it('keeps relative precision far in the tail, where 1 - cdf would round to 0', () => {
    const exact = df2UpperTail(1e6);
    expect(exact).toBeLessThan(1e-12);
    expect(Math.abs(tUpperTail(1e6, 2) / exact - 1)).toBeLessThan(1e-6);
  });

  it('is the inverse of the quantile: P(T >= t(0.95, 4)) = 0.05', () => {
    expect(tUpperTail(tQuantile(0.95, 4), 4)).toBeCloseTo(0.05, 12);
    expect(tUpperTail(2.132, 4)).toBeCloseTo(0.05, 4);
    expect(tUpperTail(-1, 3)).toBeCloseTo(1 - tUpperTail(1, 3), 12);
  });
});
