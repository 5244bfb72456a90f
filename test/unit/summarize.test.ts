import { describe, expect, it } from '@jest/globals';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { overheadVsNone, percentChange, summarizeTrials } from '../../src/results/summarize.js';
import { range, trialFrom } from '../support/trials.js';

describe('summarizeTrials', () => {
  it('merges histograms of valid trials instead of averaging their percentiles', () => {
    // Trial A: 99 fast + 1 slow; trial B: all fast. Averaged p99s would be (10 + 1000)/2 = 505.
    const a = trialFrom([...Array<number>(99).fill(10), 1000]);
    const b = trialFrom(Array<number>(100).fill(10), { index: 1, repetition: 2 });
    const summary = summarizeTrials([a, b]);
    expect(summary.latencyMs.p99).toBeCloseTo(10, 1);
    expect(summary.latencyMs.max).toBeCloseTo(1000, 0);
    expect(decodeHistogram(summary.histogram).totalCount).toBe(200);
    expect(summary.requests).toBe(200);
    expect(summary.validTrials).toBe(2);
  });

  it('leaves invalid trials out of every figure but counts them', () => {
    const good = trialFrom(range(1, 100), {
      resources: { client: { cpuCores: 0.2, cpuSeconds: 1, memoryMiBPeak: 50 } },
    });
    const bad = trialFrom([5000, 5000], {
      valid: false,
      invalidReasons: ['x'],
      errors: { total: 2, byCode: { timeout: 2 } },
      resources: { client: { cpuCores: 9, cpuSeconds: 9, memoryMiBPeak: 900 } },
    });
    const summary = summarizeTrials([good, bad]);
    expect(summary.trials).toBe(2);
    expect(summary.validTrials).toBe(1);
    expect(summary.latencyMs.max).toBeLessThan(101);
    expect(summary.errors.total).toBe(0);
    expect(summary.resources.client).toEqual({ cpuCores: 0.2, cpuSeconds: 1, memoryMiBPeak: 50 });
  });

  it('averages resources per component and sums errors by code', () => {
    const t1 = trialFrom([1], {
      errors: { total: 3, byCode: { '503': 2, socket: 1 } },
      resources: { server: { cpuCores: 0.1, cpuSeconds: 0.5, memoryMiBPeak: 40 } },
    });
    const t2 = trialFrom([1], {
      errors: { total: 1, byCode: { '503': 1 } },
      resources: { server: { cpuCores: 0.3, cpuSeconds: 1.5, memoryMiBPeak: 60 } },
    });
    const summary = summarizeTrials([t1, t2]);
    expect(summary.errors).toEqual({ total: 4, byCode: { '503': 3, socket: 1 } });
    expect(summary.resources.server).toEqual({ cpuCores: 0.2, cpuSeconds: 1, memoryMiBPeak: 50 });
  });
});

describe('overheadVsNone', () => {
  it('gives the percent change per percentile, per component and in total', () => {
    const none = summarizeTrials([
      trialFrom(Array<number>(100).fill(10), {
        resources: {
          client: { cpuCores: 0.1, cpuSeconds: 1, memoryMiBPeak: 50 },
          server: { cpuCores: 0.1, cpuSeconds: 1, memoryMiBPeak: 50 },
        },
      }),
    ]);
    const mesh = summarizeTrials([
      trialFrom(Array<number>(100).fill(11), {
        resources: {
          client: { cpuCores: 0.2, cpuSeconds: 2, memoryMiBPeak: 55 },
          server: { cpuCores: 0.15, cpuSeconds: 1.5, memoryMiBPeak: 50 },
        },
      }),
    ]);
    const overhead = overheadVsNone(mesh, none);
    expect(overhead?.latencyPct.p50).toBeCloseTo(10, 0);
    expect(overhead?.latencyPct.p99).toBeCloseTo(10, 0);
    expect(overhead?.cpuPct).toEqual({ client: 100, server: 50, total: 75 });
    expect(overhead?.memoryPct).toEqual({ client: 10, server: 0, total: 5 });
  });

  it('is null when either side has no valid trial', () => {
    const none = summarizeTrials([trialFrom([1], { valid: false, invalidReasons: ['x'] })]);
    expect(overheadVsNone(summarizeTrials([trialFrom([1])]), none)).toBeNull();
  });

  it.each([
    [110, 100, 10],
    [90, 100, -10],
    [5, 0, null],
    [undefined, 1, null],
  ])('percentChange(%p, %p) = %p', (value, base, expected) => {
    expect(percentChange(value, base)).toBe(expected);
  });
});
