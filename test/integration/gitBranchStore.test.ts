// The git-branch store against a real bare repository as the remote, driven the way the action
// runs it: Actions variables, an event payload, and a shallow checkout (fetch-depth 1) as the
// working directory that must never be touched.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createBaselineStore,
  findReference,
  saveBaseline,
} from '../../src/baseline/baselineStage.js';
import { loadRunContext, type RunContext } from '../../src/baseline/runContext.js';
import type { BaselineStore } from '../../src/baseline/store.js';
import { InfraError } from '../../src/errors.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { comparabilityKey } from '../../src/results/comparabilityKey.js';
import {
  actionsEnv,
  commitAt,
  documentFor,
  eventFile,
  git,
  makeRemote,
  makeWorkClone,
  shallowCheckout,
  type TestRemote,
} from '../support/gitRepos.js';

let remote: TestRemote;
let work: string;
const cleanups: Cleanup[] = [];

beforeEach(async () => {
  remote = await makeRemote();
  work = await makeWorkClone(remote);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup.runAll();
  await remote.remove();
});

const KEY = comparabilityKey(documentFor('0'.repeat(40)));

async function pushContext(sha: string, ref = 'refs/heads/main'): Promise<NodeJS.ProcessEnv> {
  const file = await eventFile(remote, `push-${sha}`, 'push-main', (p) => {
    p.ref = ref;
    p.after = sha;
  });
  return actionsEnv(remote, {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: ref,
    GITHUB_SHA: sha,
    GITHUB_EVENT_PATH: file,
  });
}

