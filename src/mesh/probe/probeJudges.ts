// Judging probe results, the parts every mesh shares: the plaintext probe from outside the mesh
// must be refused, and the identity probe must reach the server and read back the request headers
// the server saw (GET /debug/headers on the builtin server).
import { z } from 'zod';
import { DEBUG_HEADERS_PATH } from '../../server/echoServer.js';
import { failed, passed, type Check } from '../verification.js';
import type { ProbeResult } from './probePod.js';
import type { ProbeRun } from './probeRunner.js';

/** The builtin server's endpoint that answers with the request headers it received. */
export const HEADERS_PATH = DEBUG_HEADERS_PATH;

export const PLAINTEXT_PROBE = 'plaintext';
export const IDENTITY_PROBE = 'identity';

/** One named result of a probe run, or the failed check that explains why there is none. */
export function resultOf(run: ProbeRun, name: string, label: string): ProbeResult | Check {
  if (!run.ok) return failed(`${label}: the probe pod ${run.pod} did not report (${run.reason})`);
  const result = run.results.get(name);
  if (result) return result;
  const extra = run.problems.length > 0 ? `: ${run.problems.join('; ')}` : '';
  return failed(`${label}: the probe pod ${run.pod} printed no result for "${name}"${extra}`);
}

export const isCheck = (value: object): value is Check => 'passed' in value;

/**
 * A client outside the mesh sends plain HTTP to the server's Service: enforcement means the
 * connection is reset or closed, or the mesh's proxy answers 403 (the server itself never does).
 */
export function plaintextRefusedCheck(run: ProbeRun, url: string, timeoutMs: number): Check {
  const label = 'plaintext client outside the mesh';
  const result = resultOf(run, PLAINTEXT_PROBE, label);
  if (isCheck(result)) return result;
  const who = `${label} (pod ${run.pod}) -> ${url}`;
  switch (result.kind) {
    case 'refused':
      return passed(`${who}: refused (${result.reason})`);
    case 'response':
      return result.status === 403
        ? passed(`${who}: refused by the mesh's proxy with HTTP 403`)
        : failed(
            `${who}: ACCEPTED, answered HTTP ${result.status}: the server takes plaintext, mTLS is not enforced`,
          );
    case 'timeout':
      return failed(`${who}: no answer within ${timeoutMs} ms (neither served nor refused)`);
    case 'error':
      return failed(`${who}: the probe failed (${result.reason})`);
  }
}

const headersBody = z.object({ headers: z.record(z.string(), z.string()) });

/** The request headers as the server saw them, from a 200 answer of its headers page. */
export function serverSeenHeaders(
  run: ProbeRun,
  url: string,
  label: string,
): { headers: Record<string, string> } | Check {
  const result = resultOf(run, IDENTITY_PROBE, label);
  if (isCheck(result)) return result;
  const who = `${label} (pod ${run.pod}) -> ${url}`;
  switch (result.kind) {
    case 'refused':
      return failed(`${who}: refused after ${result.attempts} attempt(s) (${result.reason})`);
    case 'timeout':
      return failed(`${who}: no answer after ${result.attempts} attempt(s)`);
    case 'error':
      return failed(`${who}: the probe failed (${result.reason})`);
    case 'response':
      break;
  }
  if (result.status !== 200) return failed(`${who}: answered HTTP ${result.status}, 200 required`);
  const headers = parseSeenHeaders(result.body);
  return headers
    ? { headers }
    : failed(
        `${who}: the answer lists no request headers (JSON of ${HEADERS_PATH} or fortio's /debug text)`,
      );
}

/**
 * The request headers from the server's answer, names lower-cased: the builtin server's JSON
 * (`{"headers":{...}}`) or the text of fortio's /debug page (a "headers:" section of
 * `Name: value` lines); null when the body is neither.
 */
export function parseSeenHeaders(body: string): Record<string, string> | null {
  const lower = (entries: [string, string][]): Record<string, string> =>
    Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));
  try {
    const parsed = headersBody.safeParse(JSON.parse(body));
    return parsed.success ? lower(Object.entries(parsed.data.headers)) : null;
  } catch {
    // Not JSON: fortio's text, below.
  }
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === 'headers:');
  if (start === -1) return null;
  const entries: [string, string][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === 'body:') break;
    const at = line.indexOf(':');
    if (at > 0) entries.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return entries.length > 0 ? lower(entries) : null;
}
