// The action exactly as the runner calls it: `node main.js` with INPUT_* variables and the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, then `node post.js` with the saved state.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema } from '../../src/results/schema.js';
import { parseFileCommands } from '../support/actionRuns.js';
import { scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

interface ActionFiles {
  dir: string;
  output: string;
  summary: string;
  state: string;
  tmp: string;
}

async function actionFiles(): Promise<ActionFiles> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-action-'));
  const files = {
    dir,
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary.md'),
    state: path.join(dir, 'state'),
    tmp: path.join(dir, 'tmp'),
  };
  await mkdir(files.tmp);
  await Promise.all([files.output, files.summary, files.state].map((f) => writeFile(f, '')));
  return files;
}

function runnerEnv(files: ActionFiles, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/pull/7/merge',
    RUNNER_TEMP: files.tmp,
    TMPDIR: files.tmp,
  });
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

describe('action entry, as the runner calls it', () => {
  let files: ActionFiles;
  let mainRun: Awaited<ReturnType<typeof runNode>>;
  let postRun: Awaited<ReturnType<typeof runNode>>;

  beforeAll(async () => {
    files = await actionFiles();
    const env = runnerEnv(files, {
      mesh: 'none,app-mtls',
      rps: '100',
      connections: '10',
      duration: '2s',
      warmup: '500ms',
      repetitions: '1',
      'server-delay': '5ms',
      out: path.join(files.dir, 'result.json'),
    });
    // Outside any git repository: the default store (git-branch in Actions) finds no origin.
    mainRun = await runNode(scripts.main, [], { env, cwd: files.dir, timeoutMs: 90_000 });
    // The runner hands saved state to the post step as STATE_<name> variables.
    const state = parseFileCommands(await readFile(files.state, 'utf8'));
    const postEnv = { ...env };
    for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
    postRun = await runNode(scripts.post, [], { env: postEnv, timeoutMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await rm(files.dir, { recursive: true, force: true });
  });

  it('succeeds and writes the outputs', async () => {
    expect(mainRun.stdout).not.toContain('::error::');
    expect(mainRun.code).toBe(0);
    const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
    expect(outputs.verdict).toBe('no-baseline');
    expect(outputs.regressions).toBe('0');
    expect(outputs['result-path']).toBe(path.join(files.dir, 'result.json'));
    const p99 = JSON.parse(outputs['p99-ms'] ?? '{}') as Record<string, number>;
    expect(Object.keys(p99)).toEqual(['none', 'app-mtls']);
    expect(p99.none).toBeGreaterThanOrEqual(5);
  });

  it('groups each trial in the log and writes the markdown job summary', async () => {
    expect(mainRun.stdout).toContain('::group::[1/2] none #1');
    expect(mainRun.stdout).toContain('::endgroup::');
    const summary = await readFile(files.summary, 'utf8');
    expect(summary).toContain('## mesh-perf');
    expect(summary).toContain('| Mesh | mTLS |');
    expect(summary).toMatch(/\| app\\-mtls \| verified \|/);
  });

  it('writes a result document with the runner`s commit and ref', async () => {
    const doc = resultDocumentSchema.parse(
      JSON.parse(await readFile(path.join(files.dir, 'result.json'), 'utf8')),
    );
    expect(doc.run.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(doc.run.ref).toBe('refs/pull/7/merge');
    expect(doc.verdict?.kind).toBe('no-baseline');
    expect(doc.verdict?.reasons).toContain(
      `no reference: ${files.dir} is not a git repository with a remote named origin, so the git-branch store has no repository to use`,
    );
  });

  it('post step finds nothing left behind, and no key material remains', async () => {
    expect(postRun.code).toBe(0);
    expect(postRun.stdout).toContain('nothing left to clean up');
    expect(await readdir(files.tmp)).toEqual([]);
  });
});

describe('action entry with bad input', () => {
  it('fails with exit code 2 and a message naming the input', async () => {
    const files = await actionFiles();
    try {
      const run = await runNode(scripts.main, [], {
        env: runnerEnv(files, { rps: 'lots', engine: 'turbo' }),
        timeoutMs: 30_000,
      });
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/::error::mesh-perf: Invalid configuration/);
      expect(run.stdout).toMatch(/rps \(input rps\)/);
      expect(run.stdout).toMatch(/engine \(input engine\)/);
      const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
      expect(outputs.verdict).toBe('invalid-input');
    } finally {
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
