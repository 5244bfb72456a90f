// The builtin engine under real load on loopback: rate, connection pinning, error kinds, mTLS, the
// no-coordinated-omission property, and the bundled script with worker threads and SIGTERM.
// Assertions leave room for a shared, noisy 2-core machine; every run is a few seconds at most.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { runLoad } from '../../src/load/builtin/runLoad.js';
import type { EngineTrial, LoadProgress, LoadSpec } from '../../src/load/types.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

type Respond = (res: http.ServerResponse, arrivalMs: number, index: number) => void;

interface TestServer {
  url: string;
  /** Distinct TCP connections the server accepted. */
  sockets(): number;
  close(): Promise<void>;
}

const open: TestServer[] = [];
const cleanup = new Cleanup();
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
  await cleanup.runAll();
});

async function startServer(
  respond: Respond,
  tlsOptions?: https.ServerOptions,
): Promise<TestServer> {
  let sockets = 0;
  let index = 0;
  let firstMs: number | undefined;
  const handler: http.RequestListener = (req, res) => {
    req.resume();
    const now = performance.now();
    firstMs ??= now;
    respond(res, now - firstMs, index++);
  };
  const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  server.on(tlsOptions ? 'secureConnection' : 'connection', () => (sockets += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    url: `${tlsOptions ? 'https' : 'http'}://127.0.0.1:${port}/echo`,
    sockets: () => sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  open.push(testServer);
  return testServer;
}

const after = (ms: number, res: http.ServerResponse, status = 200): void => {
  setTimeout(() => res.writeHead(status).end('ok'), ms);
};

function spec(url: string, overrides: Partial<LoadSpec> = {}): LoadSpec {
  return {
    url,
    rps: 100,
    connections: 10,
    durationMs: 1000,
    warmupMs: 200,
    requestTimeoutMs: 2000,
    workers: 1,
    ...overrides,
  };
}

const histogramCount = (trial: EngineTrial): number => decodeHistogram(trial.histogram).totalCount;

describe('the builtin engine in process', () => {
  it('holds 200 RPS over exactly 10 connections with the server delay as latency', async () => {
    const server = await startServer((res) => {
      after(5, res);
    });
    const progress: LoadProgress[] = [];
    const trial = await runLoad(spec(server.url, { rps: 200, durationMs: 2000, warmupMs: 500 }), {
      onProgress: (p) => progress.push(p),
    });
    expect(trial.engine).toBe('builtin');
    expect(trial.requestedRps).toBe(200);
    expect(Math.abs(trial.achievedRps - 200)).toBeLessThanOrEqual(2);
    expect(trial.requests).toBe(400);
    expect(trial.unsent).toBe(0);
    expect(trial.errors).toEqual({ total: 0, byCode: {} });
    expect(histogramCount(trial)).toBe(400);
    expect(trial.latencyMs.p50).toBeGreaterThanOrEqual(5);
    expect(trial.latencyMs.p50).toBeLessThan(50);
    expect(server.sockets()).toBe(10);
    expect(trial.measureEndMs - trial.measureStartMs).toBe(2000);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(3);
    expect(progress[0]).toMatchObject({ type: 'progress', phase: 'measure', totalMs: 2500 });
    expect(progress.at(-1)?.sent).toBeGreaterThan(progress[0]?.sent ?? Infinity);
  });

  it('counts non-2xx answers by status code and keeps them out of the latency histogram', async () => {
    const server = await startServer((res, _at, index) => {
      if (index % 4 === 3) {
        after(1, res, 503);
        return;
      }
      // Written in two parts: a chunked body, which the client must read to its end.
      res.writeHead(200).write('o');
      setTimeout(() => res.end('k'), 1);
    });
    const trial = await runLoad(spec(server.url));
    expect(trial.errors.byCode['503']).toBeGreaterThan(10);
    expect(Object.keys(trial.errors.byCode)).toEqual(['503']);
    expect(trial.errors.total).toBe(trial.errors.byCode['503']);
    expect(histogramCount(trial) + trial.errors.total).toBe(trial.requests);
  });

  it('times out requests to a server that never answers', async () => {
    const server = await startServer(() => undefined);
    const trial = await runLoad(
      spec(server.url, { rps: 50, connections: 5, requestTimeoutMs: 200 }),
    );
    expect(trial.errors.byCode.timeout).toBeGreaterThan(0);
    expect(trial.errors.total).toBe(trial.errors.byCode.timeout);
    expect(histogramCount(trial)).toBe(0);
    // Each timed-out request takes its slot's connection with it; the slot reconnects.
    expect(server.sockets()).toBeGreaterThan(5);
  });

  it('reports refused connections as socket errors', async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const trial = await runLoad(spec(server.url, { rps: 50 }));
    expect(trial.requests).toBe(50);
    expect(trial.errors).toEqual({ total: 50, byCode: { socket: 50 } });
  });

  it('speaks mTLS with the spec files, and fails the handshake without a client certificate', async () => {
    const certs = await createRunCertificates(cleanup);
    const server = await startServer(
      (res) => {
        after(1, res);
      },
      {
        cert: await readFile(certs.serverCertFile),
        key: await readFile(certs.serverKeyFile),
        ca: await readFile(certs.caFile),
        requestCert: true,
        rejectUnauthorized: true,
      },
    );
    const tls = { caFile: certs.caFile, serverName: 'localhost' };
    const withCert = { ...tls, certFile: certs.clientCertFile, keyFile: certs.clientKeyFile };
    const trial = await runLoad(spec(server.url, { connections: 5, tls: withCert }));
    expect(trial.errors.total).toBe(0);
    expect(trial.requests).toBe(100);
    expect(server.sockets()).toBe(5);

    const refused = await runLoad(spec(server.url, { rps: 20, connections: 2, tls }));
    expect(refused.errors.total).toBe(refused.requests);
    expect(refused.errors.byCode.socket).toBe(refused.requests);
  });

  it('refuses worker threads without a worker script', async () => {
    await expect(runLoad(spec('http://127.0.0.1:9/', { workers: 2 }))).rejects.toThrow(
      /workerScript/,
    );
  });
});

describe('no coordinated omission', () => {
  it('puts a 1 s server stall into the tail, counted from the intended send times', async () => {
    // 5 ms answers, except once: from the first request after 1.5 s, everything arriving in the
    // next 1 s is held until that second is over.
    let stallAtMs: number | undefined;
    const server = await startServer((res, atMs) => {
      if (stallAtMs === undefined && atMs >= 1500) stallAtMs = atMs;
      const stallEndMs = (stallAtMs ?? Infinity) + 1000;
      after(stallAtMs !== undefined && atMs < stallEndMs ? stallEndMs - atMs + 5 : 5, res);
    });
    const trial = await runLoad(
      spec(server.url, { rps: 100, connections: 50, durationMs: 3000, warmupMs: 500 }),
    );
    expect(trial.errors.total).toBe(0);
    expect(trial.requests).toBe(300);
    // ~100 of 300 requests were due during the stall, waiting from up to 1 s down to nothing.
    expect(trial.latencyMs.p99).toBeGreaterThanOrEqual(900);
    expect(trial.latencyMs.max).toBeGreaterThanOrEqual(1000);
    expect(trial.latencyMs.p50).toBeLessThan(500);
  });
});

function resultOf(stdout: string): { trial: EngineTrial; progress: LoadProgress[] } {
  const lines = stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string; trial?: EngineTrial });
  const result = lines.find((line) => line.type === 'result');
  if (!result?.trial) throw new Error(`no result line in:\n${stdout}`);
  return {
    trial: result.trial,
    progress: lines.filter((l) => l.type === 'progress') as LoadProgress[],
  };
}

