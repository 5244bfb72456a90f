// The benchmark's server: answers every request after a fixed delay (the study's 200 ms), over
// HTTP/1.1 keep-alive or HTTPS with TLS 1.3 and, for app-mtls, required client certificates.
// Node built-ins only: it is bundled alone and mounted into a pod running the stock Node image.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface EchoServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Wait before answering. */
  delayMs: number;
  /** Response body size when the request has no body; a request body is echoed back instead. */
  payloadBytes: number;
  tls?: { certFile: string; keyFile: string; caFile?: string; requireClientCert: boolean };
  /**
   * Simulates one server pause: responses to requests arriving in [start+afterMs,
   * start+afterMs+forMs) are held until the window ends (+ delay); start is the first request.
   */
  stall?: { afterMs: number; forMs: number };
}

export interface RunningEchoServer {
  port: number;
  url: string;
  /** Stops accepting, answers in-flight requests, and cuts what is left after graceMs. */
  close(graceMs?: number): Promise<void>;
}

// The load generator keeps its pool open between requests; generous limits stop the server from
// closing those sockets (which would put reconnects and handshakes into the measurement).
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const HEADERS_TIMEOUT_MS = 66_000;
const DEFAULT_GRACE_MS = 5_000;
/** Echoing is for payload-size experiments, not bulk upload; larger bodies get 413. */
export const MAX_ECHO_BYTES = 16 * 1024 * 1024;

const HEALTH_BODY = Buffer.from('ok\n');

/** Answers with the request headers as JSON: how mTLS verification reads the peer identity. */
export const DEBUG_HEADERS_PATH = '/debug/headers';

function debugHeadersBody(headers: http.IncomingHttpHeaders): Buffer {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return Buffer.from(JSON.stringify({ headers: flat }));
}

export async function startEchoServer(options: EchoServerOptions): Promise<RunningEchoServer> {
  const server = await createServer(options);
  const payload = Buffer.alloc(options.payloadBytes, 0x78); // allocated once, sent to every request
  const payloadHeaders = bodyHeaders(payload.length);
  const clock = stallClock(options);
  let closing: Promise<void> | undefined;

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const arrivedAt = performance.now();
    // Once closing, answer what is in flight but let each socket go afterwards.
    if (closing) res.shouldKeepAlive = false;
    if (req.method === 'GET' && req.url === '/healthz') {
      req.resume();
      res.writeHead(200, bodyHeaders(HEALTH_BODY.length, 'text/plain')).end(HEALTH_BODY);
      return;
    }
    if (req.method === 'GET' && req.url === DEBUG_HEADERS_PATH) {
      // The headers as they arrived, e.g. those a mesh's proxy added (the client's identity).
      req.resume();
      const body = debugHeadersBody(req.headers);
      res.writeHead(200, bodyHeaders(body.length, 'application/json')).end(body);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let timer: NodeJS.Timeout | undefined;
    // Fires on the client's abort too: the pending answer is dropped with its timer.
    res.on('close', () => {
      clearTimeout(timer);
    });
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= MAX_ECHO_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.destroyed) return;
      if (received > MAX_ECHO_BYTES) {
        res.writeHead(413, bodyHeaders(0)).end();
        return;
      }
      const releaseAt = clock.releaseAt(arrivedAt);
      const answer = (): void => {
        // libuv measures timers from a loop time cached at the start of the iteration, so one
        // can fire up to ~1 ms early by the monotonic clock. The delay is the benchmark's ground
        // truth: top up with another timer (never a spin, which would inflate server CPU).
        const remaining = releaseAt - performance.now();
        if (remaining > 0) {
          timer = setTimeout(answer, Math.max(1, Math.ceil(remaining)));
          return;
        }
        if (closing) res.shouldKeepAlive = false;
        if (received === 0) {
          res.writeHead(200, payloadHeaders).end(payload);
        } else {
          res.writeHead(200, bodyHeaders(received)).end(Buffer.concat(chunks, received));
        }
      };
      timer = setTimeout(answer, Math.max(0, releaseAt - performance.now()));
    });
  });

  const port = await listen(server, options.host, options.port);
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://${hostInUrl}:${port}`,
    close(graceMs = DEFAULT_GRACE_MS) {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

async function createServer(options: EchoServerOptions): Promise<http.Server> {
  // The default requestTimeout (5 min) stays: it bounds receiving a request, not our delay.
  const httpOptions: http.ServerOptions = {
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
  };
  const tls = options.tls;
  let server: http.Server;
  if (!tls) {
    server = http.createServer(httpOptions);
  } else {
    const [cert, key, ca] = await readTlsFiles([
      [tls.certFile, 'tls.certFile'],
      [tls.keyFile, 'tls.keyFile'],
      [tls.caFile, 'tls.caFile'],
    ]);
    if (tls.requireClientCert && !ca) {
      throw new Error('tls.caFile is required when tls.requireClientCert is true');
    }
    server = https.createServer({
      ...httpOptions,
      cert,
      key,
      minVersion: 'TLSv1.3',
      ...(tls.requireClientCert ? { ca, requestCert: true, rejectUnauthorized: true } : {}),
    });
  }
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.maxRequestsPerSocket = 0; // unlimited
  return server;
}

/**
 * Reads the files side by side and names every one that cannot be read, in the order given, so
 * the message does not depend on which read failed first.
 */
async function readTlsFiles(
  files: readonly (readonly [file: string | undefined, field: string])[],
): Promise<(Buffer | undefined)[]> {
  const reads = await Promise.allSettled(
    files.map(([file]) => (file === undefined ? Promise.resolve(undefined) : readFile(file))),
  );
  const problems = reads.flatMap((read, i) => {
    const [file, field] = files[i] ?? [undefined, ''];
    if (read.status === 'fulfilled') return [];
    const code = (read.reason as NodeJS.ErrnoException | undefined)?.code ?? 'error';
    return [`${field}: cannot read ${file ?? ''} (${code})`];
  });
  if (problems.length > 0) throw new Error(problems.join('; '));
  return reads.map((read) => (read.status === 'fulfilled' ? read.value : undefined));
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function bodyHeaders(length: number, type = 'application/octet-stream'): http.OutgoingHttpHeaders {
  return { 'content-type': type, 'content-length': length };
}

/** When a request that arrived at `arrivedAt` may be answered (performance.now() clock). */
function stallClock(options: EchoServerOptions): { releaseAt(arrivedAt: number): number } {
  const stall = options.stall;
  let start: number | undefined;
  return {
    releaseAt(arrivedAt) {
      start ??= arrivedAt;
      if (stall) {
        const from = start + stall.afterMs;
        const until = from + stall.forMs;
        if (arrivedAt >= from && arrivedAt < until) return until + options.delayMs;
      }
      return arrivedAt + options.delayMs;
    },
  };
}
