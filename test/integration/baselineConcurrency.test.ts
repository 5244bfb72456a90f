// Five writer processes store runs on the same data branch of a local bare repository at the same
// moment (each lined up on the same tip before its first push, so the pushes really collide):
// afterwards every entry is there exactly once, and nothing was overwritten.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SaveOutcome } from '../../src/baseline/store.js';
import { comparabilityKey } from '../../src/results/comparabilityKey.js';
import { repoRoot } from '../support/paths.js';
import { runNode } from '../support/spawnNode.js';
import {
  commitAt,
  documentFor,
  git,
  makeRemote,
  makeWorkClone,
  type TestRemote,
} from '../support/gitRepos.js';

const WRITERS = 5;
const KEY = comparabilityKey(documentFor('0'.repeat(40)));

let remote: TestRemote;
let work: string;
let writer: string;

interface Written {
  runId: string;
  outcome: SaveOutcome;
  logs: string[];
}

interface IndexFile {
  entries: { commit: string; runId: string; file: string }[];
}

beforeAll(async () => {
  remote = await makeRemote();
  work = await makeWorkClone(remote);
  writer = path.join(remote.root, 'baselineWriter.mjs');
  // The writer runs as its own node process, bundled from the current sources.
  await promisify(execFile)(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(repoRoot, 'test', 'support', 'baselineWriter.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--log-level=warning',
      `--outfile=${writer}`,
    ],
    { cwd: repoRoot },
  );
});

afterAll(async () => {
  await remote.remove();
});

async function writeAtOnce(
  runs: { commit: string; runId: string }[],
  round: string,
): Promise<Written[]> {
  const barrierDir = path.join(remote.root, `barrier-${round}`);
  await mkdir(barrierDir);
  const finished = await Promise.all(
    runs.map(({ commit, runId }) =>
      runNode(
        writer,
        [
          JSON.stringify({
            serverUrl: remote.serverUrl,
            repository: remote.repository,
            commit,
            runId,
            cwd: work,
            barrierDir,
            writers: runs.length,
          }),
        ],
        { timeoutMs: 120_000 },
      ),
    ),
  );
  return finished.map((f) => {
    expect(f.stderr).toBe('');
    expect(f.code).toBe(0);
    return JSON.parse(f.stdout) as Written;
  });
}

const readIndex = async (): Promise<IndexFile> =>
  JSON.parse(await git(remote.bare, ['show', 'mesh-perf-data:index.json'])) as IndexFile;

describe('five concurrent writers', () => {
  const commits: string[] = [];

  it('for five different commits: all five stored exactly once, after real rejections', async () => {
    for (let day = 1; day <= WRITERS + 1; day++) {
      commits.push(await commitAt(work, `2026-07-0${day}T10:00:00Z`));
    }
    await git(work, ['push', '--quiet', 'origin', 'main']);
    const runs = commits.slice(0, WRITERS).map((commit, i) => ({ commit, runId: `writer-${i}` }));
    const written = await writeAtOnce(runs, 'different');

    expect(written.map((w) => w.outcome.status)).toEqual(Array(WRITERS).fill('saved'));
    // All five committed on the same (missing) tip before pushing: one push per round can win,
    // so the others were rejected and retried from a fresh fetch at least once each.
    const attempts = written.map((w) => w.outcome.attempts).sort();
    expect(attempts.filter((a) => a === 1)).toHaveLength(1);
    expect(attempts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(WRITERS + (WRITERS - 1));
    expect(written.flatMap((w) => w.logs).some((l) => l.includes('rejected'))).toBe(true);

    const index = await readIndex();
    expect(index.entries.map((e) => e.commit).sort()).toEqual(commits.slice(0, WRITERS).sort());
    expect(new Set(index.entries.map((e) => e.runId)).size).toBe(WRITERS);
    // One linear history, one commit per writer: nothing was forced over anything.
    expect(await git(remote.bare, ['rev-list', '--count', 'mesh-perf-data'])).toBe(String(WRITERS));
    expect(await git(remote.bare, ['rev-list', '--merges', 'mesh-perf-data'])).toBe('');
    // Every file the index names is there and holds that run.
    const files = (
      await git(remote.bare, ['ls-tree', '-r', '--name-only', 'mesh-perf-data'])
    ).split('\n');
    expect(files.sort()).toEqual(
      [
        'README.md',
        'index.json',
        ...commits.slice(0, WRITERS).map((c) => `${KEY}/${c}.json`),
      ].sort(),
    );
    for (const entry of index.entries) {
      const stored = JSON.parse(
        await git(remote.bare, ['show', `mesh-perf-data:${entry.file}`]),
      ) as {
        run: { id: string; commit: string };
      };
      expect(stored.run).toMatchObject({ id: entry.runId, commit: entry.commit });
    }
  });

  it('for one commit: stored once, the other four told it is there already', async () => {
    const commit = commits[WRITERS] ?? '';
    const runs = Array.from({ length: WRITERS }, (_, i) => ({ commit, runId: `same-${i}` }));
    const written = await writeAtOnce(runs, 'same');

    const saved = written.filter((w) => w.outcome.status === 'saved');
    expect(saved).toHaveLength(1);
    expect(written.filter((w) => w.outcome.status === 'already-stored')).toHaveLength(WRITERS - 1);

    const index = await readIndex();
    const forCommit = index.entries.filter((e) => e.commit === commit);
    expect(forCommit).toEqual([expect.objectContaining({ runId: saved[0]?.runId })]);
    // The earlier five are all still there.
    expect(index.entries).toHaveLength(WRITERS + 1);
    expect(await git(remote.bare, ['rev-list', '--count', 'mesh-perf-data'])).toBe(
      String(WRITERS + 1),
    );
  });
});
