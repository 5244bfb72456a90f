// fortio's argument lists, built by pure functions from the engine-independent load spec, so the
// local runner, `--dry-run` and generator pods in a cluster run exactly the same argv.
import { isIP } from 'node:net';
import { ConfigError } from '../../errors.js';
import type { LoadSpec } from '../types.js';

/** The pinned version: the one test/fixtures/fortio was recorded with and CI installs. */
export const FORTIO_VERSION = '1.68.2';
export const FORTIO_INSTALL = `go install fortio.org/fortio@v${FORTIO_VERSION}`;

/**
 * Histogram resolution in seconds. fortio's buckets are 1×r wide only up to 11×r, then about 10-25 %
 * of the value up to 1000×r, then 100 % wide. 50 µs resolves sub-millisecond latency in 11 buckets
 * and keeps 0.5-50 ms (above the floor below) at 10-20 %; the default 0.001 put everything under
 * 1 ms into one bucket.
 */
export const FORTIO_RESOLUTION_SECONDS = 0.00005;
/** Percentiles fortio computes itself; ours come from the converted histogram, these cross-check. */
export const FORTIO_PERCENTILES = '50,90,99,99.9';
/** fortio's default read buffer; a larger response is cut short, so the buffer grows with it. */
const DEFAULT_BUFFER_KB = 128;
/** Room for the status line and headers next to the body. */
const HEADER_ALLOWANCE_KB = 4;
const DEFAULT_MAX_PAYLOAD_KB = 256;
/** Longer than any keep-alive gap between two requests of one connection (our server uses 65 s). */
const SERVER_IDLE_TIMEOUT = '65s';

export type FortioLoadSpec = Pick<
  LoadSpec,
  'url' | 'rps' | 'connections' | 'durationMs' | 'requestTimeoutMs' | 'tls'
>;

export interface FortioLoadExtras {
  /**
   * The least latency the server can answer in (its fixed delay). It becomes fortio's histogram
   * offset, so the fine buckets start there instead of at 0, where no answer can fall.
   */
  latencyFloorMs?: number;
  /** Largest response body expected, to size fortio's read buffer. */
  responseBytes?: number;
  /** False for the warm-up run, whose result is not read. Default true: JSON on stdout. */
  json?: boolean;
  /**
   * -nocatchup: skip calls that fell due while fortio waited for an answer instead of sending them
   * late. The engine leaves it off, like the study; `npm run bench` shows what it changes.
   */
  noCatchup?: boolean;
  /**
   * -uniform: stagger the connections' start so their calls interleave evenly, as the builtin
   * engine's do. Off by default (the study's setting: every connection fires at the same instant).
   */
  uniform?: boolean;
}

/** A Go duration flag value; whole milliseconds where possible, microseconds otherwise. */
export function goDuration(ms: number): string {
  return Number.isInteger(ms) ? `${ms}ms` : `${Math.round(ms * 1000)}us`;
}

function positive(value: number, field: string, meaning: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    // fortio reads 0 as "no limit": -qps 0 runs at full speed and -t 0 until interrupted.
    throw new ConfigError(
      `${field}: ${value} is not allowed for fortio (${meaning}); allowed: > 0`,
    );
  }
}

/**
 * fortio takes the TLS server name from the URL's host. When it must differ (a certificate for
 * "localhost" served on 127.0.0.1), the URL names the server and `-resolve` gives the address.
 */
