// Standalone entry of the echo server (bundled to server.mjs): `node server.mjs '<json options>'`.
// Prints one JSON "listening" line, stops gracefully on SIGTERM/SIGINT. Node built-ins only.
import { ExitCode, messageOf } from '../errors.js';
import { startEchoServer, type EchoServerOptions } from './echoServer.js';

const USAGE = `usage: node server.mjs '{"host":"127.0.0.1","port":0,"delayMs":200,"payloadBytes":1024}'`;
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
const MIN_GRACE_MS = 5_000;

/** Bad input: exit 2, the message names the field. */
class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

type Json = Record<string, unknown>;

function parseServerOptions(argv: readonly string[]): EchoServerOptions {
  if (argv.length !== 1 || argv[0] === undefined) {
    throw new OptionsError(`expected exactly one argument, the options as JSON\n${USAGE}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(argv[0]);
  } catch (error) {
    throw new OptionsError(`options: not valid JSON (${messageOf(error)})\n${USAGE}`);
  }
  const root = object(raw, 'options', ['host', 'port', 'delayMs', 'payloadBytes', 'tls', 'stall']);
  const options: EchoServerOptions = {
    host: root.host === undefined ? '127.0.0.1' : text(root.host, 'host'),
    port: root.port === undefined ? 0 : integer(root.port, 'port', 0, 65_535),
    delayMs: number(root.delayMs, 'delayMs', 0),
    payloadBytes: integer(root.payloadBytes, 'payloadBytes', 0, MAX_PAYLOAD_BYTES),
  };
  if (root.tls !== undefined) {
    const tls = object(root.tls, 'tls', ['certFile', 'keyFile', 'caFile', 'requireClientCert']);
    if (typeof tls.requireClientCert !== 'boolean') {
      throw new OptionsError(
        `tls.requireClientCert: expected true or false, got ${show(tls.requireClientCert)}`,
      );
    }
    options.tls = {
      certFile: text(tls.certFile, 'tls.certFile'),
      keyFile: text(tls.keyFile, 'tls.keyFile'),
      requireClientCert: tls.requireClientCert,
    };
    if (tls.caFile !== undefined) options.tls.caFile = text(tls.caFile, 'tls.caFile');
    if (tls.requireClientCert && tls.caFile === undefined) {
      throw new OptionsError('tls.caFile: required when tls.requireClientCert is true');
    }
  }
  if (root.stall !== undefined) {
    const stall = object(root.stall, 'stall', ['afterMs', 'forMs']);
    options.stall = {
      afterMs: number(stall.afterMs, 'stall.afterMs', 0),
      forMs: number(stall.forMs, 'stall.forMs', 0),
    };
  }
  return options;
}

function object(value: unknown, field: string, known: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptionsError(`${field}: expected a JSON object, got ${show(value)}`);
  }
  // A misspelt field would otherwise be ignored silently and the run would measure the wrong thing.
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    const prefix = field === 'options' ? '' : `${field}.`;
    throw new OptionsError(
      `${prefix}${unknown.join(', ')}: unknown field(s); allowed: ${known.join(', ')}`,
    );
  }
  return value as Json;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new OptionsError(`${field}: expected a non-empty string, got ${show(value)}`);
  }
  return value;
}

function number(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new OptionsError(`${field}: expected a number >= ${min}, got ${show(value)}`);
  }
  return value;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(
      `${field}: expected an integer from ${min} to ${max}, got ${show(value)}`,
    );
  }
  return value;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

async function main(argv: readonly string[]): Promise<void> {
  // A late fault (say, on a server socket) still exits 3 with a message, not 1 with a stack.
  process.on('uncaughtException', fail);
  let options: EchoServerOptions;
  try {
    options = parseServerOptions(argv);
  } catch (error) {
    process.stderr.write(`server: ${messageOf(error)}\n`);
    process.exit(ExitCode.InvalidInput);
  }
  const server = await startEchoServer(options);
  process.stdout.write(
    `${JSON.stringify({ type: 'listening', port: server.port, pid: process.pid })}\n`,
  );
  // In-flight requests may be waiting out the delay (or a stall), so the grace covers at least that.
  const graceMs = Math.max(MIN_GRACE_MS, options.delayMs + 1_000);
  const stop = (): void => {
    void server.close(graceMs).then(() => process.exit(ExitCode.Pass));
  };
  // Repeated signals land on the same close; the grace period bounds how long it takes.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function fail(error: unknown): never {
  process.stderr.write(`server: ${messageOf(error)}\n`);
  process.exit(ExitCode.Infrastructure);
}

main(process.argv.slice(2)).catch(fail);
