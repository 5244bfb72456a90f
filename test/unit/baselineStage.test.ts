// The store factory (auto resolved with the environment), the file store, and the save decision
// in front of every store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createBaselineStore,
  describeBaseline,
  findReference,
  resolveBaseline,
  saveBaseline,
  type BaselineConfig,
} from '../../src/baseline/baselineStage.js';
import type { RunContext } from '../../src/baseline/runContext.js';
import { ConfigError } from '../../src/errors.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import type { ProcessRunner } from '../../src/process/processRunner.js';
import { comparabilityKey } from '../../src/results/comparabilityKey.js';
import { sampleDocument } from '../support/documents.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baseline-stage-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The none and file stores never run a command: a runner that fails proves it.
const noCommands: ProcessRunner = {
  run: () => Promise.reject(new Error('no command expected')),
};
const deps = (env: NodeJS.ProcessEnv = {}) => ({
  runner: noCommands,
  cleanup: new Cleanup(),
  log: () => undefined,
  env,
  cwd: dir,
});
const config = (over: Partial<BaselineConfig>): BaselineConfig => ({
  baseline: { store: 'auto' },
  baselineBranch: 'mesh-perf-data',
  baselineKeep: 50,
  saveBaseline: 'auto',
  ...over,
});
const pushToMain: RunContext = {
  kind: 'push',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  defaultBranch: 'main',
  deleted: false,
};

describe('resolveBaseline and createBaselineStore', () => {
  it('auto is git-branch in Actions and none elsewhere', () => {
    expect(resolveBaseline({ store: 'auto' }, { GITHUB_ACTIONS: 'true' })).toEqual({
      store: 'git-branch',
    });
    expect(resolveBaseline({ store: 'auto' }, {})).toEqual({
      store: 'none',
      why: 'baseline is auto, which means none outside GitHub Actions',
    });
    expect(createBaselineStore(config({}), deps()).kind).toBe('none');
    expect(createBaselineStore(config({}), deps({ GITHUB_ACTIONS: 'true' })).kind).toBe(
      'git-branch',
    );
    expect(
      createBaselineStore(config({ baseline: { store: 'file', path: 'b.json' } }), deps()).kind,
    ).toBe('file');
  });

  it('refuses save-baseline true when auto means none here', () => {
    expect(() => createBaselineStore(config({ saveBaseline: true }), deps())).toThrow(ConfigError);
    expect(() => createBaselineStore(config({ saveBaseline: true }), deps())).toThrow(
      'save-baseline: true has nowhere to store the run: baseline is auto, which means none outside GitHub Actions; allowed: baseline git-branch or a file path with save-baseline true',
    );
  });

  it('with no store: no reference, nothing saved, both say why', async () => {
    const store = createBaselineStore(config({ baseline: { store: 'none' } }), deps());
    expect(await findReference(store, sampleDocument(), pushToMain)).toEqual({
      reference: null,
      reason: 'no baseline store: baseline is none',
    });
    expect(
      (await saveBaseline(store, sampleDocument(), { setting: 'auto', context: pushToMain }))
        .reason,
    ).toBe('no baseline store: baseline is none');
    expect(await store.history('x', 5)).toEqual([]);
  });

  it('describes itself for a dry run', () => {
    expect(describeBaseline(config({}), {})).toEqual([
      'baseline: none (baseline is auto, which means none outside GitHub Actions); nothing is read or stored',
    ]);
    expect(describeBaseline(config({}), { GITHUB_ACTIONS: 'true' })).toEqual([
      'baseline: read stored runs from branch mesh-perf-data (in a private temp repository, never the checkout); store this run there only on a push to the default branch, keeping 50 per comparability key',
    ]);
    expect(
      describeBaseline(
        config({ baseline: { store: 'file', path: 'base.json' }, saveBaseline: true }),
        {},
      ),
    ).toEqual(['baseline: read base.json; store this run there always (save-baseline true)']);
  });
});

describe('file store', () => {
  it('first run: no file yet, saved when asked; second run: found, with its ref', async () => {
    const file = path.join(dir, 'nested', 'base.json');
    const store = createBaselineStore(
      config({ baseline: { store: 'file', path: 'nested/base.json' }, saveBaseline: true }),
      deps(),
    );
    const first = sampleDocument();
    expect(await findReference(store, first, { kind: 'local' })).toEqual({
      reference: null,
      reason: 'the baseline file nested/base.json does not exist yet',
    });
    expect(await saveBaseline(store, first, { setting: true, context: { kind: 'local' } })).toEqual(
      {
        status: 'saved',
        reason: 'written to nested/base.json',
        location: 'nested/base.json',
        attempts: 0,
        pruned: 0,
      },
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);

    const second = { ...sampleDocument(), run: { ...sampleDocument().run, id: 'run-2' } };
    const found = await findReference(store, second, { kind: 'local' });
    expect(found.reference?.document).toEqual(first);
    expect(found.reference?.ref).toEqual({
      source: 'file',
      runId: 'run-1',
      commit: 'abc123',
      ref: 'refs/heads/main',
      startedAt: first.run.startedAt,
      configHash: first.run.configHash,
      location: 'nested/base.json',
    });
    // The same run read back (baseline and out are one file) is no reference.
    expect((await findReference(store, first, { kind: 'local' })).reason).toBe(
      'the baseline file nested/base.json holds this very run (is it also the result path?)',
    );
    expect(await store.history(comparabilityKey(first), 5)).toEqual([first]);
    expect(await store.history('0000000000000000', 5)).toEqual([]);
  });

  it('rejects a file that is not a result document, naming it (exit 2)', async () => {
    await writeFile(path.join(dir, 'bad.json'), '{"schema":"mesh-perf/v0"}');
    const store = createBaselineStore(
      config({ baseline: { store: 'file', path: 'bad.json' } }),
      deps(),
    );
    const finding = findReference(store, sampleDocument(), { kind: 'local' });
    await expect(finding).rejects.toThrow(ConfigError);
    await expect(findReference(store, sampleDocument(), { kind: 'local' })).rejects.toThrow(
      'baseline: "bad.json" is not a mesh-perf/v1 result document (schema: Invalid input: expected "mesh-perf/v1"); allowed: a result document written by mesh-perf',
    );
  });
});

describe('saveBaseline decides before any store is touched', () => {
  it.each<[string, boolean | 'auto', RunContext, string]>([
    [
      'auto on a pull request',
      'auto',
      { kind: 'local' },
      'not stored: save-baseline is auto and this run is not a push to the default branch',
    ],
    ['false on a push to main', false, pushToMain, 'not stored: save-baseline is false'],
  ])('%s', async (_what, setting, context, reason) => {
    const store = createBaselineStore(
      config({ baseline: { store: 'file', path: 'never-written.json' } }),
      deps(),
    );
    expect(await saveBaseline(store, sampleDocument(), { setting, context })).toMatchObject({
      status: 'skipped',
      reason,
    });
  });

  it('never stores a run with a scenario without valid trials', async () => {
    const store = createBaselineStore(
      config({ baseline: { store: 'file', path: 'never-written.json' } }),
      deps(),
    );
    const doc = sampleDocument();
    const none = doc.scenarios[0];
    if (none) none.summary.validTrials = 0;
    expect((await saveBaseline(store, doc, { setting: true, context: pushToMain })).reason).toBe(
      'not stored: scenario none has no valid trial',
    );
    await expect(readFile(path.join(dir, 'never-written.json'))).rejects.toThrow('ENOENT');
  });
});
