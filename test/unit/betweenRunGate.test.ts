// The run-to-run term in verdicts on saved real runs (test/fixtures/run-noise/README.md says how
// they were made): the default measured from them, history taking over from 5 stored runs, an A/A
// pair that plain Welch fails on CPU, the +3 ms regression still failing, and what the verdict
// and the report say about the term.
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { priorFrom } from '../../bench/runNoiseTally.js';
import type { BaselineStore } from '../../src/baseline/store.js';
import { readResultDocument } from '../../src/cli/reportCommand.js';
import { fileReference, gate } from '../../src/compare/gate.js';
import { MEASURED_PRIOR, type RunNoisePrior } from '../../src/compare/runNoisePrior.js';
import { baselineSection } from '../../src/report/detailsSections.js';
import { escapeMarkdown } from '../../src/report/markdownText.js';
import { verdictSchema, type ResultDocument, type Verdict } from '../../src/results/schema.js';
import { gateStage } from '../../src/run/gateStage.js';
import { testConfig } from '../support/documents.js';
import { GATE_OPTIONS, row } from '../support/gateDocuments.js';
import { fixturesDir } from '../support/paths.js';

const NOISE_DIR = path.join(fixturesDir, 'run-noise');

async function series(name: string, prefix = 'aa-'): Promise<ResultDocument[]> {
  const dir = path.join(NOISE_DIR, name);
  const files = (await readdir(dir)).filter((f) => f.startsWith(prefix)).sort();
  return Promise.all(files.map((f) => readResultDocument(path.join(dir, f))));
}

const at = <T>(list: readonly T[], index: number): T => {
  const value = list[index];
  if (value === undefined) throw new Error(`no element ${index}`);
  return value;
};

function verdictOf(
  baseline: ResultDocument,
  current: ResultDocument,
  history: readonly ResultDocument[] | null,
  prior: RunNoisePrior | null = MEASURED_PRIOR,
): Verdict {
  const noise = history === null ? undefined : { history, prior };
  return verdictSchema.parse(
    gate(current, fileReference(baseline, 'base.json'), GATE_OPTIONS, noise),
  );
}

describe('the measured default', () => {
  it('is what the saved A/A runs give (server CPU from the runs with the server warm-up)', async () => {
    const all = [
      ...(await series('no-warmup')),
      ...(await series('one-warmup')),
      ...(await series('two-warmups')),
    ];
    const warmed = await series('two-warmups');
    expect(all).toHaveLength(28);
    const measured = priorFrom((key) =>
      key.metric === 'cpu' && key.component === 'server' ? warmed : all,
    );
    expect(measured).toEqual(MEASURED_PRIOR);
  });
});

describe('an A/A pair that plain Welch fails: two-warmups aa-05 against aa-08', () => {
  // CPU +27 % (client) and +45 % (server) between two runs of the same code, a minute apart.
  const pair = async () => {
    const runs = await series('two-warmups');
    return { runs, baseline: at(runs, 4), current: at(runs, 7) };
  };

  it('without a run-to-run term: fail on both CPU rows', async () => {
    const { baseline, current } = await pair();
    const verdict = verdictOf(baseline, current, [], null);
    expect(verdict.kind).toBe('fail');
    expect(row(verdict, 'cpu', 'client').status).toBe('fail');
    expect(row(verdict, 'cpu', 'server').status).toBe('fail');
    expect(row(verdict, 'cpu', 'server').betweenRun).toEqual({
      source: 'none',
      tau: 0,
      df: null,
      runs: 0,
    });
  });

  it('with the default (no history): inconclusive, the default recorded on each row', async () => {
    const { baseline, current } = await pair();
    const verdict = verdictOf(baseline, current, null);
    expect(verdict.kind).toBe('inconclusive');
    expect(row(verdict, 'cpu', 'server').betweenRun).toEqual({
      source: 'prior',
      ...MEASURED_PRIOR.cpu,
    });
    expect(row(verdict, 'latency-p99').betweenRun?.tau).toBe(0.217);
    expect(row(verdict, 'error-rate').betweenRun?.source).toBe('none');
    expect(row(verdict, 'cpu', 'server').reason).toMatch(
      /mostly for the run-to-run noise, which more repetitions do not reduce$/,
    );
  });

  it('with the 7 other runs as history: the hand-calculated τ, p and df', async () => {
    const { runs, baseline, current } = await pair();
    const history = runs.filter((r) => r !== current);
    const verdict = verdictOf(baseline, current, history);
    expect(verdict.kind).toBe('inconclusive');
    const server = row(verdict, 'cpu', 'server');
    expect(server.betweenRun?.source).toBe('history');
    expect(server.betweenRun?.runs).toBe(7);
    expect(server.betweenRun?.tau).toBeCloseTo(0.09551389191617318, 12);
    expect(server.betweenRun?.df).toBeCloseTo(4.814442987432458, 9);
    expect(row(verdict, 'cpu', 'client').betweenRun?.tau).toBeCloseTo(0.07275019187080904, 12);
    // d 0.368231, SE √(v_b + v_c + 2τ²) 0.136615 on 5.0356 df: t 2.6954, p 0.021354.
    expect(server.change).toBeCloseTo(0.44517579423956866, 12);
    expect(server.pValue).toBeCloseTo(0.02135378011704402, 7);
    expect(verdict.reasons).toContain(
      "run-to-run noise, τ added to each run's mean: estimated from 7 stored runs under this key: p50 0.7%, p99 4.7%, p99.9 4.4%, cpu client 7.3%, cpu server 9.6%, memory client 0.0%, memory server 0.0%; none for error rate",
    );
  });
});

