// Holm's step-down on families worked by hand (alpha 0.05).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { holm } from '../../src/compare/holm.js';

describe('holm', () => {
  it('holds rank k to alpha / (m - k + 1) and stops at the first test it keeps', () => {
    // Sorted: 0.005 <= 0.05/4 = 0.0125 rejected; 0.01 <= 0.05/3 = 0.0167 rejected;
    // 0.03 > 0.05/2 = 0.025 kept, so it stops; 0.04 keeps that stopping level 0.025.
    expect(holm([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([
      { alpha: 0.05 / 3, rejected: true },
      { alpha: 0.025, rejected: false },
      { alpha: 0.025, rejected: false },
      { alpha: 0.0125, rejected: true },
    ]);
  });

  it('rejects more than Bonferroni (0.05/3 = 0.0167 rejects only the first here)', () => {
    // 0.012 <= 0.0167, 0.02 <= 0.025, 0.04 <= 0.05: all three.
    expect(holm([0.04, 0.012, 0.02], 0.05).map((l) => l.rejected)).toEqual([true, true, true]);
  });

  it('is a step-down: once a test is kept, a later p under alpha is kept too', () => {
    // 0.03 > 0.025 stops; 0.04 <= 0.05 would pass a step-up procedure, not Holm.
    expect(holm([0.03, 0.04], 0.05)).toEqual([
      { alpha: 0.025, rejected: false },
      { alpha: 0.025, rejected: false },
    ]);
  });

  it('orders ties by position and handles the empty and single families', () => {
    expect(holm([0.01, 0.01], 0.05)).toEqual([
      { alpha: 0.025, rejected: true },
      { alpha: 0.05, rejected: true },
    ]);
    expect(holm([], 0.05)).toEqual([]);
    expect(holm([0.05], 0.05)).toEqual([{ alpha: 0.05, rejected: true }]);
  });

  it('always agrees with itself: rejected exactly when p <= alpha, never above familyAlpha', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const levels = holm(ps, 0.05);
        levels.forEach((level, i) => {
          expect(level.rejected).toBe((ps[i] ?? 2) <= level.alpha);
          expect(level.alpha).toBeLessThanOrEqual(0.05);
          expect(level.alpha).toBeGreaterThanOrEqual(0.05 / ps.length);
        });
        // Never more rejections than the family could carry, never fewer than Bonferroni.
        const bonferroni = ps.filter((p) => p <= 0.05 / ps.length).length;
        expect(levels.filter((l) => l.rejected).length).toBeGreaterThanOrEqual(bonferroni);
      }),
      { numRuns: 200 },
    );
  });
});
