// fortio's JSON result parsed into the builtin engine's trial shape, row by row on real outputs of
// fortio 1.68.2 (test/fixtures/fortio/README.md says how each was made).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from '../../src/errors.js';
import { fallingBehind, fortioRunFaults } from '../../src/load/fortio/fortioFaults.js';
import { parseFortioJson } from '../../src/load/fortio/fortioResult.js';
import {
  parseFortioResult,
  parseGoDuration,
  plannedCalls,
} from '../../src/load/fortio/parseFortioResult.js';
import type { ErrorCounts } from '../../src/load/types.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { fixturesDir } from '../support/paths.js';

const dir = path.join(fixturesDir, 'fortio');
const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');

const none: ErrorCounts = { total: 0, byCode: {} };

describe('parseFortioResult on real runs', () => {
  // name, requestedRps, requests, achievedRps, unsent, errors
  // prettier-ignore
  const rows: [string, number, number, number, number, ErrorCounts][] = [
    ['plain', 300, 900, 299.867, 0, none],
    ['mtls', 300, 900, 299.839, 0, none],
    ['access-log', 300, 900, 299.69, 0, none],
    ['errors', 200, 598, 187.612, 2, { total: 26, byCode: { socket: 4, '503': 22 } }],
    ['behind', 1000, 372, 186, 1628, none],
    ['nodelay', 1000, 2000, 999.485, 0, none],
    // -uniform staggers the 30 connections over one interval: 97 ms of the 3.108 s are stagger.
    ['uniform', 300, 900, 299.941, 0, none],
    ['nodelay-default-r', 1000, 2000, 999.662, 0, none],
    ['lowered', 10, 20, 9.992, 0, none],
    // 100 calls asked, 90 planned (3 per connection): the rate reads 90/s, not fortio's 98/s.
    ['uneven', 100, 90, 90, 0, none],
    ['zero-calls', 0, 0, 0, 0, none],
  ];
  it.each(rows)('%s', (name, requestedRps, requests, achievedRps, unsent, errors) => {
    const json = read(`${name}.json`);
    const raw = JSON.parse(json) as { StartTime: string; ActualDuration: number };
    const trial = parseFortioResult(json);
    expect(trial).toMatchObject({
      engine: 'fortio',
      requestedRps,
      requests,
      achievedRps,
      unsent,
      errors,
    });
    // Latencies of the successful calls only, like the builtin engine.
    expect(decodeHistogram(trial.histogram).totalCount).toBe(requests - errors.total);
    expect(trial.measureStartMs).toBe(Date.parse(raw.StartTime));
    expect(trial.measureEndMs - trial.measureStartMs).toBe(Math.round(raw.ActualDuration / 1e6));
  });

  it('reads latency figures in milliseconds off the converted histogram', () => {
    const trial = parseFortioResult(read('plain.json'));
    const raw = JSON.parse(read('plain.json')) as {
      DurationHistogram: { Min: number; Max: number; Avg: number };
    };
    expect(trial.latencyMs.min).toBeCloseTo(raw.DurationHistogram.Min * 1000, 1);
    expect(trial.latencyMs.max).toBeCloseTo(raw.DurationHistogram.Max * 1000, 1);
    expect(trial.latencyMs.mean).toBeCloseTo(raw.DurationHistogram.Avg * 1000, 1);
    // The server waits 10 ms before every answer.
    expect(trial.latencyMs.p50).toBeGreaterThanOrEqual(10);
    expect(trial.latencyMs.p99).toBeGreaterThanOrEqual(trial.latencyMs.p50);
  });

  it('accepts RequestedQPS as a number, as older fortio versions wrote it', () => {
    const raw = JSON.parse(read('plain.json')) as Record<string, unknown>;
    expect(parseFortioResult({ ...raw, RequestedQPS: 300 }).requestedRps).toBe(300);
  });
});

