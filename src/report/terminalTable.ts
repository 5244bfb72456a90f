// The result as an aligned plain-text table for the terminal.
import type { ResultDocument } from '../results/schema.js';
import { TABLE_HEADER, loadLine, problemLines, tableRows } from './tableRows.js';

export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

export function renderTerminalReport(document: ResultDocument, resultPath: string): string {
  const lines = [
    loadLine(document),
    '',
    renderTable([TABLE_HEADER, ...tableRows(document)]),
    '',
    'CPU in cores, memory as peak MiB (mean over valid trials); latency from the merged histogram of valid trials.',
  ];
  const problems = problemLines(document);
  if (problems.length > 0) lines.push('', 'Not trusted:', ...problems.map((p) => `  - ${p}`));
  lines.push('', `Result document: ${resultPath}`);
  return lines.join('\n');
}