function storeFor(
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: { keep?: number; logs?: string[] } = {},
): { store: BaselineStore; cleanup: Cleanup } {
  const cleanup = new Cleanup();
  cleanups.push(cleanup);
  const store = createBaselineStore(
    {
      baseline: { store: 'git-branch' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: options.keep ?? 50,
      saveBaseline: 'auto',
    },
    {
      runner: execFileRunner,
      cleanup,
      log: (line) => options.logs?.push(line),
      env,
      cwd,
      backoff: { baseMs: 20, capMs: 200 },
    },
  );
  return { store, cleanup };
}

const onBranch = (args: string[]): Promise<string> => git(remote.bare, args);

/** Stores `commit` as a push to main would. */
async function storeRun(commit: string, extra: Parameters<typeof documentFor>[1] = {}) {
  const env = await pushContext(commit);
  const { store } = storeFor(env, work);
  return saveBaseline(store, documentFor(commit, extra), {
    setting: true,
    context: await loadRunContext(env),
  });
}

describe('git-branch store: first run, second run', () => {
  it('stores a baseline on the first push and compares the next push with it', async () => {
    const c1 = await commitAt(work, '2026-05-01T10:00:00Z');
    await git(work, ['push', '--quiet', 'origin', 'main']);
    const checkout1 = await shallowCheckout(remote, 'main', 'checkout-1');
    const before = await git(checkout1, ['for-each-ref']);

    // First run: nothing stored yet; a push to the default branch stores it.
    const env1 = await pushContext(c1);
    const context1: RunContext = await loadRunContext(env1);
    const { store, cleanup } = storeFor(env1, checkout1);
    const first = documentFor(c1, { runId: 'first' });
    expect(await findReference(store, first, context1)).toEqual({
      reference: null,
      reason: 'the data branch mesh-perf-data does not exist yet (nothing stored)',
    });
    const saved = await saveBaseline(store, first, { setting: 'auto', context: context1 });
    expect(saved).toEqual({
      status: 'saved',
      reason: `stored as mesh-perf-data:${KEY}/${c1}.json`,
      location: `mesh-perf-data:${KEY}/${c1}.json`,
      attempts: 1,
      pruned: 0,
    });

    // The private repository lives in a mesh-perf-* temp dir that the cleanup (and the post
    // step, through the leftover) removes.
    const [leftover] = cleanup.leftovers();
    expect(leftover?.kind).toBe('dir');
    const dir = leftover?.kind === 'dir' ? leftover.path : '';
    expect(path.dirname(dir)).toBe(os.tmpdir());
    expect(path.basename(dir)).toMatch(/^mesh-perf-baseline-/);
    await cleanup.runAll();
    expect(existsSync(dir)).toBe(false);

    // An orphan branch: one root commit, README, index and the document under key/commit.
    expect(await onBranch(['rev-list', '--count', 'mesh-perf-data'])).toBe('1');
    expect(
      (await onBranch(['ls-tree', '-r', '--name-only', 'mesh-perf-data'])).split('\n'),
    ).toEqual(['README.md', `${KEY}/${c1}.json`, 'index.json']);
    const stored = JSON.parse(
      await onBranch(['show', `mesh-perf-data:${KEY}/${c1}.json`]),
    ) as unknown;
    expect(stored).toEqual(first);
    const index = JSON.parse(await onBranch(['show', 'mesh-perf-data:index.json'])) as {
      entries: unknown[];
    };
    expect(index.entries).toEqual([
      {
        key: KEY,
        commit: c1,
        ref: 'refs/heads/main',
        runId: 'first',
        startedAt: first.run.startedAt,
        // Read from the shallow checkout: it has the one commit it checked out.
        commitDate: '2026-05-01T10:00:00.000Z',
        configHash: first.run.configHash,
        file: `${KEY}/${c1}.json`,
      },
    ]);
    expect(await onBranch(['log', '-1', '--format=%an <%ae>|%s', 'mesh-perf-data'])).toBe(
      `github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|mesh-perf: store ${c1.slice(0, 12)} under ${KEY}`,
    );

    // Second run, same settings, next commit: finds the first and is compared with it.
    const c2 = await commitAt(work, '2026-05-02T10:00:00Z');
    await git(work, ['push', '--quiet', 'origin', 'main']);
    const checkout2 = await shallowCheckout(remote, 'main', 'checkout-2');
    const env2 = await pushContext(c2);
    const context2 = await loadRunContext(env2);
    const second = documentFor(c2, { runId: 'second' });
    const found = await findReference(storeFor(env2, checkout2).store, second, context2);
    expect(found.reference?.document).toEqual(first);
    expect(found.reference?.ref).toEqual({
      source: 'git-branch',
      runId: 'first',
      commit: c1,
      ref: 'refs/heads/main',
      startedAt: first.run.startedAt,
      configHash: first.run.configHash,
      location: `mesh-perf-data:${KEY}/${c1}.json`,
    });
    expect(found.reason).toBe(
      `the newest stored run of refs/heads/main before ${c2.slice(0, 12)}: commit ${c1.slice(0, 12)}, run first`,
    );
    expect(
      (
        await saveBaseline(storeFor(env2, checkout2).store, second, {
          setting: 'auto',
          context: context2,
        })
      ).status,
    ).toBe('saved');

    // A re-run of the same push: compared with the previous commit again, and not stored twice.
    const rerun = documentFor(c2, { runId: 'second-rerun' });
    const { store: rerunStore } = storeFor(env2, checkout2);
    expect((await findReference(rerunStore, rerun, context2)).reference?.ref.runId).toBe('first');
    const again = await saveBaseline(rerunStore, rerun, { setting: 'auto', context: context2 });
    expect(again.status).toBe('already-stored');
    expect(again.reason).toContain('(run second); saving is idempotent per commit');
    expect(await onBranch(['rev-list', '--count', 'mesh-perf-data'])).toBe('2');

    // The user's checkout is exactly as actions/checkout left it.
    expect(await git(checkout1, ['status', '--porcelain'])).toBe('');
    expect(await git(checkout1, ['for-each-ref'])).toBe(before);
    expect(await git(checkout1, ['rev-parse', '--is-shallow-repository'])).toBe('true');
  });
});

describe('git-branch store: when it does not store or find', () => {
  it('does not store a push to another branch and says why', async () => {
    const c1 = await commitAt(work, '2026-05-01T10:00:00Z');
    await git(work, ['push', '--quiet', 'origin', 'main:feature/x']);
    const env = await pushContext(c1, 'refs/heads/feature/x');
    const context = await loadRunContext(env);
    const { store } = storeFor(env, work);
    expect(await saveBaseline(store, documentFor(c1), { setting: 'auto', context })).toEqual({
      status: 'skipped',
      reason:
        'not stored: save-baseline is auto and refs/heads/feature/x is not the default branch refs/heads/main',
      location: null,
      attempts: 0,
      pruned: 0,
    });
    await storeRun(await commitAt(work, '2026-05-02T10:00:00Z'));
    expect((await findReference(store, documentFor(c1), context)).reason).toBe(
      'no stored run of refs/heads/feature/x (1 stored from other refs)',
    );
  });

  it('never stores a run with faults, even when asked', async () => {
    const c1 = await commitAt(work, '2026-05-01T10:00:00Z');
    const env = await pushContext(c1);
    const doc = documentFor(c1);
    doc.run.faults = ['server process exited'];
    const outcome = await saveBaseline(storeFor(env, work).store, doc, {
      setting: true,
      context: await loadRunContext(env),
    });
    expect(outcome.reason).toBe('not stored: the run had 1 infrastructure fault(s)');
    expect(await git(remote.bare, ['branch', '--list', 'mesh-perf-data'])).toBe('');
  });
});

describe('git-branch store: pruning and history', () => {
  it('keeps the newest N per key, pruning file and index entry in the same commit', async () => {
    const commits: string[] = [];
    for (let day = 1; day <= 3; day++) {
      commits.push(await commitAt(work, `2026-05-0${day}T10:00:00Z`));
    }
    const [c1, c2, c3] = commits as [string, string, string];
    await git(work, ['push', '--quiet', 'origin', 'main']);
    const env = await pushContext(c3);
    const context = await loadRunContext(env);
    for (const c of commits) {
      const outcome = await saveBaseline(storeFor(env, work, { keep: 2 }).store, documentFor(c), {
        setting: true,
        context,
      });
      expect(outcome.pruned).toBe(c === c3 ? 1 : 0);
    }
    const changed = await onBranch([
      'show',
      '--name-status',
      '--no-renames',
      '--format=',
      'mesh-perf-data',
    ]);
    expect(changed.split('\n').sort()).toEqual(
      [`A\t${KEY}/${c3}.json`, `D\t${KEY}/${c1}.json`, 'M\tindex.json'].sort(),
    );
    const index = JSON.parse(await onBranch(['show', 'mesh-perf-data:index.json'])) as {
      entries: { commit: string }[];
    };
    expect(index.entries.map((e) => e.commit)).toEqual([c2, c3]);
    expect(await onBranch(['log', '-1', '--format=%s', 'mesh-perf-data'])).toBe(
      `mesh-perf: store ${c3.slice(0, 12)} under ${KEY}, prune 1 older`,
    );

    // history(): the stored documents of a key, oldest first.
    const { store } = storeFor(env, work);
    expect((await store.history(KEY, 10)).map((d) => d.run.commit)).toEqual([c2, c3]);
    expect((await store.history(KEY, 1)).map((d) => d.run.commit)).toEqual([c3]);
    expect(await store.history('ffffffffffffffff', 10)).toEqual([]);
  });
});

describe('git-branch store: refusals', () => {
  it('leaves an index it does not understand untouched', async () => {
    const c1 = await commitAt(work, '2026-05-01T10:00:00Z');
    await storeRun(c1);
    // Someone hand-edits index.json into something else.
    const scratch = await makeWorkClone(remote, 'scratch');
    await git(scratch, ['fetch', '--quiet', 'origin', 'mesh-perf-data']);
    await git(scratch, ['checkout', '--quiet', '-B', 'data', 'FETCH_HEAD']);
    await writeFile(path.join(scratch, 'index.json'), '{"schema":"something-else"}\n');
    await git(scratch, ['commit', '--quiet', '-am', 'hand edit']);
    await git(scratch, ['push', '--quiet', 'origin', 'data:mesh-perf-data']);
    const tip = await onBranch(['rev-parse', 'mesh-perf-data']);

    const c2 = await commitAt(work, '2026-05-02T10:00:00Z');
    const attempt = storeRun(c2);
    await expect(attempt).rejects.toThrow(InfraError);
    await expect(storeRun(c2)).rejects.toThrow(
      'index.json on mesh-perf-data is not a mesh-perf-index/v1 index',
    );
    expect(await onBranch(['rev-parse', 'mesh-perf-data'])).toBe(tip);
  });

  it('stops at once when the remote refuses the push for good (a protected branch)', async () => {
    const hook = path.join(remote.bare, 'hooks', 'pre-receive');
    // The text GitHub sends for a protected branch, from a hook, so git reports it as it would.
    await writeFile(
      hook,
      '#!/bin/sh\necho "error: GH006: Protected branch update failed for refs/heads/mesh-perf-data." >&2\nexit 1\n',
    );
    await chmod(hook, 0o755);
    const c1 = await commitAt(work, '2026-05-01T10:00:00Z');
    const logs: string[] = [];
    const env = await pushContext(c1);
    const { store } = storeFor(env, work, { logs });
    const saving = saveBaseline(store, documentFor(c1), {
      setting: true,
      context: await loadRunContext(env),
    });
    await expect(saving).rejects.toThrow(
      /pushing to mesh-perf-data was refused \(the saving job needs permissions: contents: write.*GH006/s,
    );
    expect(logs.filter((l) => l.includes('retrying'))).toEqual([]);
    expect(await readFile(hook, 'utf8')).toContain('GH006');
  });
});
