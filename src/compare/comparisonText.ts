// Numbers and names as the gate's reasons spell them: relative changes in percent, error rates in
// percentage points, amounts in their unit (CPU in millicores when under a core), metrics by their
// short names (the markdown's longer words are in report/comparisonText.ts).
import type { Comparison } from '../results/schema.js';
import type { Unit } from './metricValues.js';

export type ChangeKind = 'relative' | 'points';

// Drops trailing zeros of a decimal: "10.50" -> "10.5", "2.00" -> "2", "10" stays.
const trim = (text: string): string => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

export function signed(text: string, value: number): string {
  // What rounds to zero is shown without a sign: "-0.0%" would claim a direction it lacks.
  if (Number.parseFloat(text) === 0) return text;
  return value > 0 ? `+${text}` : value < 0 && !text.startsWith('-') ? `-${text}` : text;
}

/** 0.1234 -> "+12.3%"; as points (error rate) 0.0005 -> "+0.05 pp". */
export function formatChange(value: number, kind: ChangeKind): string {
  if (kind === 'points') return signed(`${trim((Math.abs(value) * 100).toFixed(3))} pp`, value);
  return signed(`${(Math.abs(value) * 100).toFixed(1)}%`, value);
}

/** An unsigned threshold: 0.1 -> "10%", as points 0.0005 -> "0.05 pp". */
export function formatThreshold(value: number, kind: ChangeKind): string {
  return kind === 'points'
    ? `${trim((value * 100).toFixed(3))} pp`
    : `${trim((value * 100).toFixed(1))}%`;
}

/** An amount in its unit: "1.25 ms", "5 millicores", "1.2 cores", "2 MiB", "0.05%". */
export function formatAmount(value: number, unit: Unit): string {
  const magnitude = Math.abs(value);
  switch (unit) {
    case 'ms':
      return `${trim(value.toFixed(magnitude >= 100 ? 1 : 2))} ms`;
    case 'cores':
      return magnitude < 1
        ? `${trim((value * 1000).toFixed(1))} millicores`
        : `${trim(value.toFixed(3))} cores`;
    case 'MiB':
      return `${trim(value.toFixed(1))} MiB`;
    case 'fraction':
      return `${trim((value * 100).toFixed(3))}%`;
  }
}

/** A signed amount: "+3.4 ms". */
export function formatDelta(value: number, unit: Unit): string {
  return signed(formatAmount(Math.abs(value), unit), value);
}

/** A confidence or level as people say it: 0.95 -> "95%", 0.99375 -> "99.38%". */
export function formatLevel(level: number): string {
  return `${trim((level * 100).toFixed(2))}%`;
}

const METRIC_NAMES: Record<Comparison['metric'], string> = {
  'latency-p50': 'p50',
  'latency-p99': 'p99',
  'latency-p999': 'p99.9',
  'error-rate': 'error rate',
  cpu: 'cpu',
  memory: 'memory',
};

/** "p99", "cpu client": as the terminal table and the run-to-run line print a metric. */
export function shortMetricLabel(c: Pick<Comparison, 'metric' | 'component'>): string {
  return c.component === null ? METRIC_NAMES[c.metric] : `${METRIC_NAMES[c.metric]} ${c.component}`;
}
