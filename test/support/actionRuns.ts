// Runs the bundled action the way the Actions runner does, in a repository laid out like a GitHub
// server: a bare repository at <server>/<owner>/<repo>.git (GITHUB_SERVER_URL points at <server>),
// a working clone whose origin it is, fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE
// files and a private TMPDIR per run, and an event payload file.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { git } from './gitRepos.js';
import { scripts } from './paths.js';
import { cleanEnv, runNode, type Finished } from './spawnNode.js';

/** Parses the runner's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const pattern = /^([^\n<=]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) {
    const [, name, , value] = match;
    if (name !== undefined && value !== undefined) values[name] = value;
  }
  return values;
}

export interface GitHubLikeRepo {
  root: string;
  serverUrl: string;
  repository: string;
  bare: string;
  /** The working clone (the checkout the action runs in). */
  work: string;
  remove(): Promise<void>;
}

export async function gitHubLikeRepo(repository: string): Promise<GitHubLikeRepo> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'e2e-gate-'));
  const bare = path.join(root, 'server', `${repository}.git`);
  await mkdir(bare, { recursive: true });
  await git(bare, ['init', '--quiet', '--bare', '--initial-branch=main']);
  // Like GitHub: partial-clone filters are served, so history fetches carry commits only.
  await git(bare, ['config', 'uploadpack.allowFilter', 'true']);
  const work = path.join(root, 'work');
  await mkdir(work);
  await git(work, ['init', '--quiet', '--initial-branch=main']);
  await git(work, ['remote', 'add', 'origin', `file://${bare}`]);
  return {
    root,
    serverUrl: `file://${path.join(root, 'server')}`,
    repository,
    bare,
    work,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export interface ActionRun {
  finished: Finished;
  outputs: Record<string, string>;
  summary: string;
  document: ResultDocument;
  resultPath: string;
  /** What the run left in its private TMPDIR (must be nothing). */
  leftovers: string[];
}

export interface ActionRunOptions {
  name: string;
  inputs: Record<string, string>;
  /** GITHUB_* and other variables of this run (event, sha, ref, API). */
  env: NodeJS.ProcessEnv;
  event: Record<string, unknown>;
  timeoutMs: number;
}

/** `node main.js` in the working clone, with INPUT_* variables and the runner's files. */
export async function runAction(
  repo: GitHubLikeRepo,
  options: ActionRunOptions,
): Promise<ActionRun> {
  const dir = path.join(repo.root, options.name);
  const tmp = path.join(dir, 'tmp');
  await mkdir(tmp, { recursive: true });
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary.md'),
    state: path.join(dir, 'state'),
    event: path.join(dir, 'event.json'),
  };
  await Promise.all([files.output, files.summary, files.state].map((f) => writeFile(f, '')));
  await writeFile(files.event, JSON.stringify(options.event));
  const resultPath = path.join(dir, 'result.json');
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: repo.serverUrl,
    GITHUB_REPOSITORY: repo.repository,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKFLOW: 'mesh-perf',
    GITHUB_JOB: 'perf',
    RUNNER_TEMP: tmp,
    TMPDIR: tmp,
    ...options.env,
  });
  for (const [name, value] of Object.entries({ ...options.inputs, out: resultPath })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const finished = await runNode(scripts.main, [], {
    env,
    cwd: repo.work,
    timeoutMs: options.timeoutMs,
  });
  const text = await readFile(resultPath, 'utf8').catch(() => {
    throw new Error(`${options.name} wrote no result document\n${finished.stdout}`);
  });
  return {
    finished,
    outputs: parseFileCommands(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    document: resultDocumentSchema.parse(JSON.parse(text)),
    resultPath,
    leftovers: await readdir(tmp),
  };
}
