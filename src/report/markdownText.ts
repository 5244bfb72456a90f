// Markdown building blocks shared by every report section: escaping of untrusted text, tables and
// collapsed blocks. Text that did not come from us (refs, commits, reasons quoting process output,
// a stored baseline's fields) always goes through escapeMarkdown.

/** Longest piece of untrusted text shown in one place; a hostile value cannot flood the report. */
export const MAX_UNTRUSTED_CHARS = 500;

/** Cuts text to `max` characters with an ellipsis, never inside a surrogate pair. */
export function clip(text: string, max = MAX_UNTRUSTED_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Escapes text so it renders literally inside markdown and table cells: no HTML, no emphasis, code,
 * links or table breaks, no @mentions and no #123 references (a zero-width space follows @ and #).
 */
export function escapeMarkdown(text: string): string {
  return clip(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/@/g, '@\u200b')
    .replace(/\\#(?=\d)/g, '\\#\u200b');
}

/**
 * A GitHub table; the first column left-aligned, the rest right-aligned. Cells are escaped unless
 * the caller built them from trusted parts and escaped the untrusted ones itself.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { escape?: boolean; align?: readonly ('left' | 'right')[] } = {},
): string {
  const escape = options.escape ?? true;
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => {
    const side = options.align?.[i] ?? (i === 0 ? 'left' : 'right');
    return side === 'left' ? ':---' : '---:';
  });
  const body = rows.map((row) => line(escape ? row.map(escapeMarkdown) : row));
  return [line(header), line(align), ...body].join('\n');
}

/** A collapsed block; the blank lines let GitHub render the markdown inside it. */
export function detailsBlock(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export const bulletList = (items: readonly string[]): string =>
  items.map((item) => `- ${item}`).join('\n');
