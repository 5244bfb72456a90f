// Reads each generator's result back from its pod log (the last `{"type":"result"}` JSON line, as
// the local loadgen protocol has it) and merges the generators of one trial into one EngineTrial.
// A pod log is untrusted text: the result is checked field by field before anything uses it.
import { mergeEngineTrials } from '../load/mergeTrials.js';
import type { EngineTrial, ErrorCounts } from '../load/types.js';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isErrors(value: unknown): value is ErrorCounts {
  if (typeof value !== 'object' || value === null) return false;
  const { total, byCode } = value as { total?: unknown; byCode?: unknown };
  return (
    isCount(total) &&
    typeof byCode === 'object' &&
    byCode !== null &&
    Object.values(byCode).every(isCount)
  );
}

function isEngineTrial(value: unknown): value is EngineTrial {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const latency = t.latencyMs as Record<string, unknown> | null | undefined;
  return (
    typeof t.engine === 'string' &&
    ['requestedRps', 'achievedRps', 'requests', 'unsent', 'measureStartMs', 'measureEndMs'].every(
      (k) => isCount(t[k]),
    ) &&
    isErrors(t.errors) &&
    typeof t.histogram === 'string' &&
    typeof latency === 'object' &&
    latency !== null &&
    ['min', 'mean', 'p50', 'p90', 'p99', 'p999', 'max'].every((k) => isCount(latency[k]))
  );
}

/** The last result line of a builtin generator's log, or undefined if it printed none. */
export function parseLoadgenLog(log: string): EngineTrial | undefined {
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]?.trim() ?? '';
    if (!line.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const record = parsed as { type?: unknown; trial?: unknown };
    if (record.type === 'result') return isEngineTrial(record.trial) ? record.trial : undefined;
  }
  return undefined;
}

export interface MergedGenerators {
  engine: EngineTrial;
  /** Why the merged trial cannot be trusted (generators that did not run side by side). */
  faults: string[];
}

/**
 * Generators may start this far apart and still count as one load: a second, or 2 % of the window
 * for long trials (the start gate aligns them to a few milliseconds when the pods are on time).
 */
export function startSpreadLimitMs(windowMs: number): number {
  return Math.max(1000, windowMs * 0.02);
}

/**
 * One trial from several generators: counts and rates add up, histograms merge without loss, and
 * the window is the span all of them measured together (where the load was the full load), which
 * is also the window resources are attributed over.
 */
export function mergeGeneratorTrials(trials: readonly EngineTrial[]): MergedGenerators {
  const [first] = trials;
  if (!first) throw new Error('no generator result to merge');
  if (trials.length === 1) return { engine: first, faults: [] };
  const engine = mergeEngineTrials(trials, { window: 'common' });
  const starts = trials.map((t) => t.measureStartMs);
  const ends = trials.map((t) => t.measureEndMs);
  const faults: string[] = [];
  const spread = Math.max(...starts) - Math.min(...starts);
  const limit = startSpreadLimitMs(Math.max(...ends) - Math.min(...starts));
  if (spread > limit) {
    faults.push(
      `load generators started ${(spread / 1000).toFixed(1)} s apart (limit ${(limit / 1000).toFixed(1)} s): they did not load the server together`,
    );
  }
  if (Math.min(...ends) <= Math.max(...starts)) {
    faults.push('the load generators measured no common window');
  }
  return { engine, faults };
}
