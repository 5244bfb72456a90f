// The calibration bench's arithmetic: the runs of a round and their rotating order, the injected
// delays, and the tally of real verdicts (the gate on the saved runs of test/fixtures/results/).
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  addVerdict,
  emptyRows,
  injectedDelays,
  median,
  renderTable,
  roundRuns,
} from '../../bench/gateTally.js';
import { readResultDocument } from '../../src/cli/reportCommand.js';
import { fileReference, gate, WITHIN_RUN_ONLY } from '../../src/compare/gate.js';
import { GATE_OPTIONS } from '../support/gateDocuments.js';
import { fixturesDir } from '../support/paths.js';

const fixture = (name: string) => readResultDocument(path.join(fixturesDir, 'results', name));

describe('injectedDelays', () => {
  it.each<[number, number[]]>([
    [20, [1, 2, 6]],
    [200, [10, 20, 60]],
    [40, [2, 4, 12]],
  ])('%d ms server delay: +5 %%, +10 %%, +30 %% are %j ms', (delay, expected) => {
    expect(injectedDelays(delay)).toEqual(expected);
  });

  it('refuses a delay whose +5 % is not a whole millisecond', () => {
    expect(() => injectedDelays(10)).toThrow(
      'a server delay of 10 ms gives 0.5 ms for +5%, but inject-delay takes whole milliseconds; use a multiple of 20 ms',
    );
  });
});

describe('roundRuns', () => {
  it('makes a baseline, an A/A run and one run per injected delay', () => {
    expect(roundRuns(0, 20)).toEqual([
      { kind: 'baseline', injectMs: 0 },
      { kind: 'same', injectMs: 0 },
      { kind: 'inject-1', injectMs: 1 },
      { kind: 'inject-2', injectMs: 2 },
      { kind: 'inject-6', injectMs: 6 },
    ]);
  });

  it('rotates the order so every run takes every position once in five rounds', () => {
    const rounds = [0, 1, 2, 3, 4].map((r) => roundRuns(r, 20).map((run) => run.kind));
    for (let position = 0; position < 5; position++) {
      expect(new Set(rounds.map((kinds) => kinds[position])).size).toBe(5);
    }
    expect(roundRuns(5, 20)).toEqual(roundRuns(0, 20));
  });
});

describe('the tally', () => {
  it('counts verdicts, p50 and p99 failures, and the detectable p99 change', async () => {
    const baseline = await fixture('none-5x5s-baseline.json');
    const reference = fileReference(baseline, 'baseline');
    const rerun = gate(
      await fixture('none-5x5s-rerun.json'),
      reference,
      GATE_OPTIONS,
      WITHIN_RUN_ONLY,
    );
    const injected = gate(
      await fixture('none-5x5s-inject-3ms.json'),
      reference,
      GATE_OPTIONS,
      WITHIN_RUN_ONLY,
    );
    const [same, , , plus30] = emptyRows(20);
    if (!same || !plus30) throw new Error('rows missing');
    addVerdict(same, rerun);
    addVerdict(plus30, injected);
    addVerdict(plus30, injected);

    expect(same.verdicts[rerun.kind]).toBe(1);
    expect(same.p50Fail + same.p99Fail).toBe(0);
    // The saved injected run fails on p50 and p99 (test/unit/compareFixtures.test.ts).
    expect(plus30.verdicts.fail).toBe(2);
    expect(plus30.p50Fail).toBe(2);
    expect(plus30.p99Fail).toBe(2);
    const p99 = injected.comparisons.find((c) => c.metric === 'latency-p99');
    expect(plus30.detectableP99).toEqual([p99?.minDetectableChange, p99?.minDetectableChange]);
  });

  it('renders one row per comparison kind with counts and shares', () => {
    const rows = emptyRows(20);
    const [same] = rows;
    if (!same) throw new Error('rows missing');
    same.verdicts.pass = 3;
    same.verdicts.inconclusive = 1;
    same.detectableP99.push(0.5, 0.25, null, 1);
    const lines = renderTable(rows).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe(
      '| A/A (same settings) | 0 ms | 4 | 3 (75%) | 1 (25%) | 0 (0%) | 0 (0%) | 0 (0%) | 0 (0%) | 50% |',
    );
    expect(lines[5]).toBe(
      '| +30% server delay | 6 ms | 0 | n/a | n/a | n/a | n/a | n/a | n/a | n/a |',
    );
  });

  it('median of odd and even counts, none for an empty list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
