// `mesh-perf compare` as users run it (the bundled CLI), on the saved real runs of
// test/fixtures/results/: exit codes, the table, JSON, --out, and every kind of bad input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema, verdictSchema } from '../../src/results/schema.js';
import { fixturesDir, scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

const results = path.join(fixturesDir, 'results');
const BASELINE = path.join(results, 'none-5x5s-baseline.json');
const RERUN = path.join(results, 'none-5x5s-rerun.json');
const INJECTED = path.join(results, 'none-5x5s-inject-3ms.json');

const compare = (...args: string[]) =>
  runNode(scripts.cli, ['compare', ...args], { env: cleanEnv(), timeoutMs: 30_000 });

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'e2e-compare-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('verdicts and exit codes', () => {
  it('3 ms of injected delay: exit 1, p50 fails, p99 is within the run-to-run noise', async () => {
    const { code, stdout } = await compare(BASELINE, INJECTED);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Regression: 1 of 8 comparisons failed\.$/m);
    expect(stdout).toMatch(/^none\s+p50\s+5\/5\s+11\.44 ms\s+14\.38 ms\s+\+25\.7%.*\sFAIL$/m);
    expect(stdout).toMatch(
      /^none\s+p99\s+5\/5\s+16\.08 ms\s+40\.27 ms\s+\+150\.5%.*\sINCONCLUSIVE$/m,
    );
    // Two files and no stored history: the measured default run-to-run noise, said in a reason.
    expect(stdout).toMatch(
      /^- run-to-run noise, τ added to each run's mean: the measured default \(fewer than 5 stored runs under this key\): p50 1\.1%, p99 21\.7%/m,
    );
    expect(stdout).toContain('the current run added 3 ms of calibration delay to the server');
  });

  it('a rerun with the same settings: exit 0, and 1 with --fail-on inconclusive', async () => {
    const plain = await compare(BASELINE, RERUN, '--format', 'json');
    expect(plain.code).toBe(0);
    const verdict = verdictSchema.parse(JSON.parse(plain.stdout));
    expect(verdict.regressions).toBe(0);
    const strict = await compare(BASELINE, RERUN, '--fail-on', 'inconclusive');
    expect(strict.code).toBe(verdict.kind === 'inconclusive' ? 1 : 0);
  });

  it('flags reach the gate: with a 30 % p50 threshold the +25.7 % no longer fails', async () => {
    const { code, stdout } = await compare(BASELINE, INJECTED, '--threshold-p50', '30%');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^none\s+p50\s.*\s(PASS|INCONCLUSIVE)$/m);
  });

  it('--out writes the current document with the verdict, valid against the schema', async () => {
    const out = path.join(work, 'nested', 'with-verdict.json');
    expect((await compare(BASELINE, INJECTED, '--out', out, '--format', 'markdown')).code).toBe(1);
    const document = resultDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(document.verdict?.kind).toBe('fail');
    expect(document.verdict?.baseline?.location).toBe(BASELINE);
    expect(document.load.injectedDelayMs).toBe(3);
  });

  it('a current run with faults is an infrastructure error: exit 3', async () => {
    const faulty = JSON.parse(await readFile(RERUN, 'utf8')) as { run: { faults: string[] } };
    faulty.run.faults.push('the none server exited unexpectedly (code 1)');
    const file = path.join(work, 'faulty.json');
    await writeFile(file, JSON.stringify(faulty));
    const { code, stdout } = await compare(BASELINE, file);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^Infrastructure error: .* This is not a pass\.$/m);
  });
});

describe('bad input: exit 2, naming what is wrong', () => {
  it.each<[string, string[], RegExp]>([
    ['a missing file', [BASELINE, 'nope.json'], /result: cannot read "nope\.json"/],
    ['one file', [BASELINE], /expects exactly two result documents/],
    [
      'a bad threshold',
      [BASELINE, RERUN, '--threshold-p99', 'ten'],
      /threshold-p99 \(--threshold-p99\): "ten" is not a fraction or a percentage; allowed: a fraction from 0 to 1, or a percentage like 10%/,
    ],
    [
      'a run flag',
      [BASELINE, RERUN, '--rps', '5'],
      /compare: Unknown option '--rps'.*; allowed: --format, --out, --config, --threshold-p50/,
    ],
    [
      'a bad format',
      [BASELINE, RERUN, '--format', 'html'],
      /format \(--format\): "html" is not a compare format; allowed: table, markdown, json/,
    ],
  ])('%s', async (_what, args, message) => {
    const { code, stderr } = await compare(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('a file that is not a result document', async () => {
    const file = path.join(work, 'not-a-result.json');
    await writeFile(file, JSON.stringify({ schema: 'mesh-perf/v1', run: {} }));
    const { code, stderr } = await compare(file, RERUN);
    expect(code).toBe(2);
    expect(stderr).toContain(`result: "${file}" is not a mesh-perf/v1 result document`);
  });
});
