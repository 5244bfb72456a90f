// The fortio engine and `fortio server` for real on loopback, through the same seams the local
// provider uses: rate, latency, mTLS with our run certificates, agreement with the builtin engine,
// the falling-behind rule, and fortio's echo delay. Each run lasts a couple of seconds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRunCertificates, type RunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { createLocalEngine, fortioFinder } from '../../src/load/localEngine.js';
import type { LoadProgress, LoadSpec } from '../../src/load/types.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { verifyAppMtls } from '../../src/mesh/appMtlsVerifier.js';
import { removeLeftovers } from '../../src/post.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { judgeTrial } from '../../src/results/trialValidity.js';
import {
  createLocalServer,
  type LocalServerOptions,
  type StartedServer,
} from '../../src/server/localServer.js';
import { scripts } from '../support/paths.js';

const HOST = '127.0.0.1';
const cleanup = new Cleanup();
const fortio = fortioFinder(process.env, execFileRunner);
const deps = { loadgenScript: scripts.loadgen, serverScript: scripts.server, fortio };
const fortioEngine = createLocalEngine('fortio', deps);
const builtinEngine = createLocalEngine('builtin', deps);
let certs: RunCertificates;

beforeAll(async () => {
  // Missing fortio fails here: CI installs it, and a skipped engine would hide a broken one.
  await fortioEngine.prepare();
  certs = await createRunCertificates(cleanup);
});
afterAll(async () => {
  expect(await cleanup.runAll()).toEqual([]);
});

async function server(
  kind: 'builtin' | 'fortio',
  options: Partial<LocalServerOptions> = {},
): Promise<StartedServer> {
  const started = await createLocalServer(kind, deps).start(
    { host: HOST, port: 0, delayMs: 10, payloadBytes: 0, ...options },
    15_000,
  );
  cleanup.add(`stop the ${kind} server`, () => started.stop());
  return started;
}

const mtls = (): NonNullable<LocalServerOptions['tls']> => ({
  certFile: certs.serverCertFile,
  keyFile: certs.serverKeyFile,
  caFile: certs.caFile,
  requireClientCert: true,
});

function spec(target: StartedServer, overrides: Partial<LoadSpec> = {}): LoadSpec {
  return {
    url: `http://${HOST}:${target.port}${target.path}`,
    rps: 200,
    connections: 20,
    durationMs: 2000,
    warmupMs: 500,
    requestTimeoutMs: 5000,
    workers: 1,
    ...overrides,
  };
}

const clientTls = () => ({
  caFile: certs.caFile,
  certFile: certs.clientCertFile,
  keyFile: certs.clientKeyFile,
  serverName: 'localhost',
});

