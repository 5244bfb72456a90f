// The gate's verdict as plain text (and a minimal markdown table) for `mesh-perf compare`: one row
// per comparison, then why each non-passing row is what it is, then the verdict's own reasons.
import {
  formatChange,
  formatLevel,
  formatThreshold,
  formatAmount,
  shortMetricLabel,
} from '../compare/comparisonText.js';
import type { Comparison, Verdict } from '../results/schema.js';
import { escapeMarkdown } from './markdown.js';
import { renderTable } from './terminalTable.js';

export const VERDICT_HEADER = [
  'Scenario',
  'Metric',
  'Trials',
  'Baseline',
  'Current',
  'Change',
  'Lower',
  'Upper',
  'Threshold',
  'Detectable',
  'p',
  'Holm α',
  'Status',
] as const;

function value(v: number | null, unit: Comparison['unit']): string {
  if (v === null) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${v.toFixed(2)} ms`;
    case 'cores':
      return v.toFixed(3);
    case 'MiB':
      return `${v.toFixed(1)} MiB`;
    case 'fraction':
      return `${(v * 100).toFixed(3)}%`;
  }
}

function small(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

export function comparisonRow(c: Comparison): string[] {
  const kind = c.metric === 'error-rate' ? 'points' : 'relative';
  const change = (v: number | null): string => (v === null ? 'n/a' : formatChange(v, kind));
  const threshold =
    c.floor > 0
      ? `${formatThreshold(c.threshold, kind)} / ${formatAmount(c.floor, c.unit)}`
      : formatThreshold(c.threshold, kind);
  return [
    c.scenario,
    shortMetricLabel(c),
    `${c.baseline.trials}/${c.current.trials}`,
    value(c.baseline.value, c.unit),
    value(c.current.value, c.unit),
    change(c.change),
    change(c.interval.lower),
    change(c.interval.upper),
    threshold,
    c.minDetectableChange === null ? 'n/a' : change(c.minDetectableChange).replace(/^\+/, ''),
    small(c.pValue),
    small(c.alpha),
    c.status.toUpperCase(),
  ];
}

export function verdictHeadline(verdict: Verdict): string {
  const n = verdict.comparisons.length;
  switch (verdict.kind) {
    case 'fail':
      return `Regression: ${verdict.regressions} of ${n} comparisons failed.`;
    case 'pass':
      return `Pass: all ${n} comparisons stayed below their thresholds.`;
    case 'inconclusive':
      return verdict.comparable
        ? `Inconclusive: no regression shown, but not every comparison could rule one out.`
        : 'Inconclusive: the baseline is not comparable with this run.';
    case 'no-baseline':
      return 'No baseline: nothing was compared; the run passes.';
    case 'infra-error':
      return 'Infrastructure error: the current run cannot be trusted. This is not a pass.';
  }
}

function settingsLine(verdict: Verdict): string {
  const method = verdict.method === null ? 'nothing compared' : `${verdict.method} t intervals`;
  return `Method: ${method}, one-sided at ${formatLevel(verdict.confidence)} before Holm; Lower is at the Holm level, Upper at ${formatLevel(verdict.confidence)}; Detectable: smallest change found with 80% power.`;
}

const notPassing = (verdict: Verdict): Comparison[] =>
  verdict.comparisons.filter((c) => c.status !== 'pass');

export function renderVerdictTable(verdict: Verdict): string {
  const lines = [verdictHeadline(verdict)];
  if (verdict.comparisons.length > 0) {
    lines.push(
      '',
      renderTable([[...VERDICT_HEADER], ...verdict.comparisons.map(comparisonRow)]),
      '',
      settingsLine(verdict),
    );
  }
  const why = notPassing(verdict);
  if (why.length > 0) {
    lines.push(
      '',
      'Why:',
      ...why.map((c) => `  ${c.scenario} ${shortMetricLabel(c)}: ${c.reason}`),
    );
  }
  lines.push('', ...verdict.reasons.map((r) => `- ${r}`));
  return lines.join('\n');
}

export function renderVerdictMarkdown(verdict: Verdict): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const parts = [`**${verdictHeadline(verdict)}**`];
  if (verdict.comparisons.length > 0) {
    parts.push(
      '',
      row(VERDICT_HEADER),
      row(VERDICT_HEADER.map((_, i) => (i < 2 ? ':---' : '---:'))),
      ...verdict.comparisons.map((c) => row(comparisonRow(c).map(escapeMarkdown))),
      '',
      escapeMarkdown(settingsLine(verdict)),
    );
  }
  const why = notPassing(verdict);
  if (why.length > 0) {
    parts.push(
      '',
      ...why.map((c) => `- ${escapeMarkdown(`${c.scenario} ${shortMetricLabel(c)}: ${c.reason}`)}`),
    );
  }
  parts.push('', ...verdict.reasons.map((r) => `- ${escapeMarkdown(r)}`));
  return parts.join('\n');
}