describe('the bundled load generator (loadgen.mjs)', () => {
  it('splits 400 RPS over 2 worker threads and prints progress and one merged result', async () => {
    const server = await startServer((res) => {
      after(5, res);
    });
    const load = spec(server.url, { rps: 400, durationMs: 2000, warmupMs: 500, workers: 2 });
    const run = await runNode(scripts.loadgen, [JSON.stringify(load)], {
      env: cleanEnv(),
      timeoutMs: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { trial, progress } = resultOf(run.stdout);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(trial.engine).toBe('builtin');
    expect(Math.abs(trial.requests - 800)).toBeLessThanOrEqual(8);
    expect(Math.abs(trial.achievedRps - 400)).toBeLessThanOrEqual(4);
    expect(histogramCount(trial)).toBe(trial.requests);
    expect(trial.errors.total).toBe(0);
    expect(server.sockets()).toBe(10);
  });

  it('exits 2 naming the field for a bad spec', async () => {
    const run = await runNode(
      scripts.loadgen,
      [JSON.stringify({ ...spec('http://x/'), rps: -5 })],
      {
        env: cleanEnv(),
        timeoutMs: 10_000,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rps: expected a number > 0/);
    expect(run.stdout).toBe('');
  });

  it('on SIGTERM stops early and still prints what it measured', async () => {
    const server = await startServer((res) => {
      after(2, res);
    });
    const load = spec(server.url, { rps: 100, durationMs: 10_000, warmupMs: 200 });
    const child = spawn(process.execPath, [scripts.loadgen, JSON.stringify(load)], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let signalled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // The first progress line comes about 1 s in: a part of the window has been measured.
      // One signal only: a second one means "quit now" and kills the generator.
      if (!signalled && stdout.includes('"progress"')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('close', (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode);
      });
    });
    expect(code).toBe(0);
    const { trial } = resultOf(stdout);
    expect(trial.requests).toBeGreaterThan(0);
    expect(trial.requests).toBeLessThan(1000);
    expect(trial.unsent).toBe(1000 - trial.requests);
    expect(trial.measureEndMs - trial.measureStartMs).toBeLessThan(10_000);
    expect(trial.achievedRps).toBeGreaterThan(90);
  });
});
