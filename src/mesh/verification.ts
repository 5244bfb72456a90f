// The shape every mesh verifier reports in: one check per observation, each with a line saying
// what was seen, and mTLS verified only when there was at least one check and all of them passed.
import type { Mtls } from '../results/schema.js';

export interface Check {
  passed: boolean;
  detail: string;
}

export const passed = (detail: string): Check => ({ passed: true, detail });
export const failed = (detail: string): Check => ({ passed: false, detail });

/** `notes` are observations that do not decide the outcome (e.g. a probe namespace left behind). */
export function mtlsFrom(
  method: string,
  checks: readonly Check[],
  notes: readonly (string | null)[] = [],
): Mtls {
  return {
    verified: checks.length > 0 && checks.every((check) => check.passed),
    method,
    details: [
      ...checks.map((check) => `${check.passed ? 'ok' : 'FAILED'}: ${check.detail}`),
      ...notes.filter((note) => note !== null).map((note) => `note: ${note}`),
    ],
  };
}

/** Seams a verifier's tests replace: the probe-name suffix and the pause between log reads. */
export interface VerifierDeps {
  suffix?: () => string;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The error's own message, one line, for a detail (never a whole API response). */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
