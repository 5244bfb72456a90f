// Proves the app-mtls baseline really is mutual TLS before its numbers count: our client is served
// over TLS 1.3 by a server our CA vouches for, while a client with no certificate or a foreign one is refused.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import tls from 'node:tls';

export interface MtlsProbeTarget {
  host: string;
  port: number;
  /** Name checked against the server certificate (and sent as SNI); defaults to host. */
  serverName?: string;
}

export interface MtlsProbeCertificates {
  caFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  rogueCertFile: string;
  rogueKeyFile: string;
}

export interface AppMtlsVerification {
  verified: boolean;
  method: 'client-certificate-probe';
  /** One line per check, saying what was observed. */
  details: string[];
}

/** What one connection attempt saw. */
type ProbeOutcome =
  | { kind: 'response'; status: number | undefined; handshake: Handshake }
  | { kind: 'refused'; reason: string }
  | { kind: 'timeout' };

interface Handshake {
  protocol: string | null;
  authorized: boolean;
  authorizationError: string | undefined;
}

const PROBE_PATH = '/healthz';
/** Enough for any status line; the rest of the response is never read. */
const MAX_HEAD_BYTES = 8192;

export async function verifyAppMtls(
  target: MtlsProbeTarget,
  certs: MtlsProbeCertificates,
  timeoutMs = 5000,
): Promise<AppMtlsVerification> {
  checkArguments(target, timeoutMs);
  const [ca, cert, key, rogueCert, rogueKey] = await Promise.all([
    readProbeFile(certs.caFile),
    readProbeFile(certs.clientCertFile),
    readProbeFile(certs.clientKeyFile),
    readProbeFile(certs.rogueCertFile),
    readProbeFile(certs.rogueKeyFile),
  ]);
  // In parallel: each is one short connection, and the slowest bounds the whole check.
  const [ours, none, rogue] = await Promise.all([
    probe(target, { ca, cert, key }, timeoutMs),
    probe(target, { ca }, timeoutMs),
    probe(target, { ca, cert: rogueCert, key: rogueKey }, timeoutMs),
  ]);
  const checks = [
    judgeOurClient(ours, timeoutMs),
    judgeRefusal('no client certificate', none, timeoutMs),
    judgeRefusal('client certificate from a foreign CA', rogue, timeoutMs),
  ];
  return {
    verified: checks.every((check) => check.passed),
    method: 'client-certificate-probe',
    details: checks.map((check) => check.detail),
  };
}

async function readProbeFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`mTLS probe: cannot read ${file}`, { cause: error });
  }
}

function checkArguments(target: MtlsProbeTarget, timeoutMs: number): void {
  if (typeof target.host !== 'string' || target.host === '') {
    throw new TypeError(
      `mTLS probe: host must be a non-empty string, got ${JSON.stringify(target.host)}`,
    );
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65_535) {
    throw new RangeError(`mTLS probe: port must be an integer from 1 to 65535, got ${target.port}`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`mTLS probe: timeoutMs must be a positive number, got ${timeoutMs}`);
  }
}

interface Check {
  passed: boolean;
  detail: string;
}

function judgeOurClient(outcome: ProbeOutcome, timeoutMs: number): Check {
  const label = 'our client certificate';
  if (outcome.kind === 'timeout') {
    return { passed: false, detail: `${label}: no answer within ${timeoutMs} ms` };
  }
  if (outcome.kind === 'refused') {
    return { passed: false, detail: `${label}: failed (${outcome.reason})` };
  }
  const { handshake, status } = outcome;
  const problems: string[] = [];
  if (handshake.protocol !== 'TLSv1.3') {
    problems.push(`negotiated ${handshake.protocol ?? 'no protocol'}, TLSv1.3 required`);
  }
  if (!handshake.authorized) {
    problems.push(
      `server certificate not verified by our CA (${handshake.authorizationError ?? 'unknown reason'})`,
    );
  }
  if (status !== 200)
    problems.push(`GET ${PROBE_PATH} answered ${statusText(status)}, 200 required`);
  if (problems.length > 0)
    return { passed: false, detail: `${label}: failed: ${problems.join('; ')}` };
  return {
    passed: true,
    detail: `${label}: accepted over TLSv1.3, server certificate verified against our CA, GET ${PROBE_PATH} -> 200`,
  };
}

