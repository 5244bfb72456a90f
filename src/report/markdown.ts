// The result as GitHub-flavoured markdown: the one body behind the PR comment, the job summary and
// `mesh-perf report --format markdown`. It is a list of whole sections (headline, comparisons,
// Table I, charts, collapsed details) fitted under a size limit by leaving out the least
// important ones. Every piece of text that did not come from us is escaped.
import type { ResultDocument } from '../results/schema.js';
import { chartSections, type ChartInputs } from './charts/chartSections.js';
import { allTestsSection, comparisonSections } from './comparisonTables.js';
import {
  baselineSection,
  environmentSection,
  faultsSection,
  invalidTrialsSection,
  loadSection,
} from './detailsSections.js';
import { headlineSection } from './headline.js';
import { escapeMarkdown, markdownTable } from './markdownText.js';
import { JOB_SUMMARY_LIMIT, fitSections, type Section } from './sections.js';
import { OVERHEAD_HEADER, TABLE_HEADER, loadLine, overheadRows, tableRows } from './tableRows.js';

export { escapeMarkdown, markdownTable } from './markdownText.js';

export const TABLE_RANK = { overhead: 85, measured: 80 } as const;

export interface ReportOptions extends Partial<ChartInputs> {
  /** Hidden marker of a PR comment (first line), so the comment is found again. */
  marker?: string;
  /** Link to the workflow run. */
  runUrl?: string;
  /** Size limit in bytes (GitHub comment: 65,536); the job summary's 1 MiB by default. */
  limit?: number;
}

function measuredSection(document: ResultDocument): Section {
  return {
    title: 'the measured table',
    markdown: [
      '### Measured',
      '',
      escapeMarkdown(loadLine(document)),
      '',
      markdownTable(TABLE_HEADER, tableRows(document)),
      '',
      '<sub>CPU in cores, memory as peak MiB (mean over valid trials); latency from the merged histogram of valid trials.</sub>',
    ].join('\n'),
    rank: TABLE_RANK.measured,
  };
}

function overheadSection(document: ResultDocument): Section | null {
  const none = document.scenarios.find((s) => s.mesh === 'none');
  const rows = overheadRows(document);
  if (!none || rows.length === 0) return null;
  return {
    title: 'the overhead table',
    markdown: [
      '### Overhead vs none',
      '',
      markdownTable(OVERHEAD_HEADER, rows),
      '',
      "<sub>Percent change over the plain `none` scenario of this run, in the style of the mTLS study's Table I; total CPU and memory sum every measured component.</sub>",
    ].join('\n'),
    rank: TABLE_RANK.overhead,
  };
}

/** Every section of the report, most important first. */
export function reportSections(
  document: ResultDocument,
  headline: string | undefined,
  options: ReportOptions = {},
): Section[] {
  const verdict = document.verdict;
  const inputs: ChartInputs = {
    baseline: options.baseline ?? null,
    history: options.history ?? [],
  };
  const sections: (Section | null)[] = [
    headlineSection(document, {
      ...(options.marker === undefined ? {} : { marker: options.marker }),
      ...(headline === undefined ? {} : { headline }),
      ...(options.runUrl === undefined ? {} : { runUrl: options.runUrl }),
    }),
    faultsSection(document),
    ...(verdict ? comparisonSections(verdict) : []),
    overheadSection(document),
    measuredSection(document),
    ...chartSections(document, inputs),
    verdict ? baselineSection(verdict) : null,
    loadSection(document),
    environmentSection(document),
    invalidTrialsSection(document),
    verdict ? allTestsSection(verdict) : null,
  ];
  return sections.filter((s): s is Section => s !== null);
}

/**
 * The whole report as markdown. `headline` overrides the line derived from the document's
 * verdict (callers that know more, such as a run without a verdict yet).
 */
export function renderMarkdownReport(
  document: ResultDocument,
  headline?: string,
  options: ReportOptions = {},
): string {
  const sections = reportSections(document, headline, options);
  return fitSections(sections, options.limit ?? JOB_SUMMARY_LIMIT).markdown;
}
