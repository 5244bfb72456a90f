// The verdict's comparisons as tables: one per scenario (metric, baseline, current, change with
// its interval, threshold, status) and, collapsed, every test with its p-value, Holm level, the
// smallest detectable change and the reason for its status.
import type { Comparison, Verdict } from '../results/schema.js';
import {
  changeOf,
  changeText,
  metricLabel,
  statusText,
  thresholdText,
  valueText,
} from './comparisonText.js';
import { detailsBlock, escapeMarkdown, markdownTable } from './markdownText.js';
import type { Section } from './sections.js';

export const SCENARIO_TABLE_RANK = 90;
export const ALL_TESTS_RANK = 10;

const SCENARIO_HEADER = [
  'Metric',
  'Baseline',
  'Current',
  'Change (interval)',
  'Threshold',
  'Status',
];

function scenarioHeading(scenario: string, rows: readonly Comparison[]): string {
  const failed = rows.filter((c) => c.status === 'fail').length;
  const unsure = rows.filter((c) => c.status === 'inconclusive').length;
  const parts = [failed > 0 ? `❌ ${failed} regression(s)` : '✅ no regression'];
  if (unsure > 0) parts.push(`${unsure} inconclusive`);
  return `### ${scenario}: ${parts.join(', ')}`;
}

/** Rows of one scenario's table; every cell is built from numbers and fixed words. */
export function comparisonRow(c: Comparison): string[] {
  return [
    metricLabel(c),
    valueText(c.baseline.value, c.unit),
    valueText(c.current.value, c.unit),
    changeText(c),
    thresholdText(c),
    statusText(c.status),
  ];
}

function byScenario(comparisons: readonly Comparison[]): Map<string, Comparison[]> {
  const groups = new Map<string, Comparison[]>();
  for (const c of comparisons) groups.set(c.scenario, [...(groups.get(c.scenario) ?? []), c]);
  return groups;
}

export function comparisonSections(verdict: Verdict): Section[] {
  return [...byScenario(verdict.comparisons)].map(([scenario, rows]) => {
    const trials = `<sub>Valid trials: baseline ${maxTrials(rows, 'baseline')}, current ${maxTrials(rows, 'current')}. Change is current / baseline − 1 (geometric means of the trials), with the bounds of the one-sided intervals.</sub>`;
    const table = markdownTable(SCENARIO_HEADER, rows.map(comparisonRow), {
      escape: false,
      align: ['left', 'right', 'right', 'right', 'right', 'left'],
    });
    return {
      title: `the ${scenario} comparison table`,
      markdown: `${scenarioHeading(scenario, rows)}\n\n${table}\n\n${trials}`,
      rank: SCENARIO_TABLE_RANK,
    };
  });
}

const maxTrials = (rows: readonly Comparison[], side: 'baseline' | 'current'): number =>
  Math.max(0, ...rows.map((c) => c[side].trials));

const pValueText = (p: number | null): string =>
  p === null ? 'n/a' : p < 0.0001 ? '< 0.0001' : p.toFixed(4);

export function allTestsSection(verdict: Verdict): Section | null {
  if (verdict.comparisons.length === 0) return null;
  const header = ['Scenario', 'Metric', 'Change', 'Detectable', 'p', 'α (Holm)', 'Status', 'Why'];
  const rows = verdict.comparisons.map((c) => [
    c.scenario,
    metricLabel(c),
    changeOf(c, c.change),
    changeOf(c, c.minDetectableChange).replace(/^\+/, ''),
    pValueText(c.pValue),
    c.alpha === null ? 'n/a' : c.alpha.toFixed(4),
    c.status,
    // The reason is the compare stage's text; treat it like any other text from a document.
    escapeMarkdown(c.reason),
  ]);
  const table = markdownTable(header, rows, {
    escape: false,
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
  });
  return {
    title: 'the table of every test',
    markdown: detailsBlock(`Every test (${verdict.comparisons.length})`, table),
    rank: ALL_TESTS_RANK,
  };
}
