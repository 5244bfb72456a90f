// A fortio load generator's result read from its pod log, where the container runtime has merged
// fortio's stderr (its text report and JSON log lines) with its stdout (the `-json -` result). The
// result is the last multi-line JSON object: it opens with a line that is exactly "{" and closes
// with one that is exactly "}", which fortio's one-line log records never are.
import type { EngineTrial } from '../types.js';
import { fortioRunFaults } from './fortioFaults.js';
import { parseFortioJson } from './fortioResult.js';
import { fortioTrial } from './parseFortioResult.js';

/** The text of the last result object in the log, or undefined when there is none (yet). */
export function fortioJsonInLog(log: string): string | undefined {
  const lines = log.split('\n').map((line) => line.replace(/\r$/, ''));
  const close = lines.lastIndexOf('}');
  if (close === -1) return undefined;
  const open = lines.slice(0, close).lastIndexOf('{');
  if (open === -1) return undefined;
  return lines.slice(open, close + 1).join('\n');
}

/** The trial in a fortio pod's log; undefined while fortio has printed no result. */
export function parseFortioPodLog(log: string): EngineTrial | undefined {
  const json = fortioJsonInLog(log);
  return json === undefined ? undefined : fortioTrial(parseFortioJson(json));
}

/**
 * What makes that trial untrustworthy beyond its numbers (falling behind, fewer connections or
 * calls than asked), read from the same log: the merged log holds fortio's stderr too.
 */
export function fortioPodLogFaults(log: string, connections: number): string[] {
  const json = fortioJsonInLog(log);
  if (json === undefined) return [];
  return fortioRunFaults({ result: parseFortioJson(json), stderr: log, connections });
}
