// The probe pods' program, the exact text shipped in the Pod spec, run with node against real
// servers on loopback: the echo server's headers page, a closed port, a server that never answers,
// and an HTTPS server that requires client certificates (judged as the cluster app-mtls verifier
// judges them).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { createRunCertificates, type RunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { parseProbeLog, type ProbeSpec } from '../../src/mesh/probe/probePod.js';
import { parseSeenHeaders } from '../../src/mesh/probe/probeJudges.js';
import { PROBE_SCRIPT, PROBE_SPEC_ENV } from '../../src/mesh/probe/probeScript.js';
import { startEchoServer } from '../../src/server/echoServer.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

const HOST = '127.0.0.1';

async function probe(spec: ProbeSpec) {
  const run = await runNode('-e', [PROBE_SCRIPT], {
    env: cleanEnv({ [PROBE_SPEC_ENV]: JSON.stringify(spec) }),
    timeoutMs: 30_000,
  });
  expect(run.code).toBe(0);
  const { results, problems } = parseProbeLog(run.stdout);
  expect(problems).toEqual([]);
  return results;
}

describe('the probe program', () => {
  const cleanup = new Cleanup();
  let certs: RunCertificates;

  beforeAll(async () => {
    certs = await createRunCertificates(cleanup);
  });
  afterAll(async () => {
    expect(await cleanup.runAll()).toEqual([]);
  });

  async function listen(server: net.Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
    return (server.address() as net.AddressInfo).port;
  }

  it('reads back the headers the echo server saw', async () => {
    const server = await startEchoServer({ host: HOST, port: 0, delayMs: 0, payloadBytes: 0 });
    cleanup.add('close the echo server', () => server.close(100));
    const results = await probe({
      timeoutMs: 5000,
      requests: [{ name: 'identity', url: `${server.url}/debug/headers`, attempts: 3 }],
    });
    const identity = results.get('identity');
    expect(identity).toMatchObject({ kind: 'response', status: 200, attempts: 1, tls: null });
    if (identity?.kind !== 'response') throw new Error('no response');
    expect(parseSeenHeaders(identity.body)).toEqual({
      host: `${HOST}:${server.port}`,
      connection: 'close',
    });
  });

  it('reports a refused connection after its attempts, and a server that never answers', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    // Reads the request and never answers.
    const silent = net.createServer((socket) => {
      socket.resume();
    });
    const silentPort = await listen(silent);
    cleanup.add(
      'close the silent server',
      () =>
        new Promise<void>((resolve) => {
          silent.close(() => {
            resolve();
          });
        }),
    );
    const results = await probe({
      timeoutMs: 400,
      requests: [
        { name: 'refused', url: `http://${HOST}:${closedPort}/`, attempts: 2 },
        { name: 'silent', url: `http://${HOST}:${silentPort}/`, attempts: 1 },
      ],
    });
    expect(results.get('refused')).toMatchObject({ kind: 'refused', attempts: 2 });
    expect(results.get('refused')).toHaveProperty(
      'reason',
      expect.stringContaining('ECONNREFUSED'),
    );
    expect(results.get('silent')).toEqual({ name: 'silent', attempts: 1, kind: 'timeout' });
  });

  it('does mutual TLS: our certificate served over TLS 1.3, none and a foreign one refused', async () => {
    const server = await startEchoServer({
      host: HOST,
      port: 0,
      delayMs: 0,
      payloadBytes: 0,
      tls: {
        certFile: certs.serverCertFile,
        keyFile: certs.serverKeyFile,
        caFile: certs.caFile,
        requireClientCert: true,
      },
    });
    cleanup.add('close the TLS echo server', () => server.close(100));
    const url = `https://localhost:${server.port}/healthz`;
    const results = await probe({
      timeoutMs: 5000,
      requests: [
        {
          name: 'ours',
          url,
          attempts: 1,
          tls: {
            caFile: certs.caFile,
            certFile: certs.clientCertFile,
            keyFile: certs.clientKeyFile,
          },
        },
        { name: 'none', url, attempts: 1, tls: { caFile: certs.caFile } },
        {
          name: 'rogue',
          url,
          attempts: 1,
          tls: { caFile: certs.caFile, certFile: certs.rogueCertFile, keyFile: certs.rogueKeyFile },
        },
      ],
    });
    expect(results.get('ours')).toMatchObject({
      kind: 'response',
      status: 200,
      tls: { protocol: 'TLSv1.3', authorized: true, authorizationError: null },
    });
    expect(results.get('none')?.kind).toBe('refused');
    expect(results.get('rogue')?.kind).toBe('refused');
  });

  it('reports an unverified server certificate instead of hiding it', async () => {
    const server = await startEchoServer({
      host: HOST,
      port: 0,
      delayMs: 0,
      payloadBytes: 0,
      tls: { certFile: certs.rogueCertFile, keyFile: certs.rogueKeyFile, requireClientCert: false },
    });
    cleanup.add('close the rogue TLS server', () => server.close(100));
    const results = await probe({
      timeoutMs: 5000,
      requests: [
        { name: 'ours', url: `${server.url}/healthz`, attempts: 1, tls: { caFile: certs.caFile } },
      ],
    });
    expect(results.get('ours')).toMatchObject({
      kind: 'response',
      status: 200,
      tls: { protocol: 'TLSv1.3', authorized: false },
    });
  });
});