describe('the fortio engine', () => {
  it('holds the rate against our server and reports the builtin trial shape', async () => {
    const target = await server('builtin');
    const progress: LoadProgress[] = [];
    const outcome = await fortioEngine.runTrial(spec(target), {
      watch: { server: target.pid },
      latencyFloorMs: 10,
      onProgress: (p) => progress.push(p),
    });
    expect(outcome.faults).toEqual([]);
    const trial = outcome.engine;
    expect(trial).toMatchObject({ engine: 'fortio', requestedRps: 200, requests: 400, unsent: 0 });
    expect(trial?.errors).toEqual({ total: 0, byCode: {} });
    expect(Math.abs((trial?.achievedRps ?? 0) - 200)).toBeLessThanOrEqual(2);
    expect(decodeHistogram(trial?.histogram ?? '').totalCount).toBe(400);
    expect(trial?.latencyMs.min).toBeGreaterThanOrEqual(10);
    expect(trial?.latencyMs.p50).toBeLessThan(30);
    expect((trial?.measureEndMs ?? 0) - (trial?.measureStartMs ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(outcome.resources.client?.cpuSeconds).toBeGreaterThan(0);
    expect(outcome.resources.server?.memoryMiBPeak).toBeGreaterThan(1);
    expect(progress[0]).toMatchObject({ type: 'progress', totalMs: 2500, countsUnknown: true });
  });

  it('speaks mTLS with our run certificates, naming the server localhost on 127.0.0.1', async () => {
    const target = await server('builtin', { tls: mtls() });
    const https = { ...spec(target), url: `https://${HOST}:${target.port}${target.path}` };
    const outcome = await fortioEngine.runTrial(
      { ...https, tls: clientTls() },
      { latencyFloorMs: 10 },
    );
    expect(outcome.faults).toEqual([]);
    expect(outcome.engine?.errors.total).toBe(0);
    expect(outcome.engine?.requests).toBe(400);
    // Without a client certificate the server refuses fortio's warm-up call: no trial at all.
    const refused = await fortioEngine.runTrial({
      ...https,
      tls: { caFile: certs.caFile, serverName: 'localhost' },
    });
    expect(refused.engine).toBeUndefined();
    expect(refused.faults.join('\n')).toMatch(/^fortio warm-up exited with code 1/);
  });

  it('agrees with the builtin engine on the same server at the same rate', async () => {
    const target = await server('builtin');
    const run = async (engine: typeof fortioEngine) =>
      (await engine.runTrial(spec(target), { latencyFloorMs: 10 })).engine;
    const builtin = await run(builtinEngine);
    const viaFortio = await run(fortioEngine);
    for (const trial of [builtin, viaFortio]) {
      expect(trial?.requests).toBe(400);
      expect(trial?.achievedRps).toBeGreaterThanOrEqual(198);
      expect(trial?.latencyMs.p50).toBeGreaterThanOrEqual(10);
    }
    // Both measure the same 10 ms server: their medians differ by scheduling noise only (fortio
    // sends each connection's calls in bursts, the builtin engine spreads them evenly).
    expect(Math.abs((builtin?.latencyMs.p50 ?? 0) - (viaFortio?.latencyMs.p50 ?? 99))).toBeLessThan(
      3,
    );
  });

  it('makes the trial invalid when fortio falls behind its schedule', async () => {
    const target = await server('builtin');
    // One connection, 10 ms per call: at most about 100 calls a second, 300 asked.
    const outcome = await fortioEngine.runTrial(
      spec(target, { rps: 300, connections: 1, warmupMs: 0 }),
    );
    expect(outcome.faults).toEqual([
      expect.stringMatching(/^fortio fell behind its schedule: \d+\.\d+% of its waits/),
    ]);
    const engine = outcome.engine;
    if (!engine) throw new Error('fortio printed no result');
    const judgement = judgeTrial({
      engine,
      mesh: 'none',
      mtlsVerified: false,
      maxErrorRate: 0.001,
      faults: outcome.faults,
    });
    expect(judgement.valid).toBe(false);
    expect(judgement.invalidReasons).toEqual([
      outcome.faults[0],
      expect.stringMatching(/^achieved rate \d+\.\d\/s is under 99% of the requested 300\/s$/),
    ]);
  });
});

describe('fortio server', () => {
  it('waits the delay before every answer and sends the body size asked for', async () => {
    const target = await server('fortio', { delayMs: 20, payloadBytes: 100 });
    expect(target.path).toBe('/echo?delay=20ms&size=100');
    const outcome = await builtinEngine.runTrial(
      spec(target, { rps: 100, connections: 10, durationMs: 1500 }),
      {
        watch: { server: target.pid },
      },
    );
    expect(outcome.faults).toEqual([]);
    expect(outcome.engine?.errors.total).toBe(0);
    expect(outcome.engine?.requests).toBe(150);
    // A plain duration applies to every request: not one answer came sooner.
    expect(outcome.engine?.latencyMs.min).toBeGreaterThanOrEqual(20);
    expect(outcome.resources.server?.cpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it('with mTLS passes the app-mtls probes and serves fortio: the study`s client and server', async () => {
    const target = await server('fortio', { tls: mtls() });
    const verdict = await verifyAppMtls(
      { host: HOST, port: target.port, serverName: 'localhost' },
      certs,
    );
    expect(verdict.details).toHaveLength(3);
    expect(verdict.verified).toBe(true);
    const https = {
      ...spec(target),
      url: `https://${HOST}:${target.port}${target.path}`,
      tls: clientTls(),
    };
    const outcome = await fortioEngine.runTrial(https, {
      latencyFloorMs: 10,
      watch: { server: target.pid },
    });
    expect(outcome.faults).toEqual([]);
    expect(outcome.engine?.requests).toBe(400);
    expect(outcome.engine?.latencyMs.min).toBeGreaterThanOrEqual(10);
  });

  it('is stopped by the post step from saved state after a cancelled job', async () => {
    const target = await server('fortio');
    const lines: string[] = [];
    await removeLeftovers([{ kind: 'pid', pid: target.pid }], (line) => lines.push(line));
    expect(lines).toEqual([`stopped process ${target.pid}`]);
    expect(await target.ended).toMatch(/signal SIGKILL/);
  });
});
