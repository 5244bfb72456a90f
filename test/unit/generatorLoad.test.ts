// Splitting a rate across generator pods, row by row, and reading generators' results back from
// real pod logs (test/fixtures/loadgen/) and merging them.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import {
  mergeGeneratorTrials,
  parseLoadgenLog,
  startSpreadLimitMs,
} from '../../src/workload/generatorResults.js';
import { splitLoad } from '../../src/workload/splitLoad.js';
import { fixturesDir } from '../support/paths.js';

describe('splitLoad', () => {
  it.each([
    // rps, connections, max per generator -> [rps, connections] per generator
    [320, 160, 4000, [[320, 160]]],
    [3200, 1600, 4000, [[3200, 1600]]],
    [
      12800,
      6400,
      4000,
      [
        [3200, 1600],
        [3200, 1600],
        [3200, 1600],
        [3200, 1600],
      ],
    ],
    [
      10000,
      50,
      4000,
      [
        [3334, 17],
        [3333, 17],
        [3333, 16],
      ],
    ],
    [
      4001,
      3,
      4000,
      [
        [2001, 2],
        [2000, 1],
      ],
    ],
    // Never more generators than connections: each needs one.
    [
      9000,
      2,
      1000,
      [
        [4500, 1],
        [4500, 1],
      ],
    ],
    [0.5, 1, 4000, [[0.5, 1]]],
  ])('%d RPS over %d connections, at most %d each', (rps, connections, max, expected) => {
    const shares = splitLoad(rps, connections, max);
    expect(shares.map((s) => [s.rps, s.connections])).toEqual(expected);
    expect(shares.map((s) => s.index)).toEqual(expected.map((_, i) => i));
    expect(shares.reduce((sum, s) => sum + s.rps, 0)).toBeCloseTo(rps, 9);
    expect(shares.reduce((sum, s) => sum + s.connections, 0)).toBe(connections);
  });

  it.each([
    [0, 10, 4000, 'rps must be positive, got 0'],
    [100, 0, 4000, 'connections must be a whole number of at least 1, got 0'],
    [100, 1.5, 4000, 'connections must be a whole number of at least 1, got 1.5'],
    [100, 10, 0, 'the rate per generator must be positive, got 0'],
  ])('refuses rps %d, connections %d, max %d', (rps, connections, max, message) => {
    expect(() => splitLoad(rps, connections, max)).toThrow(message);
  });
});

const log = (name: string): string => readFileSync(path.join(fixturesDir, 'loadgen', name), 'utf8');

describe('parseLoadgenLog', () => {
  it('reads the result line of a real generator log', () => {
    const trial = parseLoadgenLog(log('generator-0.jsonl'));
    expect(trial).toMatchObject({
      engine: 'builtin',
      requestedRps: 150,
      achievedRps: 150,
      requests: 450,
      unsent: 0,
      errors: { total: 0, byCode: {} },
      measureStartMs: 1796652116129,
      measureEndMs: 1796652119129,
    });
    expect(decodeHistogram(trial?.histogram ?? '').totalCount).toBe(450);
  });

  it.each([
    ['an empty log', ''],
    ['progress lines only', log('generator-0.jsonl').split('\n').slice(0, 4).join('\n')],
    ['a cut result line', log('generator-0.jsonl').slice(0, -40)],
    ['a result with a field missing', '{"type":"result","trial":{"engine":"builtin"}}'],
    [
      'a result with a negative count',
      log('generator-0.jsonl').replace('"requests":450', '"requests":-1'),
    ],
    ['text from a crash', 'loadgen: connect ECONNREFUSED\n    at TCPConnectWrap\n'],
  ])('finds no result in %s', (_, text) => {
    expect(parseLoadgenLog(text)).toBeUndefined();
  });
});

describe('mergeGeneratorTrials', () => {
  const a = parseLoadgenLog(log('generator-0.jsonl'));
  const b = parseLoadgenLog(log('generator-1.jsonl'));
  if (!a || !b) throw new Error('fixtures unreadable');

  it('adds rates and counts, merges histograms, and keeps the common window', () => {
    const { engine, faults } = mergeGeneratorTrials([a, b]);
    expect(faults).toEqual([]);
    expect(engine).toMatchObject({
      requestedRps: 300,
      achievedRps: 300,
      requests: 900,
      unsent: 0,
      errors: { total: 0, byCode: {} },
      measureStartMs: b.measureStartMs,
      measureEndMs: a.measureEndMs,
    });
    expect(decodeHistogram(engine.histogram).totalCount).toBe(900);
    // The merged percentiles lie between the generators' own (never averaged).
    expect(engine.latencyMs.p99).toBeGreaterThanOrEqual(Math.min(a.latencyMs.p99, b.latencyMs.p99));
    expect(engine.latencyMs.p99).toBeLessThanOrEqual(Math.max(a.latencyMs.p99, b.latencyMs.p99));
    expect(engine.latencyMs.max).toBe(Math.max(a.latencyMs.max, b.latencyMs.max));
  });

  it('is a fault when generators started too far apart to load the server together', () => {
    const late = {
      ...b,
      measureStartMs: b.measureStartMs + 1500,
      measureEndMs: b.measureEndMs + 1500,
    };
    const { faults } = mergeGeneratorTrials([a, late]);
    expect(faults).toEqual([
      'load generators started 1.5 s apart (limit 1.0 s): they did not load the server together',
    ]);
    expect(startSpreadLimitMs(300_000)).toBe(6000);
  });

  it('passes a single generator through', () => {
    expect(mergeGeneratorTrials([a])).toEqual({ engine: a, faults: [] });
  });
});
