// The result as GitHub-flavoured markdown (job summary, later the PR comment). Every piece of text
// that did not come from us (reasons quoting process output, refs) is escaped.
import type { ResultDocument } from '../results/schema.js';
import { TABLE_HEADER, loadLine, problemLines, tableRows } from './tableRows.js';

/** Escapes text so it renders literally inside markdown and table cells, and cannot inject HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ')
    .replace(/@/g, '@\u200b');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? ':---' : '---:'));
  return [line(header), line(align), ...rows.map((row) => line(row.map(escapeMarkdown)))].join(
    '\n',
  );
}

export function renderMarkdownReport(document: ResultDocument, verdictLine: string): string {
  const parts = [
    '## mesh-perf',
    '',
    verdictLine,
    '',
    escapeMarkdown(loadLine(document)),
    '',
    markdownTable(TABLE_HEADER, tableRows(document)),
    '',
    '<sub>CPU in cores, memory as peak MiB (mean over valid trials); latency from the merged histogram of valid trials.</sub>',
  ];
  const problems = problemLines(document);
  if (problems.length > 0) {
    parts.push('', '### Not trusted', '', ...problems.map((p) => `- ${escapeMarkdown(p)}`));
  }
  const env = document.environment;
  parts.push(
    '',
    '<details><summary>Environment</summary>',
    '',
    `- ${escapeMarkdown(`${env.os}; ${env.kernel}; ${env.cpus} × ${env.cpuModel}; ${env.memoryGiB} GiB; Node ${env.nodeVersion}`)}`,
    `- ${escapeMarkdown(`run ${document.run.id}, commit ${document.run.commit ?? 'unknown'}, ref ${document.run.ref ?? 'unknown'}`)}`,
    '',
    '</details>',
  );
  return parts.join('\n');
}
