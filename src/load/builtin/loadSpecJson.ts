// Checks a LoadSpec that arrives as JSON (the load generator's one argument) by hand, with errors
// that name the field: the standalone bundle stays free of schema libraries.
import { ConfigError } from '../../errors.js';
import type { LoadSpec, TlsFiles } from '../types.js';

const SPEC_FIELDS = [
  'url',
  'rps',
  'connections',
  'durationMs',
  'warmupMs',
  'requestTimeoutMs',
  'workers',
  'tls',
] as const;
const TLS_FIELDS = ['caFile', 'certFile', 'keyFile', 'serverName'] as const;
const DAY_MS = 86_400_000;

type Json = Record<string, unknown>;

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(field: string, message: string): never {
  throw new ConfigError(`${field}: ${message}`);
}

function object(value: unknown, field: string, allowed: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(field, `expected an object, got ${show(value)}`);
  }
  const record = value as Json;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      const name = field === 'spec' ? key : `${field}.${key}`;
      fail(name, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
  return record;
}

function number(
  value: unknown,
  field: string,
  min: number,
  max: number,
  minExclusive = false,
): number {
  const bound = `${minExclusive ? '>' : '>='} ${min} and <= ${max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(field, `expected a number ${bound}, got ${show(value)}`);
  }
  if (value < min || (minExclusive && value === min) || value > max) {
    fail(field, `expected a number ${bound}, got ${value}`);
  }
  return value;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `expected an integer from ${min} to ${max}, got ${show(value)}`);
  }
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field, `expected a non-empty string, got ${show(value)}`);
  }
  return value;
}

function url(value: unknown): string {
  const raw = text(value, 'url');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    fail('url', `not a valid URL: ${show(raw)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    fail('url', `expected an http: or https: URL, got ${show(raw)}`);
  }
  return raw;
}

function tlsFiles(value: unknown): TlsFiles {
  const tls = object(value, 'tls', TLS_FIELDS);
  const files: TlsFiles = { caFile: text(tls.caFile, 'tls.caFile') };
  if (tls.certFile !== undefined) files.certFile = text(tls.certFile, 'tls.certFile');
  if (tls.keyFile !== undefined) files.keyFile = text(tls.keyFile, 'tls.keyFile');
  if ((files.certFile === undefined) !== (files.keyFile === undefined)) {
    const missing = files.certFile === undefined ? 'tls.certFile' : 'tls.keyFile';
    fail(missing, 'required when the other half of the client key pair is given');
  }
  if (tls.serverName !== undefined) files.serverName = text(tls.serverName, 'tls.serverName');
  return files;
}

/** Checks an already parsed value; throws ConfigError (exit code 2) naming the first bad field. */
export function checkLoadSpec(value: unknown): LoadSpec {
  const root = object(value, 'spec', SPEC_FIELDS);
  const spec: LoadSpec = {
    url: url(root.url),
    rps: number(root.rps, 'rps', 0, 1_000_000, true),
    connections: integer(root.connections, 'connections', 1, 100_000),
    durationMs: number(root.durationMs, 'durationMs', 0, DAY_MS, true),
    warmupMs: number(root.warmupMs, 'warmupMs', 0, DAY_MS),
    requestTimeoutMs: number(root.requestTimeoutMs, 'requestTimeoutMs', 0, 600_000, true),
    workers: integer(root.workers, 'workers', 1, 256),
  };
  if (spec.workers > spec.connections) {
    fail(
      'workers',
      `${spec.workers} is more than connections (${spec.connections}); each worker needs one`,
    );
  }
  if (root.tls !== undefined) {
    if (new URL(spec.url).protocol !== 'https:')
      fail('tls', `only for https: URLs, but url is ${show(spec.url)}`);
    spec.tls = tlsFiles(root.tls);
  }
  return spec;
}

/** Parses the load generator's JSON argument. */
export function parseLoadSpec(json: string): LoadSpec {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(
      `spec: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      undefined,
      {
        cause: error,
      },
    );
  }
  return checkLoadSpec(value);
}