function target(spec: FortioLoadSpec): { url: string; resolve?: string } {
  const serverName = spec.tls?.serverName;
  if (serverName === undefined) return { url: spec.url };
  const url = new URL(spec.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (serverName === host) return { url: spec.url };
  if (isIP(host) === 0) {
    throw new ConfigError(
      `tls.serverName: "${serverName}" differs from the URL host "${host}", which fortio also uses as the TLS server name; allowed: the URL host, or an IP address in the URL`,
    );
  }
  url.hostname = serverName;
  return { url: url.toString(), resolve: host };
}

/** `fortio load ...` for one measured run (or, with json: false, its warm-up). */
export function fortioLoadArgs(spec: FortioLoadSpec, extras: FortioLoadExtras = {}): string[] {
  positive(spec.rps, 'rps', '-qps 0 means as fast as possible');
  positive(spec.durationMs, 'durationMs', '-t 0 means until interrupted');
  positive(spec.requestTimeoutMs, 'requestTimeoutMs', 'a timeout of 0');
  if (!Number.isInteger(spec.connections) || spec.connections < 1) {
    throw new ConfigError(`connections: ${spec.connections}; allowed: a whole number from 1`);
  }
  const { url, resolve } = target(spec);
  const floorMs = extras.latencyFloorMs ?? 0;
  const bufferKb = Math.ceil((extras.responseBytes ?? 0) / 1024) + HEADER_ALLOWANCE_KB;
  const args = [
    'load',
    '-qps',
    String(spec.rps),
    '-c',
    String(spec.connections),
    '-t',
    goDuration(spec.durationMs),
    '-timeout',
    goDuration(spec.requestTimeoutMs),
    '-r',
    String(FORTIO_RESOLUTION_SECONDS),
    '-p',
    FORTIO_PERCENTILES,
    // Without labels fortio records the host name in its result.
    '-labels',
    'mesh-perf',
    // Warnings (falling behind, calls cut short) stay; per-thread info lines go.
    '-loglevel',
    'Warning',
  ];
  if (floorMs > 0) args.push('-offset', goDuration(floorMs));
  if (bufferKb > DEFAULT_BUFFER_KB) args.push('-httpbufferkb', String(bufferKb));
  if (spec.tls) {
    args.push('-cacert', spec.tls.caFile);
    if (spec.tls.certFile !== undefined && spec.tls.keyFile !== undefined) {
      args.push('-cert', spec.tls.certFile, '-key', spec.tls.keyFile);
    }
  }
  if (resolve !== undefined) args.push('-resolve', resolve);
  if (extras.noCatchup === true) args.push('-nocatchup');
  if (extras.uniform === true) args.push('-uniform');
  if (extras.json !== false) args.push('-json', '-');
  args.push(url);
  return args;
}

export interface FortioServerOptions {
  host: string;
  /** 0 picks a free port; fortio logs the one it got. */
  port: number;
  delayMs: number;
  payloadBytes: number;
  tls?: { certFile: string; keyFile: string; caFile?: string; requireClientCert: boolean };
}

/**
 * `fortio server ...` with only the HTTP(S) echo server: no gRPC, redirect, TCP/UDP echo, UI or
 * debug handler. The delay is asked for per request (fortioEchoPath); fortio caps it at
 * -max-echo-delay (1.5 s by default), so the cap is raised to the delay.
 */
export function fortioServerArgs(options: FortioServerOptions): string[] {
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const args = [
    'server',
    '-http-port',
    `${host}:${options.port}`,
    '-grpc-port',
    'disabled',
    '-redirect-port',
    'disabled',
    '-tcp-port',
    'disabled',
    '-udp-port',
    'disabled',
    '-ui-path',
    '',
    '-echo-debug-path',
    '',
    '-max-echo-delay',
    goDuration(options.delayMs),
    '-server-idle-timeout',
    SERVER_IDLE_TIMEOUT,
    '-loglevel',
    'Warning',
  ];
  const payloadKb = Math.ceil(options.payloadBytes / 1024);
  if (payloadKb > DEFAULT_MAX_PAYLOAD_KB) args.push('-maxpayloadsizekb', String(payloadKb));
  if (options.tls) {
    args.push('-cert', options.tls.certFile, '-key', options.tls.keyFile);
    if (options.tls.caFile !== undefined) args.push('-cacert', options.tls.caFile);
    if (options.tls.requireClientCert) args.push('-mtls');
  }
  return args;
}

/**
 * The echo handler's path and query: `delay=10ms` (a plain duration applies to every request; the
 * `10ms:50` form is a probability) and `size=N` for an N-byte body.
 */
export function fortioEchoPath(delayMs: number, payloadBytes: number): string {
  const query = [
    ...(delayMs > 0 ? [`delay=${goDuration(delayMs)}`] : []),
    ...(payloadBytes > 0 ? [`size=${payloadBytes}`] : []),
  ];
  return query.length === 0 ? '/echo' : `/echo?${query.join('&')}`;
}

/**
 * Whether a process's argv (/proc/<pid>/cmdline split at NUL) is a `fortio server` started with
 * fortioServerArgs: what the post step may stop after a cancelled job.
 */
export function isOurFortioServer(argv: readonly string[]): boolean {
  const [program, command] = argv;
  const uiPath = argv.indexOf('-ui-path');
  return (
    (program ?? '').split('/').at(-1) === 'fortio' &&
    command === 'server' &&
    argv.includes('-max-echo-delay') &&
    uiPath !== -1 &&
    argv[uiPath + 1] === ''
  );
}

/** The port from fortio's "http-echo server listening on tcp 127.0.0.1:PORT" log line. */
export function parseFortioListening(line: string): number | undefined {
  const match = /https?-echo server listening on tcp \S*:(\d+)\b/.exec(line);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
