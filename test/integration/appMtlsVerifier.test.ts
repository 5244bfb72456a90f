// The app-mtls probe against real servers on loopback: one that enforces client certificates, one
// that only does TLS, one that is plain HTTP, and a port where nothing listens.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { createRunCertificates, type RunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { verifyAppMtls } from '../../src/mesh/appMtlsVerifier.js';
import { startEchoServer, type EchoServerOptions } from '../../src/server/echoServer.js';

const HOST = '127.0.0.1';
const TIMEOUT_MS = 5000;

describe('verifyAppMtls', () => {
  const cleanup = new Cleanup();
  let certs: RunCertificates;

  beforeAll(async () => {
    certs = await createRunCertificates(cleanup);
  });
  afterAll(async () => {
    expect(await cleanup.runAll()).toEqual([]);
  });

  async function serverPort(tls?: EchoServerOptions['tls']): Promise<number> {
    const server = await startEchoServer({
      host: HOST,
      port: 0,
      delayMs: 0,
      payloadBytes: 8,
      ...(tls ? { tls } : {}),
    });
    cleanup.add('close the echo server', () => server.close(100));
    return server.port;
  }

  function tlsOptions(requireClientCert: boolean): EchoServerOptions['tls'] {
    return {
      certFile: certs.serverCertFile,
      keyFile: certs.serverKeyFile,
      caFile: certs.caFile,
      requireClientCert,
    };
  }

  it('verifies a server that requires a client certificate from our CA', async () => {
    const port = await serverPort(tlsOptions(true));
    const result = await verifyAppMtls(
      { host: HOST, port, serverName: 'localhost' },
      certs,
      TIMEOUT_MS,
    );
    expect(result.method).toBe('client-certificate-probe');
    expect(result.details).toHaveLength(3);
    expect(result.details[0]).toMatch(/^our client certificate: accepted over TLSv1\.3/);
    // TLS 1.3: the refusal arrives as an alert after the client's side of the handshake is done.
    expect(result.details[1]).toMatch(
      /^no client certificate: refused \((alert certificate required|.*ECONNRESET.*)\)$/,
    );
    expect(result.details[2]).toMatch(/^client certificate from a foreign CA: refused \(/);
    expect(result.verified).toBe(true);
  });

  it('also checks the server certificate against the IP address when no name is given', async () => {
    const port = await serverPort(tlsOptions(true));
    const result = await verifyAppMtls({ host: HOST, port }, certs, TIMEOUT_MS);
    expect(result.verified).toBe(true);
  });

  it('fails when the server certificate does not match the name', async () => {
    const port = await serverPort(tlsOptions(true));
    const result = await verifyAppMtls(
      { host: HOST, port, serverName: 'not-our-server.example' },
      certs,
      TIMEOUT_MS,
    );
    expect(result.verified).toBe(false);
    expect(result.details[0]).toMatch(/server certificate not verified/);
  });

  it('fails against TLS that accepts clients without a certificate', async () => {
    const port = await serverPort(tlsOptions(false));
    const result = await verifyAppMtls(
      { host: HOST, port, serverName: 'localhost' },
      certs,
      TIMEOUT_MS,
    );
    expect(result.verified).toBe(false);
    expect(result.details).toHaveLength(3);
    expect(result.details[0]).toMatch(/^our client certificate: accepted/);
    expect(result.details[1]).toMatch(
      /^no client certificate: ACCEPTED, GET \/healthz answered HTTP 200/,
    );
    expect(result.details[2]).toMatch(/^client certificate from a foreign CA: ACCEPTED/);
  });

  it('fails against plain HTTP', async () => {
    const port = await serverPort();
    const result = await verifyAppMtls({ host: HOST, port }, certs, TIMEOUT_MS);
    expect(result.verified).toBe(false);
    expect(result.details[0]).toBe(
      'our client certificate: failed (TLS error: wrong version number)',
    );
  });

  it('fails, without throwing, when nothing listens on the port', async () => {
    const port = await freePort();
    const result = await verifyAppMtls({ host: HOST, port }, certs, TIMEOUT_MS);
    expect(result.verified).toBe(false);
    expect(result.details[0]).toMatch(/ECONNREFUSED/);
  });

  it('fails, without throwing, when the port accepts but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, HOST, resolve));
    cleanup.add('close the silent server', () => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const { port } = silent.address() as net.AddressInfo;
    const result = await verifyAppMtls({ host: HOST, port }, certs, 300);
    expect(result.verified).toBe(false);
    expect(result.details).toEqual([
      'our client certificate: no answer within 300 ms',
      'no client certificate: no answer within 300 ms (not refused)',
      'client certificate from a foreign CA: no answer within 300 ms (not refused)',
    ]);
  });

  it('throws for bad arguments only', async () => {
    await expect(verifyAppMtls({ host: '', port: 443 }, certs)).rejects.toThrow(/host/);
    await expect(verifyAppMtls({ host: HOST, port: 70_000 }, certs)).rejects.toThrow(/port/);
    await expect(verifyAppMtls({ host: HOST, port: 443 }, certs, 0)).rejects.toThrow(/timeoutMs/);
    await expect(
      verifyAppMtls({ host: HOST, port: 443 }, { ...certs, caFile: '/nonexistent/ca.pem' }),
    ).rejects.toThrow(/cannot read/);
  });
});

/** A port that was free a moment ago: listen on 0, note it, close. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}