function judgeRefusal(label: string, outcome: ProbeOutcome, timeoutMs: number): Check {
  switch (outcome.kind) {
    case 'refused':
      return { passed: true, detail: `${label}: refused (${outcome.reason})` };
    case 'response':
      return {
        passed: false,
        detail: `${label}: ACCEPTED, GET ${PROBE_PATH} answered ${statusText(outcome.status)}: the server does not enforce client certificates`,
      };
    case 'timeout':
      // Neither served nor refused: cannot count as proof that the server enforces mTLS.
      return { passed: false, detail: `${label}: no answer within ${timeoutMs} ms (not refused)` };
  }
}

function statusText(status: number | undefined): string {
  return status === undefined ? 'with something that is not HTTP' : `HTTP ${status}`;
}

/**
 * Connects, sends `GET /healthz`, and reports the status line or how the connection ended. In TLS
 * 1.3 the client's handshake completes before the server has checked the client certificate, so a
 * refusal shows up only afterwards, as an alert on the first read: the request must go out.
 */
function probe(
  target: MtlsProbeTarget,
  credentials: { ca: Buffer; cert?: Buffer; key?: Buffer },
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const serverName = target.serverName ?? target.host;
  return new Promise((resolve) => {
    let settled = false;
    let head = '';
    let handshake: Handshake | undefined;
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      // SNI must not be an IP address (RFC 6066); the certificate check still uses serverName.
      ...(isIP(serverName) ? {} : { servername: serverName }),
      checkServerIdentity: (_host, cert) => tls.checkServerIdentity(serverName, cert),
      ca: credentials.ca,
      ...(credentials.cert && credentials.key
        ? { cert: credentials.cert, key: credentials.key }
        : {}),
      // Judged below instead, so that the detail can say what was wrong.
      rejectUnauthorized: false,
    });
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
    }, timeoutMs);
    socket.setTimeout(timeoutMs, () => {
      finish({ kind: 'timeout' });
    });
    socket.once('secureConnect', () => {
      handshake = {
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        // Typed as Error, but node sets a string code such as UNABLE_TO_VERIFY_LEAF_SIGNATURE.
        authorizationError: socket.authorized ? undefined : String(socket.authorizationError),
      };
      const host = isIP(serverName) === 6 ? `[${serverName}]` : serverName;
      socket.write(
        `GET ${PROBE_PATH} HTTP/1.1\r\nHost: ${host}:${target.port}\r\nConnection: close\r\n\r\n`,
      );
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (!handshake) return;
      head += chunk;
      const lineEnd = head.indexOf('\r\n');
      if (lineEnd === -1 && head.length < MAX_HEAD_BYTES) return;
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      finish({ kind: 'response', status: match ? Number(match[1]) : undefined, handshake });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'refused', reason: describeError(error) });
    });
    socket.on('close', () => {
      // Node servers check a client certificate after the handshake and just drop the socket,
      // without an alert, when it does not verify: this is how a foreign-CA client is refused.
      const reason = handshake
        ? 'connection closed after the handshake without an HTTP response'
        : 'connection closed during the handshake';
      finish({ kind: 'refused', reason });
    });
  });
}

/**
 * One short line: "alert certificate required" for ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED, "TLS
 * error: wrong version number" for other ERR_SSL_* codes (OpenSSL's own text spans lines), else
 * node's message, e.g. "connect ECONNREFUSED 127.0.0.1:8443".
 */
function describeError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  const words = (text: string): string => text.toLowerCase().replace(/_/g, ' ');
  const alert = /^ERR_SSL_(?:TLSV1\d?|SSLV3)_ALERT_(.+)$/.exec(code);
  if (alert?.[1]) return `alert ${words(alert[1])}`;
  if (code.startsWith('ERR_SSL_')) return `TLS error: ${words(code.slice('ERR_SSL_'.length))}`;
  return error.message.split('\n')[0] ?? code;
}
