// The token reaches git the way actions/checkout hands it over (an Authorization extraheader for
// the server's origin), over real smart HTTP on loopback; it is masked, never in a message, and a
// read-only token fails the save at once with a message that says which permission is missing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { createBaselineStore, saveBaseline } from '../../src/baseline/baselineStage.js';
import type { RunContext } from '../../src/baseline/runContext.js';
import { InfraError } from '../../src/errors.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import {
  actionsEnv,
  commitAt,
  documentFor,
  git,
  makeRemote,
  makeWorkClone,
  type TestRemote,
} from '../support/gitRepos.js';

const WRITE = 'ghs_writeTokenForTests0000000000000001';
const READ = 'ghs_readTokenForTests00000000000000002';
const basic = (token: string): string =>
  `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

let remote: TestRemote;
let server: GitHttpServer;
let commit: string;
const cleanup = new Cleanup();

beforeAll(async () => {
  remote = await makeRemote();
  const work = await makeWorkClone(remote);
  commit = await commitAt(work, '2026-05-01T10:00:00Z');
  await git(work, ['push', '--quiet', 'origin', 'main']);
  server = await startGitHttpServer({
    projectRoot: path.join(remote.root, 'server'),
    writeToken: WRITE,
    readToken: READ,
  });
});

afterAll(async () => {
  await cleanup.runAll();
  await server.close();
  await remote.remove();
});

function store(token: string | undefined, logs: string[], masked: string[]) {
  const env = actionsEnv(remote, {
    GITHUB_SERVER_URL: server.url,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: commit,
  });
  return createBaselineStore(
    {
      baseline: { store: 'git-branch' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: 50,
      saveBaseline: true,
    },
    {
      runner: execFileRunner,
      cleanup,
      log: (line) => logs.push(line),
      env,
      cwd: remote.root,
      ...(token === undefined ? {} : { token }),
      mask: (secret) => masked.push(secret),
      backoff: { baseMs: 10, capMs: 50 },
    },
  );
}

const push: RunContext = {
  kind: 'push',
  ref: 'refs/heads/main',
  sha: '',
  defaultBranch: 'main',
  deleted: false,
};

describe('git-branch store over HTTP with a token', () => {
  it('saves and finds with a write token sent as the extraheader on every request', async () => {
    const logs: string[] = [];
    const masked: string[] = [];
    const s = store(WRITE, logs, masked);
    server.authorizations.length = 0;
    const doc = documentFor(commit, { runId: 'over-http' });
    const outcome = await saveBaseline(s, doc, {
      setting: true,
      context: { ...push, sha: commit },
    });
    expect(outcome.status).toBe('saved');
    expect(server.authorizations.length).toBeGreaterThan(0);
    for (const header of server.authorizations)
      expect(header?.toLowerCase()).toBe(basic(WRITE).toLowerCase());
    expect(masked).toEqual([WRITE, Buffer.from(`x-access-token:${WRITE}`).toString('base64')]);
    expect(await git(remote.bare, ['rev-list', '--count', 'mesh-perf-data'])).toBe('1');

    // Reading needs no more than a read-only token.
    const reader = store(READ, logs, masked);
    const next = documentFor(commit, { runId: 'reader' });
    const found = await reader.find(next, {
      kind: 'other',
      event: 'schedule',
      ref: 'refs/heads/main',
      sha: commit,
      defaultBranch: 'main',
    });
    expect(found.reference?.ref.runId).toBe('over-http');
    expect(logs.join('\n')).not.toContain(WRITE);
  });

  it('fails a save with a read-only token at once, saying what permission it needs, token-free', async () => {
    const logs: string[] = [];
    const s = store(READ, logs, []);
    let error: unknown;
    try {
      // Another commit id so the save is not idempotently skipped.
      const other = documentFor('e'.repeat(40), { runId: 'read-only' });
      await saveBaseline(s, other, { setting: true, context: { ...push, sha: commit } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InfraError);
    const message = (error as Error).message;
    expect(message).toContain(
      'pushing to mesh-perf-data was refused (the saving job needs permissions: contents: write',
    );
    expect(message).toContain('403');
    for (const secret of [READ, Buffer.from(`x-access-token:${READ}`).toString('base64')]) {
      expect(message).not.toContain(secret);
      expect(logs.join('\n')).not.toContain(secret);
    }
    expect(logs.filter((l) => l.includes('retrying'))).toEqual([]);
  });

  it('without a token, fails instead of prompting or hanging', async () => {
    const s = store(undefined, [], []);
    await expect(s.find(documentFor(commit), { ...push, sha: commit })).rejects.toThrow(InfraError);
  });
});
