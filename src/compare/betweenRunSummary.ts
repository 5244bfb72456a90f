// One line on the run-to-run noise a verdict used: τ per comparison and where it came from, for
// the verdict's reasons and the report's details.
import type { Comparison } from '../results/schema.js';
import { MIN_HISTORY_RUNS } from './betweenRunVariance.js';
import { shortMetricLabel } from './comparisonText.js';

type WithTerm = Comparison & { betweenRun: NonNullable<Comparison['betweenRun']> };

function label(c: Comparison, scenarios: number): string {
  const metric = shortMetricLabel(c);
  return scenarios > 1 ? `${c.scenario} ${metric}` : metric;
}

// τ on the log scale reads as a relative spread: 0.067 is about 6.7 % of a run's mean.
const percent = (tau: number): string => `${(tau * 100).toFixed(1)}%`;

function groupTitle(c: WithTerm): string {
  const { source, runs } = c.betweenRun;
  switch (source) {
    case 'history':
      return `estimated from ${runs} stored runs under this key`;
    case 'prior':
      return `the measured default (fewer than ${MIN_HISTORY_RUNS} stored runs under this key)`;
    case 'none':
      return 'none';
  }
}

/**
 * "estimated from 9 stored runs under this key: p50 0.3%, p99 6.7%, ...; none for error rate";
 * null when no comparison was across runs (paired, or nothing compared).
 */
export function betweenRunSummary(comparisons: readonly Comparison[]): string | null {
  const across = comparisons.filter((c): c is WithTerm => c.betweenRun !== undefined);
  if (across.length === 0) return null;
  const scenarios = new Set(across.map((c) => c.scenario)).size;
  const groups = new Map<string, string[]>();
  for (const c of across) {
    const title = groupTitle(c);
    const item =
      c.betweenRun.source === 'none'
        ? label(c, scenarios)
        : `${label(c, scenarios)} ${percent(c.betweenRun.tau)}`;
    groups.set(title, [...(groups.get(title) ?? []), item]);
  }
  const parts = [...groups].map(([title, items]) =>
    title === 'none' ? `none for ${items.join(', ')}` : `${title}: ${items.join(', ')}`,
  );
  return parts.join('; ');
}
