// Real git repositories for the baseline-store tests: a bare repository laid out like a GitHub
// server (<server>/<owner>/<repo>.git, so GITHUB_SERVER_URL can point at it), and working clones
// with commits at chosen dates.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ResultDocument } from '../../src/results/schema.js';
import { sampleDocument } from './documents.js';
import { fixturesDir } from './paths.js';

const exec = promisify(execFile);

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.test',
};

/** Runs git in `cwd`; throws with stderr on failure. */
export async function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    env: { ...process.env, ...GIT_IDENTITY, ...env, LC_ALL: 'C' },
  });
  return stdout.trim();
}

export interface TestRemote {
  root: string;
  /** What GITHUB_SERVER_URL is set to. */
  serverUrl: string;
  repository: string;
  /** The bare repository's URL, as the store builds it from the two above. */
  url: string;
  bare: string;
  remove(): Promise<void>;
}

export async function makeRemote(): Promise<TestRemote> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'store-test-'));
  const bare = path.join(root, 'server', 'example-org', 'service.git');
  await mkdir(bare, { recursive: true });
  await git(bare, ['init', '--quiet', '--bare', '--initial-branch=main']);
  // Like GitHub: partial-clone filters are served, so history fetches carry commits only.
  await git(bare, ['config', 'uploadpack.allowFilter', 'true']);
  return {
    root,
    serverUrl: `file://${path.join(root, 'server')}`,
    repository: 'example-org/service',
    url: `file://${bare}`,
    bare,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** A working clone where the project's commits are made and pushed from. */
export async function makeWorkClone(remote: TestRemote, name = 'work'): Promise<string> {
  const dir = path.join(remote.root, name);
  await git(remote.root, ['clone', '--quiet', remote.url, dir]).catch(async () => {
    // Cloning an empty repository warns and may fail on old git; start one by hand instead.
    await mkdir(dir, { recursive: true });
    await git(dir, ['init', '--quiet', '--initial-branch=main']);
    await git(dir, ['remote', 'add', 'origin', remote.url]);
  });
  await git(dir, ['checkout', '--quiet', '-B', 'main']);
  return dir;
}

let counter = 0;

/** An empty commit dated `date` (author and committer), returned as its full id. */
export async function commitAt(dir: string, date: string, message?: string): Promise<string> {
  counter += 1;
  await git(dir, ['commit', '--quiet', '--allow-empty', '-m', message ?? `change ${counter}`], {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  return git(dir, ['rev-parse', 'HEAD']);
}

/** A valid, storable result document for `commit` (built through the real pure stages). */
export function documentFor(
  commit: string,
  options: { ref?: string; runId?: string; startedAt?: string; rps?: number } = {},
): ResultDocument {
  const doc = structuredClone(sampleDocument());
  doc.run.commit = commit;
  doc.run.ref = options.ref ?? 'refs/heads/main';
  doc.run.id = options.runId ?? `run-${commit.slice(0, 8)}`;
  if (options.startedAt !== undefined) doc.run.startedAt = options.startedAt;
  if (options.rps !== undefined) doc.load.rps = options.rps;
  return doc;
}

/** What GitHub Actions sets for a run in this test repository. */
export function actionsEnv(remote: TestRemote, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GITHUB_') && !key.startsWith('INPUT_')) env[key] = value;
  }
  return {
    ...env,
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: remote.serverUrl,
    GITHUB_REPOSITORY: remote.repository,
    ...extra,
  };
}

/** A shallow clone of one branch, as actions/checkout makes it (fetch-depth 1). */
export async function shallowCheckout(
  remote: TestRemote,
  branch: string,
  name: string,
): Promise<string> {
  const dir = path.join(remote.root, name);
  await git(remote.root, ['clone', '--quiet', '--depth=1', '--branch', branch, remote.url, dir]);
  return dir;
}

/** An event payload file in GitHub's shape (from test/fixtures/events), with this test's commits. */
export async function eventFile(
  remote: TestRemote,
  name: string,
  fixture: string,
  change: (payload: Record<string, unknown>) => void,
): Promise<string> {
  const payload = JSON.parse(
    await readFile(path.join(fixturesDir, 'events', `${fixture}.json`), 'utf8'),
  ) as Record<string, unknown>;
  change(payload);
  const file = path.join(remote.root, `${name}.event.json`);
  await writeFile(file, JSON.stringify(payload));
  return file;
}
