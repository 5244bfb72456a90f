// What makes a fortio run untrustworthy beyond its numbers: it fell behind its schedule (it says so
// on stderr only), it ran fewer connections than asked, or it planned fewer calls than the rate.
import type { FortioResult } from './fortioResult.js';
import { plannedCalls, parseGoDuration, requestedQps } from './parseFortioResult.js';

/** fortio prints this when more than 5 % of its sleeps between calls came out negative. */
const FALLING_BEHIND = /WARNING ([\d.]+)% of sleep were falling behind/;
const MIN_PLANNED_FRACTION = 0.99;

/** The falling-behind warning from fortio's stderr, as a reason; undefined when there is none. */
export function fallingBehind(stderr: string): string | undefined {
  const match = FALLING_BEHIND.exec(stderr);
  if (!match) return undefined;
  return `fortio fell behind its schedule: ${match[1] ?? '?'}% of its waits between calls were already overdue (it warns above 5%)`;
}

export interface FortioRunFacts {
  result: FortioResult;
  /** fortio's stderr (text report and log); the cluster path passes the pod log. */
  stderr: string;
  /** Connections asked for (-c). */
  connections: number;
}

export function fortioRunFaults(facts: FortioRunFacts): string[] {
  const { result } = facts;
  const faults: string[] = [];
  const behind = fallingBehind(facts.stderr);
  if (behind !== undefined) faults.push(behind);
  if (result.NumThreads < facts.connections) {
    faults.push(
      `fortio used ${result.NumThreads} of the ${facts.connections} connections: it needs at least 2 calls per connection in the trial`,
    );
  }
  const planned = plannedCalls(result);
  const seconds = parseGoDuration(result.RequestedDuration);
  const asked = seconds === undefined ? undefined : requestedQps(result) * seconds;
  if (planned !== undefined && asked !== undefined && planned < asked * MIN_PLANNED_FRACTION) {
    faults.push(
      `fortio planned ${planned} calls for ${Math.round(asked)} requested: it gives every connection the same whole number of calls and drops the rest`,
    );
  }
  return faults;
}
