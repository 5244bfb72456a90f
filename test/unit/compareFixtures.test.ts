// The gate on saved real runs (test/fixtures/results/README.md says how each was made), on the
// trials' own spread (no run-to-run term; betweenRunGate.test.ts has these runs with it): a rerun
// with the same settings does not fail; 3 ms of injected server delay fails on p99, with the
// numbers of the hand calculation in the README.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { readResultDocument } from '../../src/cli/reportCommand.js';
import { exitCodeFor, fileReference, gate, WITHIN_RUN_ONLY } from '../../src/compare/gate.js';
import { verdictSchema, type ResultDocument, type Verdict } from '../../src/results/schema.js';
import { GATE_OPTIONS, row, sameRun } from '../support/gateDocuments.js';
import { fixturesDir } from '../support/paths.js';

const fixture = (name: string): Promise<ResultDocument> =>
  readResultDocument(path.join(fixturesDir, 'results', name));

async function verdictOf(baseline: string, current: string): Promise<Verdict> {
  const verdict = gate(
    await fixture(current),
    fileReference(await fixture(baseline), baseline),
    GATE_OPTIONS,
    WITHIN_RUN_ONLY,
  );
  return verdictSchema.parse(verdict);
}

describe('5 trials of 5 s: 3 ms injected on a 10 ms server', () => {
  it('fails with a p99 regression and exit code 1', async () => {
    const verdict = await verdictOf('none-5x5s-baseline.json', 'none-5x5s-inject-3ms.json');
    expect(verdict.kind).toBe('fail');
    expect(verdict.method).toBe('welch');
    expect(exitCodeFor(verdict, 'regression')).toBe(1);
    expect(verdict.comparisons.filter((c) => c.status === 'fail').map((c) => c.metric)).toEqual([
      'latency-p50',
      'latency-p99',
      'latency-p999',
    ]);
    expect(verdict.reasons).toContain(
      'the current run added 3 ms of calibration delay to the server (inject-delay)',
    );
  });

  it('p99 has the hand-calculated Welch numbers (README: "The calibration runs")', async () => {
    const p99 = row(
      await verdictOf('none-5x5s-baseline.json', 'none-5x5s-inject-3ms.json'),
      'latency-p99',
    );
    expect(p99.change).toBeCloseTo(1.5050922253272674, 9);
    expect(p99.pValue).toBeCloseTo(0.004124188264398792, 7);
    // Third smallest p of 8 (after p50 and p99.9, both rejected): 0.05 / 6.
    expect(p99.alpha).toBeCloseTo(0.05 / 6, 15);
    expect(p99.interval.lower).toBeCloseTo(0.1605319757748295, 5);
    expect(p99.interval.upper).toBeCloseTo(2.8955921819532704, 5);
    expect(p99.status).toBe('fail');
  });

  it('the same settings without the delay do not fail', async () => {
    const verdict = await verdictOf('none-5x5s-baseline.json', 'none-5x5s-rerun.json');
    expect(verdict.regressions).toBe(0);
    expect(['pass', 'inconclusive']).toContain(verdict.kind);
    expect(exitCodeFor(verdict, 'regression')).toBe(0);
    expect(row(verdict, 'latency-p50').status).toBe('pass');
  });
});

describe('the busy pair: one baseline trial with a 52 ms p99', () => {
  it('still fails on p50, but will not call p99 and says what it could have detected', async () => {
    const verdict = await verdictOf(
      'none-5x5s-baseline-busy.json',
      'none-5x5s-inject-3ms-busy.json',
    );
    expect(verdict.kind).toBe('fail');
    expect(row(verdict, 'latency-p50').status).toBe('fail');
    const p99 = row(verdict, 'latency-p99');
    expect(p99.status).toBe('inconclusive');
    expect(p99.change).toBeCloseTo(0.142, 3);
    expect(p99.minDetectableChange).toBeGreaterThan(2);
  });
});

describe('3 trials of 3 s', () => {
  it('catch the p50 shift but cannot tell the p99 shift from noise', async () => {
    const verdict = await verdictOf('none-3x3s-baseline.json', 'none-3x3s-inject-3ms.json');
    expect(verdict.kind).toBe('fail');
    expect(row(verdict, 'latency-p50').status).toBe('fail');
    const p99 = row(verdict, 'latency-p99');
    expect(p99.status).toBe('inconclusive');
    expect(p99.reason).toMatch(/add repetitions$/);
  });

  it('are not comparable with 5 s trials: nothing compared, the difference named', async () => {
    const verdict = await verdictOf('none-3x3s-baseline.json', 'none-5x5s-baseline.json');
    expect(verdict).toMatchObject({ kind: 'inconclusive', comparable: false, comparisons: [] });
    expect(verdict.reasons).toContain('durationSeconds: 3 (baseline) vs 5 (current)');
  });
});

it('a run against itself is paired and passes every comparison', async () => {
  const document = await fixture('none-5x5s-rerun.json');
  const verdict = gate(document, sameRun(document), GATE_OPTIONS);
  expect(verdict.method).toBe('paired');
  expect(verdict.kind).toBe('pass');
  expect(new Set(verdict.comparisons.map((c) => c.change))).toEqual(new Set([0]));
});
