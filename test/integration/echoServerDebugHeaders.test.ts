// GET /debug/headers on the echo server: the request headers as JSON, answered at once (the
// benchmark delay is for measured requests), so that mTLS verification can read the identity a
// mesh's proxy added.
import { afterAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { DEBUG_HEADERS_PATH, startEchoServer } from '../../src/server/echoServer.js';

function get(url: string, headers: http.OutgoingHttpHeaders) {
  return new Promise<{ status: number; type: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = http.get(url, { headers, timeout: 5000 }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
    },
  );
}

describe('echo server /debug/headers', () => {
  const servers: { close(graceMs?: number): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close(100)));
  });

  it('answers with the request headers, lower-cased, without the benchmark delay', async () => {
    const server = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      delayMs: 2000,
      payloadBytes: 10,
    });
    servers.push(server);
    const started = performance.now();
    const reply = await get(`${server.url}${DEBUG_HEADERS_PATH}`, {
      'X-Forwarded-Client-Cert':
        'By=spiffe://cluster.local/ns/bench/sa/server;URI=spiffe://cluster.local/ns/bench/sa/client',
      'l5d-client-id': 'client.bench.serviceaccount.identity.linkerd.cluster.local',
      connection: 'close',
    });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('application/json');
    expect(JSON.parse(reply.body)).toEqual({
      headers: {
        'x-forwarded-client-cert':
          'By=spiffe://cluster.local/ns/bench/sa/server;URI=spiffe://cluster.local/ns/bench/sa/client',
        'l5d-client-id': 'client.bench.serviceaccount.identity.linkerd.cluster.local',
        connection: 'close',
        host: `127.0.0.1:${server.port}`,
      },
    });
  });
});
