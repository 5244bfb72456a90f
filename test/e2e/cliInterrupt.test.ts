// Ctrl-C during `mesh-perf run`: the current trial stops, the result document is still written with
// its verdict (infra-error: an interrupted run is never a pass), exit 130, and a run that was to be
// stored as the baseline is not stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, readdir, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { scripts } from '../support/paths.js';
import { cleanEnv } from '../support/spawnNode.js';

describe('mesh-perf run, interrupted during its first trial', () => {
  let work: string;
  let tmp: string;
  let code: number | null;
  let stdout = '';
  let stderr = '';
  let document: ResultDocument;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'e2e-interrupt-'));
    tmp = path.join(work, 'tmp');
    await mkdir(tmp);
    const child = spawn(
      process.execPath,
      [
        scripts.cli,
        'run',
        '--mesh',
        'none',
        '--rps',
        '100',
        '--connections',
        '10',
        '--duration',
        '20s',
        '--warmup',
        '0s',
        '--repetitions',
        '2',
        '--server-delay',
        '5ms',
        '--baseline',
        path.join(work, 'baseline.json'),
        '--save-baseline',
        '--out',
        path.join(work, 'result.json'),
      ],
      { env: cleanEnv({ TMPDIR: tmp }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    // Ctrl-C once the first trial has sent load for a moment (bounded: at most 30 s of waiting).
    const interrupted = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the first trial never showed progress:\n${stderr}`));
      }, 30_000);
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        if (stderr.includes('[1/2] none #1  starting')) {
          clearTimeout(timer);
          setTimeout(() => {
            child.kill('SIGINT');
            resolve();
          }, 1500);
        }
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await interrupted;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    code = await closed;
    document = resultDocumentSchema.parse(
      JSON.parse(await readFile(path.join(work, 'result.json'), 'utf8')),
    );
  }, 60_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('exits 130 and writes what it measured, with an infra-error verdict', () => {
    expect(code).toBe(130);
    expect(stderr).toContain('SIGINT: stopping; the result so far will be written');
    expect(document.run.faults).toEqual(['interrupted before trial 2 of 2']);
    expect(document.scenarios[0]?.trials[0]?.invalidReasons).toContain('interrupted');
    expect(document.verdict?.kind).toBe('infra-error');
    expect(document.verdict?.reasons).toContain('no reference: the run was interrupted');
    expect(stdout).toContain('Infrastructure error: the current run cannot be trusted.');
  });

  it('stores nothing and leaves nothing behind', async () => {
    await expect(access(path.join(work, 'baseline.json'))).rejects.toThrow(/ENOENT/);
    expect(await readdir(tmp)).toEqual([]);
  });
});
