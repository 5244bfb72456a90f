// The action's logic under @github/local-action, which runs src/main.ts with its own stand-ins for
// the Actions toolkit, reading inputs from a dotenv file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema } from '../../src/results/schema.js';
import { repoRoot } from '../support/paths.js';
import { cleanEnv, runNode, type Finished } from '../support/spawnNode.js';

describe('@github/local-action run . src/main.ts', () => {
  let dir: string;
  let finished: Finished;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-local-action-'));
    const envFile = path.join(dir, '.env');
    await writeFile(
      envFile,
      [
        'INPUT_MESH=none,app-mtls',
        'INPUT_RPS=100',
        'INPUT_CONNECTIONS=10',
        'INPUT_DURATION=2s',
        'INPUT_WARMUP=500ms',
        'INPUT_REPETITIONS=1',
        'INPUT_SERVER-DELAY=5ms',
        `INPUT_OUT=${path.join(dir, 'result.json')}`,
        '',
      ].join('\n'),
    );
    const bin = path.join(
      repoRoot,
      'node_modules',
      '@github',
      'local-action',
      'bin',
      'local-action.js',
    );
    // local-action loads src/main.ts, which finds server.mjs and loadgen.mjs in dist/.
    finished = await runNode(bin, ['run', '.', 'src/main.ts', envFile], {
      cwd: repoRoot,
      env: cleanEnv({ TMPDIR: dir }),
      timeoutMs: 120_000,
    });
  }, 130_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs both scenarios and sets the outputs', async () => {
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('::set-output name=verdict::no-baseline');
    expect(finished.stdout).toMatch(
      /::set-output name=p99-ms::\{"none":[\d.]+,"app-mtls":[\d.]+\}/,
    );
    const doc = resultDocumentSchema.parse(
      JSON.parse(await readFile(path.join(dir, 'result.json'), 'utf8')),
    );
    expect(doc.scenarios.every((s) => s.summary.validTrials === 1)).toBe(true);
    expect(doc.scenarios[1]?.mtls.verified).toBe(true);
  });
});
