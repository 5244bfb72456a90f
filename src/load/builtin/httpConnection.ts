// One keep-alive HTTP/1.1 (or HTTPS) connection carrying one GET at a time: it connects on first
// use, reconnects after the server closed it or a request failed, and never pipelines.
import net from 'node:net';
import tls from 'node:tls';
import { ResponseError, ResponseParser, type ResponseEnd } from './responseParser.js';
import type { TlsMaterial } from './tlsMaterial.js';

/**
 * How one request ended: the HTTP status code, or why there was none. 'aborted' means the pool
 * was closed under it (the run was cut short), which is neither a success nor a server error.
 */
export type RequestOutcome = number | 'timeout' | 'socket' | 'aborted';

export interface Target {
  host: string;
  port: number;
  /** Set for https: URLs; undefined for plain HTTP. */
  tls: tls.ConnectionOptions | undefined;
  /** The whole request, built once. */
  request: Buffer;
  requestTimeoutMs: number;
}

const USER_AGENT = 'mesh-perf-builtin';

/** Everything a connection needs, worked out once from the URL and the TLS files. */
export function targetOf(url: string, requestTimeoutMs: number, material?: TlsMaterial): Target {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  if (!secure && parsed.protocol !== 'http:') {
    throw new Error(`url: expected http: or https:, got ${parsed.protocol}`);
  }
  // URL keeps IPv6 literals bracketed; the socket layer wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const request = Buffer.from(
    `GET ${parsed.pathname}${parsed.search} HTTP/1.1\r\nHost: ${parsed.host}\r\n` +
      `User-Agent: ${USER_AGENT}\r\nAccept: */*\r\n\r\n`,
    'latin1',
  );
  // SNI must be a name; for an IP address none is sent and the certificate is checked by IP.
  const servername = material?.servername ?? (net.isIP(host) ? undefined : host);
  const tlsOptions: tls.ConnectionOptions | undefined = secure
    ? {
        minVersion: 'TLSv1.2',
        ALPNProtocols: ['http/1.1'],
        ...(material ? { ca: material.ca, cert: material.cert, key: material.key } : {}),
        ...(servername ? { servername } : {}),
      }
    : undefined;
  return {
    host,
    port: Number(parsed.port) || (secure ? 443 : 80),
    tls: tlsOptions,
    request,
    requestTimeoutMs,
  };
}

interface InFlight {
  onDone: (outcome: RequestOutcome) => void;
  timer: NodeJS.Timeout;
}

export class HttpConnection {
  private socket: net.Socket | undefined;
  private current: InFlight | undefined;
  private readonly parser = new ResponseParser();
  /** Connections opened so far, for tests and diagnostics. */
  opened = 0;

  constructor(private readonly target: Target) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Sends the request; `onDone` is called exactly once. The connection must not be busy. */
  send(onDone: (outcome: RequestOutcome) => void): void {
    if (this.current) throw new Error('HttpConnection.send: a request is already in flight');
    const socket = this.socket ?? this.connect();
    this.parser.reset();
    this.current = {
      onDone,
      timer: setTimeout(() => {
        this.fail('timeout');
      }, this.target.requestTimeoutMs),
    };
    socket.write(this.target.request);
  }

  /** Ends a request in flight as 'aborted' and closes the socket. */
  close(): void {
    this.fail('aborted');
    this.drop();
  }

  private connect(): net.Socket {
    const { host, port } = this.target;
    const socket = this.target.tls
      ? tls.connect({ ...this.target.tls, host, port })
      : net.connect({ host, port, noDelay: true });
    if (this.target.tls) socket.setNoDelay(true);
    this.socket = socket;
    this.opened += 1;
    socket.on('data', (chunk: Buffer) => {
      if (socket === this.socket) this.onData(chunk);
    });
    socket.on('end', () => {
      if (socket === this.socket) this.onEnd();
    });
    // 'error' is followed by 'close'; a socket that is no longer ours is none of our business.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.fail('socket');
    });
    return socket;
  }

  private onData(chunk: Buffer): void {
    if (!this.current) {
      // Bytes nobody asked for: the stream is out of step, start afresh next time.
      this.drop();
      return;
    }
    let end: ResponseEnd | undefined;
    try {
      end = this.parser.push(chunk);
    } catch (error) {
      if (!(error instanceof ResponseError)) throw error;
      this.fail('socket');
      return;
    }
    if (!end) return;
    if (!end.keepAlive) this.drop();
    this.finish(end.status);
  }

  private onEnd(): void {
    // A body without a length ends with the connection; anything else cut short is a failure.
    const end = this.parser.endAtClose();
    this.drop();
    if (end) this.finish(end.status);
    else this.fail('socket');
  }

  /** Ends the request in flight (if any) with `outcome`; a failed connection is not reused. */
  private fail(outcome: RequestOutcome): void {
    if (!this.current) return;
    this.drop();
    this.finish(outcome);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  private finish(outcome: RequestOutcome): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.onDone(outcome);
  }
}
