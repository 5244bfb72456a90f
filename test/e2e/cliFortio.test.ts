// The fortio engine end to end through the bundled CLI: `mesh-perf run --engine fortio` with our
// server and with `fortio server` (the study's exact pair), `mesh-perf load --engine fortio`, a
// missing fortio, and the dry run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { startNodeScript, stopScript, type RunningScript } from '../../src/process/nodeScript.js';
import { scripts } from '../support/paths.js';
import { SHORT_LOCAL_RUN, cleanEnv, runNode, type Finished } from '../support/spawnNode.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'e2e-fortio-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const RUN = ['run', ...SHORT_LOCAL_RUN, '--engine', 'fortio'];

async function run(extra: string[], name: string): Promise<[Finished, ResultDocument]> {
  const out = path.join(work, `${name}.json`);
  const finished = await runNode(scripts.cli, [...RUN, ...extra, '--out', out], {
    env: cleanEnv(),
    timeoutMs: 150_000,
  });
  const text = await readFile(out, 'utf8').catch(
    () => `{"missing": ${JSON.stringify(finished.stderr)}}`,
  );
  return [finished, resultDocumentSchema.parse(JSON.parse(text))];
}

function expectValidFortioRun(finished: Finished, document: ResultDocument, server: string): void {
  expect(finished.stderr).not.toMatch(/INVALID/);
  expect(finished.code).toBe(0);
  expect(finished.stdout).toContain('local provider, fortio engine');
  expect(document.run.engine).toBe('fortio');
  expect(document.run.engineVersion).toBe('1.68.2');
  expect(document.load.server).toBe(server);
  expect(document.scenarios.map((s) => s.mesh)).toEqual(['none', 'app-mtls']);
  expect(document.scenarios[1]?.mtls.verified).toBe(true);
  for (const scenario of document.scenarios) {
    expect(scenario.summary.validTrials).toBe(2);
    for (const trial of scenario.trials) {
      expect(trial.invalidReasons).toEqual([]);
      expect(trial.requests).toBe(1500);
      expect(Math.abs(trial.achievedRps - 300)).toBeLessThanOrEqual(3);
      expect(trial.latencyMs.min).toBeGreaterThanOrEqual(10);
      expect(trial.resources.client?.cpuSeconds).toBeGreaterThan(0);
      expect(trial.resources.server?.cpuSeconds).toBeGreaterThan(0);
    }
  }
}

describe('mesh-perf run --engine fortio', () => {
  it('measures both baselines with fortio against our server', async () => {
    const [finished, document] = await run([], 'builtin-server');
    expectValidFortioRun(finished, document, 'builtin');
  }, 160_000);

  it('measures both baselines with fortio against fortio server', async () => {
    const [finished, document] = await run(['--server', 'fortio'], 'fortio-server');
    expectValidFortioRun(finished, document, 'fortio');
  }, 160_000);

  it('prints the fortio command lines in a dry run', async () => {
    const result = await runNode(
      scripts.cli,
      ['run', '--dry-run', '--engine', 'fortio', '--server', 'fortio', '--server-delay', '10ms'],
      { env: cleanEnv(), timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /start server: fortio server -http-port 127\.0\.0\.1:0 .* -max-echo-delay 10ms/,
    );
    expect(result.stdout).toMatch(
      /each trial: a warm-up run with -t 5000ms and no -json, then fortio load -qps 320 -c 160 -t 30000ms .* -offset 10ms -json - 'http:\/\/127\.0\.0\.1:0\/echo\?delay=10ms'/,
    );
  });
});

describe('mesh-perf load --engine fortio', () => {
  let server: RunningScript;
  let url: string;
  beforeAll(async () => {
    server = startNodeScript(scripts.server, [
      JSON.stringify({ host: '127.0.0.1', port: 0, delayMs: 5, payloadBytes: 0 }),
    ]);
    const port = await server.waitFor((l) => (l as { port?: number }).port, 10_000, 'server');
    url = `http://127.0.0.1:${port}/echo`;
  });
  afterAll(async () => {
    await stopScript(server);
  });

  const load = (engine: string, env = cleanEnv()): Promise<Finished> =>
    runNode(
      scripts.cli,
      [
        'load',
        url,
        '--engine',
        engine,
        '--rps',
        '100',
        '--connections',
        '10',
        '--duration',
        '1s',
        '--warmup',
        '500ms',
      ],
      { env, timeoutMs: 60_000 },
    );

  it('prints the same trial JSON as the builtin engine', async () => {
    const viaFortio = await load('fortio');
    const builtin = await load('builtin');
    expect(viaFortio.code).toBe(0);
    expect(builtin.code).toBe(0);
    const a = JSON.parse(viaFortio.stdout) as Record<string, unknown>;
    const b = JSON.parse(builtin.stdout) as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).toMatchObject({ engine: 'fortio', requestedRps: 100, requests: 100, valid: true });
    expect(b).toMatchObject({ engine: 'builtin', requestedRps: 100, requests: 100, valid: true });
  });

  it('exits 3 with the install command when fortio is missing', async () => {
    const env = cleanEnv({
      PATH: path.dirname(process.execPath),
      GOBIN: path.join(work, 'no-bin'),
    });
    const result = await load('fortio', env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('install it with: go install fortio.org/fortio@v1.68.2');
  });
});
