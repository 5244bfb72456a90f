// The judging half of a run on saved real runs (test/fixtures/results/): the reference found by the
// store, the verdict written onto the result file, saving only when asked, and store faults turned
// into infra-error (exit 3) while the document still says what was measured and compared.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunContext } from '../../src/baseline/runContext.js';
import { FileStore } from '../../src/baseline/fileStore.js';
import { NoStore, type BaselineStore } from '../../src/baseline/store.js';
import { readResultDocument } from '../../src/cli/reportCommand.js';
import { exitCodeFor, fileReference, gate } from '../../src/compare/gate.js';
import { gateOptionsFromConfig } from '../../src/compare/gateOptions.js';
import type { Config } from '../../src/config/types.js';
import { ConfigError, InfraError } from '../../src/errors.js';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { gateStage, type GateStageDeps } from '../../src/run/gateStage.js';
import { testConfig } from '../support/documents.js';
import { fixturesDir } from '../support/paths.js';

const fixture = (name: string): Promise<ResultDocument> =>
  readResultDocument(path.join(fixturesDir, 'results', name));

const LOCAL: RunContext = { kind: 'local' };
let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gate-stage-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Harness {
  config: Config;
  resultPath: string;
  lines: string[];
  deps: (store: BaselineStore, signal?: AbortSignal) => GateStageDeps;
  onDisk: () => Promise<ResultDocument>;
}

function harness(over: Partial<Config> = {}): Harness {
  counter += 1;
  const resultPath = path.join(dir, `result-${counter}.json`);
  const lines: string[] = [];
  return {
    config: { ...testConfig, out: resultPath, saveBaseline: false, ...over },
    resultPath,
    lines,
    deps: (store, signal) => ({
      store,
      context: LOCAL,
      log: (line) => lines.push(line),
      ...(signal ? { signal } : {}),
    }),
    onDisk: async () =>
      resultDocumentSchema.parse(JSON.parse(await readFile(resultPath, 'utf8')) as unknown),
  };
}

/** A store whose every call fails the way a broken remote does; `calls` counts what was tried. */
class BrokenStore implements BaselineStore {
  readonly kind = 'git-branch';
  readonly description = 'the data branch mesh-perf-data';
  readonly calls: string[] = [];
  constructor(private readonly failing: 'find' | 'save' | 'history' | 'config') {}
  find(document: ResultDocument) {
    this.calls.push('find');
    if (this.failing === 'config') return Promise.reject(new ConfigError('baseline: bad file'));
    if (this.failing === 'find') {
      return Promise.reject(new InfraError('git fetch exited with code 128: repository not found'));
    }
    return fixture('none-5x5s-baseline.json').then((base) => ({
      reference: fileReference(base, 'stored'),
      reason: `stored run for ${document.run.id}`,
    }));
  }
  save() {
    this.calls.push('save');
    return Promise.reject(new InfraError('pushing to mesh-perf-data was refused'));
  }
  history() {
    this.calls.push('history');
    return this.failing === 'history'
      ? Promise.reject(new Error('fetch failed'))
      : Promise.resolve([]);
  }
}

