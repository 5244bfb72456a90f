// fortio's JSON result as the same EngineTrial the builtin engine produces. Pure and independent of
// where fortio ran: the local runner passes its stdout, the cluster path the JSON read from a pod.
import { encodeHistogram, latencyMsOf } from '../../metrics/histogram.js';
import type { EngineTrial, ErrorCounts } from '../types.js';
import { fortioToHdr } from './fortioHistogram.js';
import { parseFortioJson, type FortioResult } from './fortioResult.js';

const GO_UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ns: 1e-9,
};

/** Seconds in a Go duration as fortio prints it ("5s", "1m30s", "1.5s", "100ms"); else undefined. */
export function parseGoDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce(
    (sum, [, n, unit]) => sum + Number(n) * (GO_UNIT_SECONDS[unit ?? ''] ?? NaN),
    0,
  );
}

/** The rate asked for; 0 when fortio ran without one ("max") or never started (""). */
export function requestedQps(result: FortioResult): number {
  const qps = Number(result.RequestedQPS);
  return typeof result.RequestedQPS === 'number' ||
    (result.RequestedQPS !== '' && Number.isFinite(qps))
    ? qps
    : 0;
}

/**
 * Calls fortio planned, as it plans them: qps × duration truncated, at least 2, then split evenly
 * over the connections (NumThreads, already lowered by fortio when there were too few calls), the
 * remainder dropped. Undefined without a rate and a duration.
 */
export function plannedCalls(result: FortioResult): number | undefined {
  if (result.Exactly !== undefined && result.Exactly > 0) return result.Exactly;
  const qps = requestedQps(result);
  const seconds = parseGoDuration(result.RequestedDuration);
  if (qps <= 0 || seconds === undefined || result.NumThreads < 1) return undefined;
  const total = Math.max(2, Math.trunc(qps * seconds));
  return Math.trunc(total / result.NumThreads) * result.NumThreads;
}

/**
 * Calls sent per second of the trial, like the builtin engine's figure. fortio's ActualQPS divides
 * by the time until the last answer arrived, which includes that answer's latency (200 ms in 5 s
 * reads 4 % low). Each connection's last call is due at the end of the duration, so sending lasted
 * about ActualDuration minus a typical latency (and minus the stagger of -uniform); never less than
 * the requested duration, since a schedule that fortio cut short (fewer calls than the rate) must
 * not look like a full-rate trial.
 */
export function achievedRps(result: FortioResult): number {
  const calls = result.DurationHistogram.Count;
  const qps = requestedQps(result);
  const stagger = result.Uniform === true && qps > 0 ? (result.NumThreads - 1) / qps : 0;
  const sending = result.ActualDuration / 1e9 - result.DurationHistogram.Avg - stagger;
  const window = Math.max(sending, parseGoDuration(result.RequestedDuration) ?? 0);
  if (calls === 0 || !(window > 0)) return 0;
  return Math.round((calls / window) * 1000) / 1000;
}

/** Non-2xx codes by status, and fortio's -1 (refused, reset, timed out) as "socket". */
export function errorCounts(result: FortioResult): ErrorCounts {
  const errors: ErrorCounts = { total: 0, byCode: {} };
  for (const [code, calls] of Object.entries(result.RetCodes ?? {})) {
    const status = Number(code);
    if (calls === 0 || (status >= 200 && status <= 299)) continue;
    const key = status === -1 ? 'socket' : code;
    errors.byCode[key] = (errors.byCode[key] ?? 0) + calls;
    errors.total += calls;
  }
  return errors;
}

/**
 * One fortio run (its JSON as text, or already parsed) as an EngineTrial; throws InfraError for
 * output that is not a result, or the result of a run that failed.
 */
export function parseFortioResult(json: unknown): EngineTrial {
  return fortioTrial(parseFortioJson(json));
}

export function fortioTrial(result: FortioResult): EngineTrial {
  const histogram = fortioToHdr(result.DurationHistogram, result.ErrorsDurationHistogram);
  const startMs = Date.parse(result.StartTime);
  const planned = plannedCalls(result);
  return {
    engine: 'fortio',
    requestedRps: requestedQps(result),
    achievedRps: achievedRps(result),
    requests: result.DurationHistogram.Count,
    unsent: planned === undefined ? 0 : Math.max(0, planned - result.DurationHistogram.Count),
    errors: errorCounts(result),
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    measureStartMs: startMs,
    measureEndMs: Math.round(startMs + result.ActualDuration / 1e6),
  };
}
