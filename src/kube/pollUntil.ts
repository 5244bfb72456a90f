// Polls a check at a bounded interval until it holds, fails for good, or the timeout passes: the
// only way the cluster path waits (no fixed sleeps). Transient API errors count as "not yet".
import { InfraError } from '../errors.js';
import type { Check } from './waitConditions.js';
import { httpStatusOf, sanitizeKubeError } from './kubeErrors.js';

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** What is being waited for, for the error message: "deployment ns/x is Available". */
  what: string;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Authorization failures do not heal by waiting; everything else may (a restarting API server). */
const FATAL_STATUSES = new Set([401, 403]);

export async function pollUntil(check: () => Promise<Check>, options: PollOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let why = 'not checked yet';
  let lastError: Error | undefined;
  // The count bound is a backstop for a clock that does not advance; the deadline is the rule.
  const maxPolls = Math.ceil(options.timeoutMs / Math.max(1, options.intervalMs)) + 2;
  for (let poll = 0; poll < maxPolls; poll++) {
    try {
      const result = await check();
      lastError = undefined;
      if (result.kind === 'holds') return;
      if (result.kind === 'failed') {
        throw new InfraError(`gave up waiting until ${options.what}: ${result.why}`);
      }
      why = result.why;
    } catch (error) {
      if (error instanceof InfraError) throw error;
      const status = httpStatusOf(error);
      lastError = sanitizeKubeError(error);
      if (status !== undefined && FATAL_STATUSES.has(status)) {
        throw new InfraError(`waiting until ${options.what} failed: ${lastError.message}`, {
          cause: lastError,
        });
      }
      why = lastError.message;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(options.intervalMs, left));
  }
  const seconds = Math.round(options.timeoutMs / 1000);
  throw new InfraError(
    `timed out after ${seconds} s waiting until ${options.what} (last seen: ${why})`,
    lastError ? { cause: lastError } : undefined,
  );
}
