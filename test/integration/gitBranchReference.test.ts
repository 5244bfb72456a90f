// Which stored run a pull request and a local run are compared with, with real history: the
// merge-base is found from a shallow checkout by fetching commits only, and a local run walks the
// user's own clone read-only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createBaselineStore, saveBaseline } from '../../src/baseline/baselineStage.js';
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
const cleanup = new Cleanup();
const short = (sha: string): string => sha.slice(0, 12);

// main:    m1 - m2 - m3 - m4
//                \
// feature:        f1 - f2        (the pull request; merge-base m2)
const c: Record<string, string> = {};

function storeWith(env: NodeJS.ProcessEnv, cwd: string): BaselineStore {
  return createBaselineStore(
    {
      baseline: { store: 'git-branch' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: 50,
      saveBaseline: true,
    },
    { runner: execFileRunner, cleanup, log: () => undefined, env, cwd },
  );
}

async function store(commit: string, options: Parameters<typeof documentFor>[1] = {}) {
  const env = actionsEnv(remote, { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: commit });
  const outcome = await saveBaseline(storeWith(env, work), documentFor(commit, options), {
    setting: true,
    context: { kind: 'local' },
  });
  expect(outcome.status).toBe('saved');
}

async function pullRequest(): Promise<{ env: NodeJS.ProcessEnv; context: RunContext }> {
  const file = await eventFile(remote, 'pr', 'pull_request-synchronize', (p) => {
    const pr = p.pull_request as { base: { sha: string }; head: { sha: string } };
    pr.base.sha = c.m4 ?? '';
    pr.head.sha = c.f2 ?? '';
  });
  const env = actionsEnv(remote, {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: file,
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: c.f2 ?? '',
    GITHUB_BASE_REF: 'main',
  });
  return { env, context: await loadRunContext(env) };
}

beforeAll(async () => {
  remote = await makeRemote();
  work = await makeWorkClone(remote);
  c.m1 = await commitAt(work, '2026-06-01T10:00:00Z');
  c.m2 = await commitAt(work, '2026-06-02T10:00:00Z');
  await git(work, ['checkout', '--quiet', '-b', 'feature']);
  c.f1 = await commitAt(work, '2026-06-03T10:00:00Z');
  c.f2 = await commitAt(work, '2026-06-05T10:00:00Z');
  await git(work, ['checkout', '--quiet', 'main']);
  c.m3 = await commitAt(work, '2026-06-04T10:00:00Z');
  c.m4 = await commitAt(work, '2026-06-06T10:00:00Z');
  await git(work, ['push', '--quiet', 'origin', 'main', 'feature']);
  await store(c.m1, { runId: 'm1' });
  await store(c.m3, { runId: 'm3' });
});

afterAll(async () => {
  await cleanup.runAll();
  await remote.remove();
});

describe('pull request', () => {
  it('takes the newest base-branch run at or before the merge-base, from a shallow checkout', async () => {
    const checkout = await shallowCheckout(remote, 'feature', 'pr-checkout');
    const { env, context } = await pullRequest();
    const found = await storeWith(env, checkout).find(
      documentFor(c.f2 ?? '', { runId: 'pr' }),
      context,
    );
    // m3 is newer but after the merge-base m2; m1 is the newest at or before it.
    expect(found.reference?.ref.runId).toBe('m1');
    expect(found.reason).toBe(
      `the newest stored run of refs/heads/main at or before the merge-base ${short(c.m2 ?? '')}: commit ${short(c.m1 ?? '')}, run m1`,
    );
    // The checkout was only read.
    expect(await git(checkout, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(await git(checkout, ['rev-list', '--count', 'HEAD'])).toBe('1');
  });

  it('prefers a run under its own key, and takes the merge-base itself', async () => {
    const { env, context } = await pullRequest();
    const current = documentFor(c.f2 ?? '', { runId: 'pr' });
    // A run at the merge-base under another key (another load profile) does not displace m1...
    await store(c.m2 ?? '', { runId: 'm2-other-key', rps: 3200 });
    expect((await storeWith(env, work).find(current, context)).reference?.ref.runId).toBe('m1');
    // ...but one under the same key at the merge-base is the newest comparable run.
    await store(c.m2 ?? '', { runId: 'm2' });
    expect((await storeWith(env, work).find(current, context)).reference?.ref.runId).toBe('m2');
  });

  it('with no run under its key, returns the newest run of another key and says so', async () => {
    const { env, context } = await pullRequest();
    const changed = documentFor(c.f2 ?? '', { runId: 'pr', rps: 999 });
    const found = await storeWith(env, work).find(changed, context);
    expect(found.reference?.document.run.commit).toBe(c.m2);
    expect(found.reason).toContain(
      `it was stored under another comparability key (${comparabilityKey(found.reference?.document ?? changed)}, this run ${comparabilityKey(changed)}), so it is not comparable`,
    );
  });
});

describe('local run (no GitHub Actions)', () => {
  const localEnv = (): NodeJS.ProcessEnv =>
    Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));

  it('uses origin of the working directory and its own history, unpushed commits included', async () => {
    const local = path.join(remote.root, 'local');
    // A path remote, as `git clone /srv/repo.git` leaves it.
    await git(remote.root, ['clone', '--quiet', remote.bare, local]);
    const l1 = await commitAt(local, '2026-06-07T10:00:00Z');
    const s = storeWith(localEnv(), local);
    const first = documentFor(l1, { runId: 'local-1', ref: 'main' });
    expect(
      (await saveBaseline(s, first, { setting: true, context: { kind: 'local' } })).status,
    ).toBe('saved');
    const l2 = await commitAt(local, '2026-06-08T10:00:00Z');
    const found = await storeWith(localEnv(), local).find(documentFor(l2, { runId: 'local-2' }), {
      kind: 'local',
    });
    expect(found.reference?.ref.runId).toBe('local-1');
    expect(found.reason).toBe(
      `the newest stored run at or before ${short(l2)}: commit ${short(l1)}, run local-1`,
    );
  });

  it('in a shallow clone, says that history is missing', async () => {
    const shallow = await shallowCheckout(remote, 'main', 'local-shallow');
    const head = await git(shallow, ['rev-parse', 'HEAD']);
    const found = await storeWith(localEnv(), shallow).find(documentFor(head, { runId: 'x' }), {
      kind: 'local',
    });
    // m4 itself is not stored; older runs are beyond the clone's one commit.
    expect(found.reference).toBeNull();
    expect(found.reason).toBe(
      `no stored run is at or before ${short(head)} in its history; this clone is shallow, so older stored runs may not be found (git fetch --unshallow)`,
    );
  });

  it('outside a repository: no reference, and a save is an error', async () => {
    const outside = path.join(remote.root, 'not-a-repo');
    await mkdir(outside);
    const s = storeWith({ ...localEnv(), GIT_CEILING_DIRECTORIES: remote.root }, outside);
    const found = await s.find(documentFor(c.m1 ?? ''), { kind: 'local' });
    expect(found).toEqual({
      reference: null,
      reason: `${outside} is not a git repository with a remote named origin, so the git-branch store has no repository to use`,
    });
    await expect(s.save(documentFor(c.m1 ?? ''))).rejects.toThrow(InfraError);
  });
});
