import { describe, expect, it } from '@jest/globals';
import {
  Schedule,
  autoWorkers,
  splitConnections,
  windowOf,
} from '../../src/load/builtin/schedule.js';

const MS = 1e6;

describe('Schedule', () => {
  it('puts request k at k/rps after t0', () => {
    const schedule = new Schedule(200);
    expect([0, 1, 2, 199, 200].map((k) => schedule.dueNs(k))).toEqual([
      0,
      5 * MS,
      10 * MS,
      995 * MS,
      1000 * MS,
    ]);
  });

  it('computes each due time from k, so a long run at an awkward rate does not drift', () => {
    const schedule = new Schedule(3);
    // 3 RPS: 1/3 s is not representable; accumulating it would drift, k/rps does not.
    expect(schedule.dueNs(3 * 3600 * 24)).toBe(24 * 3600 * 1e9);
    expect(schedule.dueNs(1)).toBe(333_333_333);
    expect(schedule.dueNs(2)).toBe(666_666_667);
  });

  it('draws the warm-up boundary exactly: a request due at the boundary is measured', () => {
    const schedule = new Schedule(200);
    const window = windowOf(500, 2000);
    expect(window).toEqual({ measureStartNs: 500 * MS, measureEndNs: 2500 * MS });
    const measured = schedule.indicesIn(window.measureStartNs, window.measureEndNs);
    expect(measured).toEqual({ first: 100, end: 500 });
    expect(schedule.dueNs(measured.first - 1)).toBeLessThan(window.measureStartNs);
    expect(schedule.dueNs(measured.first)).toBe(window.measureStartNs);
    expect(schedule.dueNs(measured.end - 1)).toBeLessThan(window.measureEndNs);
    expect(schedule.dueNs(measured.end)).toBe(window.measureEndNs);
  });

  it('measures rate x duration requests for rates that do not divide a second evenly', () => {
    for (const rps of [1, 3, 7, 333.3, 1234.5, 12_800]) {
      const schedule = new Schedule(rps);
      const window = windowOf(250, 4000);
      const { first, end } = schedule.indicesIn(window.measureStartNs, window.measureEndNs);
      expect(Math.abs(end - first - rps * 4)).toBeLessThanOrEqual(1);
      expect(schedule.dueNs(first)).toBeGreaterThanOrEqual(window.measureStartNs);
      if (first > 0) expect(schedule.dueNs(first - 1)).toBeLessThan(window.measureStartNs);
    }
  });

  it('starts at index 0 for a window from t0 and has an empty range for an empty window', () => {
    const schedule = new Schedule(100);
    expect(schedule.indicesIn(0, 0)).toEqual({ first: 0, end: 0 });
    expect(schedule.firstAtOrAfter(-5 * MS)).toBe(0);
  });

  it('phase-shifts worker shares so that together they form the single even schedule', () => {
    for (const [rps, workers] of [
      [400, 2],
      [1000, 3],
      [12_800, 4],
      [7, 2],
    ] as const) {
      const whole = new Schedule(rps);
      const shares = Array.from({ length: workers }, (_, w) => new Schedule(rps, workers, w));
      expect(shares[1]?.dueNs(0)).toBe(whole.dueNs(1));
      const combined = shares
        .flatMap((share) => Array.from({ length: 50 }, (_, k) => share.dueNs(k)))
        .sort((a, b) => a - b);
      expect(combined).toEqual(Array.from({ length: 50 * workers }, (_, j) => whole.dueNs(j)));
      for (const share of shares) expect(share.shareRps).toBeCloseTo(rps / workers);
    }
  });

  it('splits the measured requests across workers without losing or doubling one', () => {
    const window = windowOf(500, 2000);
    const total = (workers: number): number =>
      Array.from({ length: workers }, (_, w) => new Schedule(400, workers, w))
        .map((s) => s.indicesIn(window.measureStartNs, window.measureEndNs))
        .reduce((sum, range) => sum + range.end - range.first, 0);
    expect(total(1)).toBe(800);
    expect(total(2)).toBe(800);
    expect(total(3)).toBe(800);
  });

  it('rejects shares that make no sense', () => {
    expect(() => new Schedule(0)).toThrow(/rps/);
    expect(() => new Schedule(Number.NaN)).toThrow(/rps/);
    expect(() => new Schedule(100, 0)).toThrow(/workers/);
    expect(() => new Schedule(100, 2, 2)).toThrow(/worker must be/);
  });
});

describe('splitConnections', () => {
  it.each([
    [10, 1, [10]],
    [10, 2, [5, 5]],
    [10, 3, [4, 3, 3]],
    [2, 2, [1, 1]],
    [6400, 4, [1600, 1600, 1600, 1600]],
  ])('%i connections over %i workers -> %j', (connections, workers, expected) => {
    expect(splitConnections(connections, workers)).toEqual(expected);
  });
});

describe('autoWorkers', () => {
  it.each([
    // rps, cpus, connections, workers
    [320, 8, 160, 1],
    [3200, 2, 1600, 1],
    [8000, 8, 1000, 1],
    [8001, 8, 1000, 2],
    [12_800, 8, 6400, 2],
    [12_800, 1, 6400, 1],
    [40_000, 8, 20_000, 5],
    [100_000, 4, 50_000, 4],
    [20_000, 8, 2, 2],
    [1, 1, 1, 1],
    [50_000, 0, 100, 1],
  ])('%i RPS, %i CPUs, %i connections -> %i', (rps, cpus, connections, expected) => {
    expect(autoWorkers(rps, cpus, connections)).toBe(expected);
  });

  it('ignores connections when none are given', () => {
    expect(autoWorkers(24_000, 16)).toBe(3);
  });
});
