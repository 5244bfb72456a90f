// The gate-power table's arithmetic (pure): which runs a calibration round makes and in what order,
// which pairs are compared, and how often each verdict came out per row, rendered as markdown.
import type { Verdict, VerdictKind } from '../src/results/schema.js';

/** Injected server delay as a share of the server delay: the rows below the A/A row. */
export const INJECTED_SHARES = [0.05, 0.1, 0.3] as const;

export type RunKind = 'baseline' | 'same' | `inject-${number}`;

export interface CalibrationRun {
  kind: RunKind;
  /** Extra server delay in ms (inject-delay); 0 for baseline and same. */
  injectMs: number;
}

/** Whole milliseconds of each injected share; throws when a share is not a whole millisecond. */
export function injectedDelays(serverDelayMs: number): number[] {
  return INJECTED_SHARES.map((share) => {
    const ms = serverDelayMs * share;
    if (Math.abs(ms - Math.round(ms)) > 1e-9) {
      throw new Error(
        `a server delay of ${serverDelayMs} ms gives ${ms} ms for +${share * 100}%, but inject-delay takes whole milliseconds; use a multiple of 20 ms`,
      );
    }
    return Math.round(ms);
  });
}

/**
 * The runs of round `round`: a baseline, a second run with the same settings (the A/A pair) and one
 * run per injected delay. The order rotates from round to round, so every kind of run takes every
 * position equally often and slow drift of the machine favours none of them.
 */
export function roundRuns(round: number, serverDelayMs: number): CalibrationRun[] {
  const runs: CalibrationRun[] = [
    { kind: 'baseline', injectMs: 0 },
    { kind: 'same', injectMs: 0 },
    ...injectedDelays(serverDelayMs).map((ms) => ({
      kind: `inject-${ms}` as RunKind,
      injectMs: ms,
    })),
  ];
  const shift = round % runs.length;
  return [...runs.slice(shift), ...runs.slice(0, shift)];
}

export interface RowTally {
  /** The run compared with the round's baseline. */
  kind: RunKind;
  label: string;
  injectMs: number;
  verdicts: Record<VerdictKind, number>;
  p50Fail: number;
  p99Fail: number;
  /** Smallest p99 change each comparison could have detected (80 % power); null when none. */
  detectableP99: (number | null)[];
}

function emptyRow(kind: RunKind, label: string, injectMs: number): RowTally {
  return {
    kind,
    label,
    injectMs,
    verdicts: { pass: 0, inconclusive: 0, fail: 0, 'no-baseline': 0, 'infra-error': 0 },
    p50Fail: 0,
    p99Fail: 0,
    detectableP99: [],
  };
}

/** Adds one comparison (each round's baseline against one other run of the same round). */
export function addVerdict(row: RowTally, verdict: Verdict): void {
  row.verdicts[verdict.kind] += 1;
  const failed = (metric: string): boolean =>
    verdict.comparisons.some((c) => c.metric === metric && c.status === 'fail');
  if (failed('latency-p50')) row.p50Fail += 1;
  if (failed('latency-p99')) row.p99Fail += 1;
  const p99 = verdict.comparisons.filter((c) => c.metric === 'latency-p99');
  row.detectableP99.push(...(p99.length > 0 ? p99.map((c) => c.minDetectableChange) : [null]));
}

export function emptyRows(serverDelayMs: number): RowTally[] {
  return [
    emptyRow('same', 'A/A (same settings)', 0),
    ...injectedDelays(serverDelayMs).map((ms, i) =>
      emptyRow(`inject-${ms}`, `+${(INJECTED_SHARES[i] ?? 0) * 100}% server delay`, ms),
    ),
  ];
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

const share = (count: number, total: number): string =>
  total === 0 ? 'n/a' : `${count} (${Math.round((count / total) * 100)}%)`;

export function renderTable(rows: readonly RowTally[]): string {
  const lines = [
    '| Comparison | Injected | n | pass | inconclusive | fail | infra-error | p50 fail | p99 fail | Median detectable p99 change |',
    '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const n = Object.values(row.verdicts).reduce((a, b) => a + b, 0);
    const detectable = median(row.detectableP99.filter((v): v is number => v !== null));
    lines.push(
      `| ${row.label} | ${row.injectMs} ms | ${n} | ${share(row.verdicts.pass, n)} | ${share(row.verdicts.inconclusive, n)} | ${share(row.verdicts.fail, n)} | ${share(row.verdicts['infra-error'], n)} | ${share(row.p50Fail, n)} | ${share(row.p99Fail, n)} | ${detectable === null ? 'n/a' : `${(detectable * 100).toFixed(0)}%`} |`,
    );
  }
  return lines.join('\n');
}
