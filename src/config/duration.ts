// Durations as people write them in workflows: 500ms, 10s, 5m, 1h, or combined like 1m30s.
// A bare number is refused: "30" could mean seconds or milliseconds, and guessing measures wrong.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
// `ms` before `m`, so "5ms" is five milliseconds and not five minutes followed by a stray "s".
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

export const DURATION_ALLOWED = 'a duration like 500ms, 10s or 5m';

/** What is wrong with a bare number, naming the spellings that would be meant. */
export function bareNumberProblem(amount: string): string {
  return `has no unit, which is ambiguous; add one, e.g. ${amount}s or ${amount}ms`;
}

/**
 * Milliseconds for a duration string, rounded to a whole millisecond. "0" alone is accepted, since
 * zero needs no unit. Throws an Error whose message says what is wrong (without the value).
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (!WHOLE.test(trimmed)) {
    throw new Error(BARE_NUMBER.test(trimmed) ? bareNumberProblem(trimmed) : 'is not a duration');
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return Math.round(total);
}

/** The shortest exact spelling of a whole number of milliseconds, e.g. 90000 -> "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}
