// The echo server on loopback: delay, payload, echo, keep-alive, graceful close, the stall knob,
// HTTPS with required client certificates, and the bundled entry run as a child process.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createRunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import {
  startEchoServer,
  type EchoServerOptions,
  type RunningEchoServer,
} from '../../src/server/echoServer.js';
import { scripts } from '../support/paths.js';

interface Reply {
  status: number;
  body: Buffer;
  elapsedMs: number;
  localPort: number | undefined;
  reused: boolean;
}

interface RequestOptions extends https.RequestOptions {
  body?: Buffer;
}

/** One request, resolved with the whole body; bounded by a 10 s timeout. */
function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  const { body, ...rest } = options;
  const started = performance.now();
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: body ? 'POST' : 'GET', timeout: 10_000, ...rest });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          elapsedMs: performance.now() - started,
          localPort: req.socket?.localPort,
          reused: req.reusedSocket,
        });
      });
    });
    req.end(body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('startEchoServer', () => {
  const cleanup = new Cleanup();
  afterEach(async () => {
    expect(await cleanup.runAll()).toEqual([]);
  });

  async function start(options: Partial<EchoServerOptions> = {}): Promise<RunningEchoServer> {
    const server = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      delayMs: 0,
      payloadBytes: 0,
      ...options,
    });
    cleanup.add('close the echo server', () => server.close(100));
    return server;
  }

  it('answers after the delay with a payload of the configured size', async () => {
    const server = await start({ delayMs: 150, payloadBytes: 1234 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const reply = await request(`${server.url}/echo`);
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(1234);
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(150);
  });

  it('echoes a request body instead of the payload', async () => {
    const server = await start({ payloadBytes: 10 });
    const body = Buffer.from('hello mesh '.repeat(1000));
    const reply = await request(`${server.url}/echo`, { body });
    expect(reply.status).toBe(200);
    expect(reply.body.equals(body)).toBe(true);
  });

  it('answers /healthz at once, without the delay', async () => {
    const server = await start({ delayMs: 5_000 });
    const reply = await request(`${server.url}/healthz`);
    expect(reply.status).toBe(200);
    expect(reply.elapsedMs).toBeLessThan(4_000);
  });

  it('keeps the connection alive between requests', async () => {
    const server = await start({ delayMs: 10, payloadBytes: 16 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanup.add('destroy the agent', () => {
      agent.destroy();
    });
    const first = await request(`${server.url}/echo`, { agent });
    const second = await request(`${server.url}/echo`, { agent });
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    expect(second.localPort).toBe(first.localPort);
  });

  it('finishes an in-flight request on graceful close, then refuses new ones', async () => {
    const server = await start({ delayMs: 300, payloadBytes: 8 });
    const agent = new http.Agent({ keepAlive: true });
    cleanup.add('destroy the agent', () => {
      agent.destroy();
    });
    const inFlight = request(`${server.url}/echo`, { agent });
    await sleep(50);
    const closed = server.close(10_000);
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(8);
    await closed; // also proves the keep-alive socket did not hold close() open
    await expect(request(`${server.url}/echo`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('holds a request arriving in the stall window until the window ends', async () => {
    const server = await start({ delayMs: 50, stall: { afterMs: 200, forMs: 600 } });
    const firstSent = performance.now(); // the server's stall clock starts no earlier than this
    const first = await request(`${server.url}/echo`);
    expect(first.elapsedMs).toBeGreaterThanOrEqual(50);
    expect(first.elapsedMs).toBeLessThan(600); // generous: it must not have been stalled
    await sleep(Math.max(0, firstSent + 300 - performance.now()));
    const stalled = await request(`${server.url}/echo`);
    const answeredAt = performance.now();
    expect(stalled.status).toBe(200);
    expect(answeredAt - firstSent).toBeGreaterThanOrEqual(200 + 600 + 50);
  });

  it('serves HTTPS with TLS 1.3 only to clients with a certificate from the run CA', async () => {
    const certs = await createRunCertificates(cleanup);
    const server = await start({
      delayMs: 0,
      payloadBytes: 4,
      tls: {
        certFile: certs.serverCertFile,
        keyFile: certs.serverKeyFile,
        caFile: certs.caFile,
        requireClientCert: true,
      },
    });
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    const ca = await readFile(certs.caFile);
    const tls = { ca, servername: 'localhost', agent: false as const };
    const reply = await request(`${server.url}/echo`, {
      ...tls,
      cert: await readFile(certs.clientCertFile),
      key: await readFile(certs.clientKeyFile),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(4);

    await expect(request(`${server.url}/echo`, tls)).rejects.toThrow();
    await expect(
      request(`${server.url}/echo`, {
        ...tls,
        cert: await readFile(certs.rogueCertFile),
        key: await readFile(certs.rogueKeyFile),
      }),
    ).rejects.toThrow();
  });
});

describe('server.mjs (bundled entry)', () => {
  interface Exit {
    code: number | null;
    stderr: string;
  }

  function run(args: string[]): {
    firstLine: Promise<string>;
    exit: Promise<Exit>;
    kill: (signal: NodeJS.Signals) => void;
  } {
    const child = spawn(process.execPath, [scripts.server, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout });
    const exit = once(child, 'close').then(([code]) => {
      clearTimeout(timer);
      return { code: code as number | null, stderr };
    });
    const firstLine = Promise.race([
      once(lines, 'line').then(([line]) => String(line)),
      exit.then(({ code }) => {
        throw new Error(`server exited (${code}) before printing a line: ${stderr}`);
      }),
    ]);
    firstLine.catch(() => undefined); // tests that expect an early exit never read the line
    return { firstLine, exit, kill: (signal) => child.kill(signal) };
  }

  it('prints one listening line, serves, and exits 0 on SIGTERM', async () => {
    const child = run([
      JSON.stringify({ host: '127.0.0.1', port: 0, delayMs: 20, payloadBytes: 3 }),
    ]);
    const line = JSON.parse(await child.firstLine) as { type: string; port: number; pid: number };
    expect(line).toEqual({ type: 'listening', port: expect.any(Number), pid: expect.any(Number) });
    const reply = await request(`http://127.0.0.1:${line.port}/echo`);
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(3);
    child.kill('SIGTERM');
    expect((await child.exit).code).toBe(0);
  });

  it.each([
    ['{not json', /options: not valid JSON/],
    [JSON.stringify({ port: 0, delayMs: -5, payloadBytes: 1 }), /delayMs: expected a number >= 0/],
    [JSON.stringify({ delayMs: 0, payloadBytes: 1.5 }), /payloadBytes: expected an integer/],
    [JSON.stringify({ delayMs: 0, payloadBytes: 1, dleay: 3 }), /dleay: unknown field/],
    [
      JSON.stringify({ delayMs: 0, payloadBytes: 1, tls: { certFile: 'c', keyFile: 'k' } }),
      /tls\.requireClientCert: expected true or false/,
    ],
    [
      JSON.stringify({
        delayMs: 0,
        payloadBytes: 1,
        tls: { certFile: 'c', keyFile: 'k', requireClientCert: true },
      }),
      /tls\.caFile: required/,
    ],
  ])('rejects bad options %s with exit 2 naming the field', async (arg, message) => {
    const exit = await run([arg]).exit;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(message);
  });

  it('exits 3 when it cannot start (missing certificate files)', async () => {
    const options = {
      delayMs: 0,
      payloadBytes: 1,
      tls: {
        certFile: '/nonexistent/cert.pem',
        keyFile: '/nonexistent/key.pem',
        requireClientCert: false,
      },
    };
    const exit = await run([JSON.stringify(options)]).exit;
    expect(exit.code).toBe(3);
    // Both unreadable files are named, in a fixed order, whichever read failed first.
    expect(exit.stderr).toContain(
      'tls.certFile: cannot read /nonexistent/cert.pem (ENOENT); tls.keyFile: cannot read /nonexistent/key.pem (ENOENT)',
    );
  });
});
