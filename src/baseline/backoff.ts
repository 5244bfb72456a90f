// Jittered exponential backoff between push attempts, so writers that collided do not collide
// again in lockstep. Pure; the caller sleeps.

export interface BackoffOptions {
  /** Push attempts in all, the first included. */
  attempts: number;
  /** Ceiling of the first wait; doubles per attempt up to capMs. */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { attempts: 8, baseMs: 250, capMs: 8000 };

/**
 * Wait after failed attempt `attempt` (from 1): uniformly between half and all of the ceiling
 * ("equal jitter"), so it never collapses to zero and never exceeds the cap.
 */
export function backoffDelayMs(
  attempt: number,
  random: () => number,
  options: BackoffOptions,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
