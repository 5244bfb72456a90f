// The top of every report: the hidden marker (PR comments), the verdict in one line, how it was
// reached (paired or Welch, confidence, Holm), the smallest change it could have detected, a
// calibration delay if one was injected, and the verdict's own reasons.
import type { ResultDocument, Verdict, VerdictKind } from '../results/schema.js';
import { problemLines } from './tableRows.js';
import { regressionSentence, relativePct } from './comparisonText.js';
import { bulletList, escapeMarkdown } from './markdownText.js';
import { KEEP, type Section } from './sections.js';
import { verdictLine } from './verdictLine.js';

/** Reasons listed under the headline at most; the rest are counted. */
const MAX_REASONS = 20;
/** Regressions named in the headline at most. */
const MAX_NAMED = 3;

/** The kind the report leads with: the verdict's, else what the measurements alone say. */
export function verdictKindOf(document: ResultDocument): VerdictKind {
  if (document.verdict) return document.verdict.kind;
  const broken =
    document.run.faults.length > 0 || document.scenarios.some((s) => s.summary.validTrials === 0);
  return broken ? 'infra-error' : 'no-baseline';
}

/** Calibration delay added to the server (`inject-delay`), when the document records one. */
export function injectedDelayMs(document: ResultDocument): number {
  const load: object = document.load;
  if ('injectedDelayMs' in load && typeof load.injectedDelayMs === 'number') {
    return load.injectedDelayMs;
  }
  return 0;
}

export function verdictHeadline(document: ResultDocument): string {
  const kind = verdictKindOf(document);
  const verdict = document.verdict;
  if (kind === 'fail' && verdict) {
    const failed = verdict.comparisons.filter((c) => c.status === 'fail');
    const named = failed.slice(0, MAX_NAMED).map(regressionSentence).join('; ');
    const more = failed.length > MAX_NAMED ? `; and ${failed.length - MAX_NAMED} more` : '';
    return `**Regression**: ${failed.length} metric(s) regressed beyond their thresholds: ${named}${more}.`;
  }
  if (kind === 'inconclusive' && verdict && !verdict.comparable) {
    return '**Inconclusive**: the baseline was measured with different settings, so nothing was compared (why below).';
  }
  return verdictLine({ verdict: kind, problems: problemLines(document), document });
}

export function methodLine(verdict: Verdict): string | null {
  const tests = verdict.comparisons.length;
  const confidence = String(Number((verdict.confidence * 100).toFixed(2)));
  const level = `one-sided t intervals at ${confidence}% confidence, Holm-corrected over ${tests} test(s)`;
  const base = verdict.baseline;
  switch (verdict.method) {
    case 'paired':
      return `Method: paired comparison of interleaved trials in one run; ${level}.`;
    case 'welch': {
      const ref = base
        ? ` against stored run ${escapeMarkdown(base.runId)} (commit ${escapeMarkdown(shortCommit(base.commit))}, ${escapeMarkdown(base.ref ?? 'unknown ref')})`
        : '';
      return `Method: Welch's t test${ref}; ${level}.`;
    }
    case null:
      return null;
  }
}

/** The p99 change each scenario's trials could have detected (one number per scenario). */
export function detectableLine(verdict: Verdict): string | null {
  const parts = verdict.comparisons
    .filter((c) => c.metric === 'latency-p99' && c.minDetectableChange !== null)
    .map((c) => `${relativePct(c.minDetectableChange).replace(/^\+/, '')} (${c.scenario})`);
  if (parts.length === 0) return null;
  return `Smallest p99 change these trials could detect: ${parts.join(', ')}. Smaller changes may be real but are not distinguishable from noise here.`;
}

export const shortCommit = (commit: string | null): string =>
  commit === null ? 'unknown' : commit.slice(0, 12);

export interface HeadlineOptions {
  /** Hidden marker a PR comment is found again by; omitted in the job summary. */
  marker?: string;
  /** Overrides the derived headline (callers that know more than the document). */
  headline?: string;
  /** Link to the workflow run, for the whole report. */
  runUrl?: string;
}

export function headlineSection(document: ResultDocument, options: HeadlineOptions): Section {
  const lines: string[] = [];
  if (options.marker !== undefined) lines.push(options.marker);
  lines.push('## mesh-perf', '', options.headline ?? verdictHeadline(document));
  const verdict = document.verdict;
  const extra: string[] = [];
  if (verdict) {
    const method = methodLine(verdict);
    if (method) extra.push(method);
    const detectable = detectableLine(verdict);
    if (detectable) extra.push(detectable);
  }
  const delay = injectedDelayMs(document);
  if (delay > 0) {
    extra.push(
      `Calibration run: ${delay} ms of extra server delay was injected on purpose, to check that the gate catches it.`,
    );
  }
  for (const paragraph of extra) lines.push('', paragraph);
  const reasons = verdict?.reasons ?? [];
  if (reasons.length > 0) {
    const shown = reasons.slice(0, MAX_REASONS).map(escapeMarkdown);
    if (reasons.length > MAX_REASONS) shown.push(`and ${reasons.length - MAX_REASONS} more`);
    lines.push('', bulletList(shown));
  }
  if (options.runUrl !== undefined) {
    lines.push('', `<sub>[Workflow run](${options.runUrl}): logs and the full job summary.</sub>`);
  }
  return { title: 'headline', markdown: lines.join('\n'), rank: KEEP };
}