describe('how much history counts', () => {
  it('under 5 usable stored runs the default stays; injected and current runs never count', async () => {
    const runs = await series('one-warmup');
    const injected = await series('one-warmup', 'inject-');
    const current = at(injected, 0);
    const baseline = at(runs, 0);
    const fewer = [...runs.slice(0, 4), ...injected, current];
    expect(row(verdictOf(baseline, current, fewer), 'cpu', 'client').betweenRun?.source).toBe(
      'prior',
    );
    const enough = [...runs.slice(0, 5), ...injected];
    const client = row(verdictOf(baseline, current, enough), 'cpu', 'client').betweenRun;
    expect(client).toMatchObject({ source: 'history', runs: 5 });
  });

  it('stored runs under another comparability key do not count', async () => {
    const other = await Promise.all(
      ['none-5x5s-baseline.json', 'none-5x5s-rerun.json', 'none-3x3s-baseline.json'].map((f) =>
        readResultDocument(path.join(fixturesDir, 'results', f)),
      ),
    );
    const runs = await series('two-warmups');
    const verdict = verdictOf(at(runs, 0), at(runs, 1), [...runs.slice(2, 6), ...other]);
    expect(row(verdict, 'latency-p50').betweenRun?.source).toBe('prior');
  });

  it('only the 10 newest stored runs count', async () => {
    const runs = [...(await series('no-warmup')), ...(await series('one-warmup'))];
    const injected = await series('one-warmup', 'inject-');
    const verdict = verdictOf(at(runs, 0), at(injected, 0), runs);
    expect(row(verdict, 'latency-p99').betweenRun?.runs).toBe(10);
  });
});

describe('the +3 ms regression with the term (one-warmup series)', () => {
  it('still fails on p50, with history and with the default', async () => {
    const runs = await series('one-warmup');
    const injected = await series('one-warmup', 'inject-');
    for (const current of injected) {
      for (const history of [runs, null]) {
        const verdict = verdictOf(at(runs, 9), current, history);
        expect(verdict.kind).toBe('fail');
        expect(row(verdict, 'latency-p50').status).toBe('fail');
      }
    }
  });
});

describe('the saved calibration runs of test/fixtures/results (no history under their key)', () => {
  const fixture = (name: string) => readResultDocument(path.join(fixturesDir, 'results', name));

  it('3 ms injected: still a p50 regression; p99 is now within the run-to-run noise', async () => {
    const verdict = verdictOf(
      await fixture('none-5x5s-baseline.json'),
      await fixture('none-5x5s-inject-3ms.json'),
      null,
    );
    expect(verdict.kind).toBe('fail');
    expect(row(verdict, 'latency-p50').status).toBe('fail');
    expect(row(verdict, 'latency-p99').status).toBe('inconclusive');
    expect(row(verdict, 'latency-p99').betweenRun?.source).toBe('prior');
  });

  it('a paired comparison (the run against itself) has no run-to-run term', async () => {
    const document = await fixture('none-5x5s-rerun.json');
    const verdict = gate(
      document,
      {
        ...fileReference(document, 'same.json'),
        ref: { ...fileReference(document, 'same.json').ref, source: 'same-run' },
      },
      GATE_OPTIONS,
    );
    expect(verdict.method).toBe('paired');
    expect(verdict.comparisons.every((c) => c.betweenRun === undefined)).toBe(true);
    expect(verdict.reasons.some((r) => r.startsWith('run-to-run noise'))).toBe(false);
  });
});

describe('where the term is read and shown', () => {
  /** A data branch stand-in: finds the newest stored run and serves the history. */
  class HistoryStore implements BaselineStore {
    readonly kind = 'git-branch';
    readonly description = 'the data branch mesh-perf-data';
    constructor(private readonly stored: ResultDocument[]) {}
    find() {
      const newest = at(this.stored, this.stored.length - 1);
      return Promise.resolve({
        reference: fileReference(newest, 'mesh-perf-data:newest'),
        reason: 'the newest stored run',
      });
    }
    save() {
      return Promise.reject(new Error('not asked to save'));
    }
    history(_key: string, limit: number) {
      return Promise.resolve(this.stored.slice(-limit));
    }
  }

  it('gateStage reads the stored history before judging, and the verdict uses it', async () => {
    const runs = await series('two-warmups');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'run-noise-test-'));
    try {
      const out = path.join(dir, 'result.json');
      const judged = await gateStage(
        at(runs, 7),
        out,
        { ...testConfig, out, saveBaseline: false },
        { store: new HistoryStore(runs.slice(0, 7)), context: { kind: 'local' }, log: () => {} },
      );
      expect(judged.history).toHaveLength(7);
      expect(row(judged.document.verdict, 'cpu', 'server').betweenRun).toMatchObject({
        source: 'history',
        runs: 7,
      });
      expect(judged.document.verdict.kind).toBe('inconclusive');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the report details say it in one line', async () => {
    const runs = await series('two-warmups');
    const verdict = verdictOf(at(runs, 4), at(runs, 7), runs.slice(0, 7));
    const section = baselineSection(verdict);
    const lines = section?.markdown.split('\n').filter((l) => l.includes('run-to-run')) ?? [];
    expect(lines).toEqual([
      `- **run-to-run noise (τ per run)**: ${escapeMarkdown('estimated from 7 stored runs under this key: p50 0.7%, p99 4.7%, p99.9 4.4%, cpu client 7.3%, cpu server 9.6%, memory client 0.0%, memory server 0.0%; none for error rate')}`,
    ]);
  });
});