describe('gateStage', () => {
  it('no reference: no-baseline, with the store`s reason, written onto the result file', async () => {
    const h = harness();
    const measured = await fixture('none-5x5s-rerun.json');
    const judged = await gateStage(measured, h.resultPath, h.config, h.deps(new NoStore('off')));
    expect(judged.document.verdict.kind).toBe('no-baseline');
    expect(judged.document.verdict.reasons).toContain('no reference: no baseline store: off');
    expect(judged.save.status).toBe('skipped');
    expect(await h.onDisk()).toEqual(judged.document);
    expect(h.lines).toContain('baseline: no reference: no baseline store: off');
  });

  it('the same verdict as `mesh-perf compare` on the two files: 3 ms injected fails', async () => {
    const h = harness();
    const baselineFile = path.join(fixturesDir, 'results', 'none-5x5s-baseline.json');
    const store = new FileStore(baselineFile, 'none-5x5s-baseline.json');
    const current = await fixture('none-5x5s-inject-3ms.json');
    const judged = await gateStage(current, h.resultPath, h.config, h.deps(store));
    const direct = gate(
      current,
      fileReference(await readResultDocument(baselineFile), baselineFile),
      gateOptionsFromConfig(h.config),
    );
    expect(judged.document.verdict.kind).toBe('fail');
    expect(judged.document.verdict.comparisons).toEqual(direct.comparisons);
    expect(exitCodeFor(judged.document.verdict, 'regression')).toBe(1);
    expect(judged.reference?.document.run.id).toBe(direct.baseline?.runId);
    expect((await h.onDisk()).verdict?.kind).toBe('fail');
  });

  it('saves only when asked, and says where in the verdict', async () => {
    const h = harness({ saveBaseline: true });
    const file = path.join(dir, 'stored-baseline.json');
    const store = new FileStore(file, 'stored-baseline.json');
    const judged = await gateStage(
      await fixture('none-5x5s-baseline.json'),
      h.resultPath,
      h.config,
      h.deps(store),
    );
    expect(judged.save).toMatchObject({ status: 'saved', location: 'stored-baseline.json' });
    expect(judged.document.verdict.reasons.at(-1)).toBe(
      'baseline: written to stored-baseline.json',
    );
    expect((await readResultDocument(file)).run.id).toBe(judged.document.run.id);
    expect((await h.onDisk()).verdict?.reasons.at(-1)).toBe(
      'baseline: written to stored-baseline.json',
    );
  });

  it('a store that cannot be read: infra-error (exit 3), nothing compared, nothing saved', async () => {
    const h = harness({ saveBaseline: true });
    const store = new BrokenStore('find');
    const judged = await gateStage(
      await fixture('none-5x5s-rerun.json'),
      h.resultPath,
      h.config,
      h.deps(store),
    );
    const { verdict } = judged.document;
    expect(verdict.kind).toBe('infra-error');
    expect(exitCodeFor(verdict, 'regression')).toBe(3);
    expect(judged.document.run.faults).toEqual([
      'baseline: could not read stored runs from the data branch mesh-perf-data: git fetch exited with code 128: repository not found',
    ]);
    expect(verdict.reasons.at(-1)).toBe(
      'no reference: the baseline store could not be read (an infrastructure fault, above)',
    );
    expect(store.calls).toEqual(['find', 'history']);
    expect(judged.save.reason).toMatch(/^not stored: its verdict is infra-error/);
    expect((await h.onDisk()).run.faults).toHaveLength(1);
  });

  it('a failed save: infra-error (exit 3), but the comparisons stand and are written', async () => {
    const h = harness({ saveBaseline: true });
    const store = new BrokenStore('save');
    const judged = await gateStage(
      await fixture('none-5x5s-rerun.json'),
      h.resultPath,
      h.config,
      h.deps(store),
    );
    const { verdict } = judged.document;
    expect(verdict.kind).toBe('infra-error');
    expect(exitCodeFor(verdict, 'regression')).toBe(3);
    expect(verdict.comparisons.length).toBeGreaterThan(0);
    expect(verdict.reasons[0]).toBe(
      'infrastructure fault in the current run: baseline: could not store the run on the data branch mesh-perf-data: pushing to mesh-perf-data was refused',
    );
    // The history is read before the run is stored: the run is no part of its own noise estimate.
    expect(store.calls).toEqual(['find', 'history', 'save']);
    expect(await h.onDisk()).toEqual(judged.document);
  });

  it('an interrupted run reads nothing from the store', async () => {
    const h = harness();
    const store = new BrokenStore('find');
    const controller = new AbortController();
    controller.abort();
    const measured = await fixture('none-5x5s-rerun.json');
    measured.run.faults.push('interrupted before trial 3 of 5');
    const judged = await gateStage(
      measured,
      h.resultPath,
      h.config,
      h.deps(store, controller.signal),
    );
    expect(store.calls).toEqual([]);
    expect(judged.document.verdict.kind).toBe('infra-error');
    expect(judged.document.verdict.reasons).toContain('no reference: the run was interrupted');
  });

  it('a history that cannot be read: the gate uses its default run-to-run noise, no trend', async () => {
    const h = harness();
    const judged = await gateStage(
      await fixture('none-5x5s-rerun.json'),
      h.resultPath,
      h.config,
      h.deps(new BrokenStore('history')),
    );
    expect(judged.history).toEqual([]);
    expect(judged.document.run.faults).toEqual([]);
    expect(judged.document.verdict.kind).not.toBe('infra-error');
    expect(h.lines).toContain(
      'baseline: could not read the stored history under this key: fetch failed',
    );
    const sources = judged.document.verdict.comparisons.map((c) => c.betweenRun?.source);
    expect(new Set(sources)).toEqual(new Set(['prior', 'none']));
    expect(judged.document.verdict.reasons).toContain(
      'run-to-run noise: the stored history could not be read (fetch failed), so the measured default was used',
    );
  });

  it('a baseline file that is not a result document stays an input error', async () => {
    const h = harness();
    await expect(
      gateStage(
        await fixture('none-5x5s-rerun.json'),
        h.resultPath,
        h.config,
        h.deps(new BrokenStore('config')),
      ),
    ).rejects.toThrow(ConfigError);
  });
});