describe('what is not a usable result', () => {
  it.each<[string, string | Record<string, unknown>, RegExp]>([
    [
      'a run that never started',
      read('failed-run.json'),
      /^fortio run failed: init error: address 99999: invalid port$/,
    ],
    [
      'the REST API error reply',
      read('failed-run.reply.json'),
      /^fortio run failed: Aborting because of error: address 99999: invalid port$/,
    ],
    [
      'no JSON at all',
      'Aborting because of error -1 for http://127.0.0.1:1/echo',
      /^fortio printed no JSON result \(output starts: "Aborting/,
    ],
    ['empty output', '', /^fortio printed no JSON result/],
    [
      'another JSON document',
      '{"hello":"world"}',
      /^fortio's output is not a fortio result: StartTime: .*DurationHistogram/,
    ],
    [
      'buckets that do not add up to Count',
      {
        ...(JSON.parse(read('plain.json')) as Record<string, unknown>),
        DurationHistogram: { Count: 5, Min: 0, Max: 0, Sum: 0, Avg: 0, StdDev: 0, Data: null },
      },
      /DurationHistogram: buckets hold 0 values but Count is 5/,
    ],
    [
      'a start time that is not a time',
      { ...(JSON.parse(read('plain.json')) as Record<string, unknown>), StartTime: 'yesterday' },
      /StartTime: not a time/,
    ],
  ])('%s is an infrastructure error', (_what, input, message) => {
    let caught: unknown;
    try {
      parseFortioJson(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InfraError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('fortioRunFaults on real runs', () => {
  const faults = (name: string, connections: number): string[] =>
    fortioRunFaults({
      result: parseFortioJson(read(`${name}.json`)),
      stderr: read(`${name}.stderr.txt`),
      connections,
    });

  it.each<[string, number, string[]]>([
    ['plain', 30, []],
    ['mtls', 30, []],
    ['uniform', 30, []],
    ['nodelay', 4, []],
    ['zero-calls', 1, []],
    [
      'behind',
      2,
      [
        'fortio fell behind its schedule: 100.00% of its waits between calls were already overdue (it warns above 5%)',
      ],
    ],
    [
      'errors',
      20,
      [
        'fortio fell behind its schedule: 13.13% of its waits between calls were already overdue (it warns above 5%)',
      ],
    ],
    [
      'lowered',
      30,
      [
        'fortio used 10 of the 30 connections: it needs at least 2 calls per connection in the trial',
      ],
    ],
    [
      'uneven',
      30,
      [
        'fortio planned 90 calls for 100 requested: it gives every connection the same whole number of calls and drops the rest',
      ],
    ],
  ])('%s (-c %p)', (name, connections, expected) => {
    expect(faults(name, connections)).toEqual(expected);
  });

  it('finds the warning only where fortio prints it', () => {
    expect(fallingBehind(read('plain.stderr.txt'))).toBeUndefined();
    expect(fallingBehind('WARNING 5.50% of sleep were falling behind\n')).toMatch(/5\.50%/);
  });
});

describe('fortio planning arithmetic', () => {
  it.each<[string, number | undefined]>([
    ['5s', 5],
    ['1m30s', 90],
    ['1.5s', 1.5],
    ['100ms', 0.1],
    ['1h0m0s', 3600],
    ['250µs', 0.00025],
    ['1ns', 1e-9],
    ['exactly 100 calls', undefined],
    ['', undefined],
    ['5 s', undefined],
  ])('Go duration %j is %p s', (text, seconds) => {
    const parsed = parseGoDuration(text);
    if (seconds === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toBeCloseTo(seconds, 12);
  });

  it.each<[Record<string, unknown>, number | undefined]>([
    [{ RequestedQPS: '300', RequestedDuration: '5s', NumThreads: 30 }, 1500],
    [{ RequestedQPS: '320', RequestedDuration: '30s', NumThreads: 160 }, 9600],
    [{ RequestedQPS: '100', RequestedDuration: '1s', NumThreads: 30 }, 90],
    [{ RequestedQPS: '0.5', RequestedDuration: '1s', NumThreads: 1 }, 2],
    [{ RequestedQPS: 'max', RequestedDuration: '5s', NumThreads: 4 }, undefined],
    [{ RequestedQPS: '100', RequestedDuration: 'exactly 7 calls', NumThreads: 2, Exactly: 7 }, 7],
  ])('plans %j as %p calls', (fields, expected) => {
    const base = parseFortioJson(read('plain.json'));
    expect(plannedCalls({ ...base, ...fields })).toBe(expected);
  });
});
