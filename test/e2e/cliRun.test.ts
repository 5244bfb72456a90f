// The README's short run, for real: `mesh-perf run` on loopback with both local baselines.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { scripts } from '../support/paths.js';
import { SHORT_LOCAL_RUN, cleanEnv, runNode, type Finished } from '../support/spawnNode.js';

describe('mesh-perf run --provider local (real load on loopback)', () => {
  let work: string;
  let tmp: string;
  let finished: Finished;
  let document: ResultDocument;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'e2e-run-'));
    // A private TMPDIR: afterwards it must hold nothing, i.e. the key directory was removed.
    tmp = path.join(work, 'tmp');
    await import('node:fs/promises').then((fs) => fs.mkdir(tmp));
    const out = path.join(work, 'results.json');
    finished = await runNode(scripts.cli, ['run', ...SHORT_LOCAL_RUN, '--out', out], {
      env: cleanEnv({ TMPDIR: tmp }),
      timeoutMs: 120_000,
    });
    document = resultDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')));
  }, 130_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('exits 0 and prints the table', () => {
    expect(finished.stderr).not.toMatch(/INVALID/);
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('No baseline to compare with');
    expect(finished.stdout).toMatch(/^app-mtls\s+verified\s/m);
  });

  it('has both scenarios with 2 valid trials at the requested rate and the expected latency', () => {
    expect(document.scenarios.map((s) => s.mesh)).toEqual(['none', 'app-mtls']);
    for (const scenario of document.scenarios) {
      expect(scenario.trials).toHaveLength(2);
      for (const trial of scenario.trials) {
        expect(trial.invalidReasons).toEqual([]);
        expect(trial.valid).toBe(true);
        expect(Math.abs(trial.achievedRps - 300) / 300).toBeLessThanOrEqual(0.01);
        expect(trial.latencyMs.p50).toBeGreaterThanOrEqual(10);
        expect(trial.latencyMs.p50).toBeLessThan(13);
        expect(trial.resources.client?.cpuSeconds).toBeGreaterThan(0);
        expect(trial.resources.server?.memoryMiBPeak).toBeGreaterThan(1);
        expect(decodeHistogram(trial.histogram).totalCount).toBe(
          trial.requests - trial.errors.total,
        );
      }
      expect(decodeHistogram(scenario.summary.histogram).totalCount).toBe(
        scenario.trials.reduce((n, t) => n + t.requests - t.errors.total, 0),
      );
    }
  });

  it('verified mTLS for app-mtls and ran the trials interleaved', () => {
    const app = document.scenarios.find((s) => s.mesh === 'app-mtls');
    expect(app?.mtls.verified).toBe(true);
    expect(app?.mtls.method).toBe('client-certificate-probe');
    expect(app?.overheadVsNone?.latencyPct.p99).not.toBeNull();
    const order = document.scenarios
      .flatMap((s) => s.trials.map((t) => [t.index, s.mesh] as const))
      .sort((a, b) => a[0] - b[0])
      .map(([, mesh]) => mesh);
    expect(order).toEqual(['none', 'app-mtls', 'app-mtls', 'none']);
  });

  it('records the run, the load profile and the environment', () => {
    expect(document.run.provider).toBe('local');
    expect(document.run.faults).toEqual([]);
    expect(document.load).toMatchObject({
      rps: 300,
      connections: 30,
      durationSeconds: 5,
      warmupSeconds: 1,
      serverDelayMs: 10,
    });
    expect(document.environment.cpus).toBeGreaterThanOrEqual(1);
    expect(document.environment.nodeVersion).toBe(process.version);
  });

  it('left no key material on disk', async () => {
    expect(await readdir(tmp)).toEqual([]);
  });
});

describe('mesh-perf run input errors', () => {
  it.each([
    [['run', '--rps', 'fast'], /rps \(--rps\)/],
    [['run', '--mesh', 'istio'], /cannot run with provider "local"/],
    [['run', '--bogus'], /bogus/],
    [
      ['nope'],
      /command: "nope" is not a mesh-perf command; allowed: run, load, report, compare, comment, help/,
    ],
  ])('%j exits 2 naming the problem', async (args, message) => {
    const result = await runNode(scripts.cli, args, { env: cleanEnv(), timeoutMs: 30_000 });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('--dry-run prints the steps and starts nothing', async () => {
    const result = await runNode(scripts.cli, ['run', '--dry-run', '--repetitions', '2'], {
      env: cleanEnv(),
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run');
    expect(result.stdout).toContain('none#1, app-mtls#1, app-mtls#2, none#2');
    expect(result.stdout).toContain('server.mjs');
    expect(result.stdout).toContain(
      'baseline: none (baseline is auto, which means none outside GitHub Actions); nothing is read or stored',
    );
    expect(result.stdout).toContain(
      'compare with the reference: p50 10%, p99 10%, p99.9 20%, CPU 20%, memory 20% at 95% confidence (Holm-corrected); fail on regression',
    );
  });
});
