// Turns what @kubernetes/client-node throws into short, safe messages. Its ApiException puts the
// whole response body and headers into `message`, which must never reach a log or a PR comment.
import { InfraError } from '../errors.js';

const MAX_DETAIL = 200;

/** A failed API request: the HTTP status, the Status reason and its (cut) message, nothing more. */
export class KubeRequestError extends Error {
  override readonly name = 'KubeRequestError';
  constructor(
    readonly status: number,
    readonly reason: string | null,
    detail: string | null,
  ) {
    super(`HTTP ${status}${reason ? ` ${reason}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 3)}...` : line;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The Status object of an error body, which may arrive parsed or as JSON text. */
function statusOf(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      return record(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return record(body);
}

/** The HTTP status of an API error, or undefined for a network or client-side failure. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof KubeRequestError) return error.status;
  const code = record(error)?.code;
  // ApiException carries the HTTP status as a number in `code`; network errors carry strings.
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/**
 * A safe stand-in for whatever the client threw: API errors keep only status, reason and a cut
 * message; network errors keep their chain of causes (connect ECONNREFUSED, certificate errors),
 * which carry no response data.
 */
export function sanitizeKubeError(error: unknown): Error {
  const status = httpStatusOf(error);
  if (status !== undefined) {
    if (error instanceof KubeRequestError) return error;
    const body = statusOf(record(error)?.body);
    const reason = typeof body?.reason === 'string' ? body.reason : null;
    const message = typeof body?.message === 'string' ? cut(body.message) : null;
    return new KubeRequestError(status, reason, message);
  }
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const text =
      current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    if (text && !parts.includes(text)) parts.push(cut(text));
    current = current instanceof Error ? current.cause : undefined;
  }
  return new Error(parts.join(': ') || 'unknown error');
}

/** An InfraError naming what was being done, with the sanitized failure as its cause. */
export function kubeFailure(what: string, error: unknown): InfraError {
  const cause = sanitizeKubeError(error);
  return new InfraError(`${what} failed: ${cause.message}`, { cause });
}

/** Bounds a request: the client sets no timeout of its own, and a hung call must not stall a run. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
