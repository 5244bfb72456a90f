// A report is a list of whole sections. To fit a size limit (GitHub's 65,536 characters for a
// comment), the least important sections are left out whole, never cut mid-table, and a note says
// what was left out and where to find it.

export interface Section {
  /** Named in the note when the section is left out. */
  title: string;
  markdown: string;
  /** Lower ranks are left out first; KEEP is never left out. */
  rank: number;
}

export const KEEP = Number.POSITIVE_INFINITY;

/** GitHub rejects issue and pull-request comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** GitHub's limit for one step's job summary (1 MiB). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

const SEPARATOR = '\n\n';

/**
 * Measured in UTF-8 bytes: never fewer than the characters, code points or UTF-16 units, so the
 * body fits whichever of them the limit counts.
 */
export const sizeOf = (text: string): number => Buffer.byteLength(text, 'utf8');

export function cutNote(omitted: readonly string[], limit: number): string {
  return [
    '> [!NOTE]',
    `> Shortened to stay under ${limit.toLocaleString('en-US')} characters; left out: ${omitted.join(', ')}.`,
    '> The job summary and the result document have the whole report.',
  ].join('\n');
}

export interface Fitted {
  markdown: string;
  /** Titles of the sections left out, in the order they were dropped. */
  omitted: string[];
}

export function fitSections(sections: readonly Section[], limit: number): Fitted {
  const kept = new Set(sections);
  const omitted: string[] = [];
  const render = (): string => {
    const body = sections.filter((s) => kept.has(s)).map((s) => s.markdown);
    if (omitted.length > 0) body.push(cutNote(omitted, limit));
    return body.join(SEPARATOR);
  };
  // Lowest rank first; among equals the later section goes first (earlier ones matter more).
  const dropOrder = sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.rank !== KEEP)
    .sort((a, b) => a.section.rank - b.section.rank || b.index - a.index);
  let markdown = render();
  for (const { section } of dropOrder) {
    if (sizeOf(markdown) <= limit) break;
    kept.delete(section);
    omitted.push(section.title);
    markdown = render();
  }
  if (sizeOf(markdown) > limit) markdown = hardCut(markdown, limit);
  return { markdown, omitted };
}

/**
 * Last resort when even the sections that are always kept do not fit (they are bounded by
 * construction, so this should not happen): cut at the last blank line that fits.
 */
function hardCut(markdown: string, limit: number): string {
  const note = `${SEPARATOR}${cutNote(['the rest of the report'], limit)}`;
  const budget = limit - sizeOf(note);
  let end = markdown.lastIndexOf(SEPARATOR);
  while (end > 0 && sizeOf(markdown.slice(0, end)) > budget) {
    end = markdown.lastIndexOf(SEPARATOR, end - 1);
  }
  const head = end > 0 ? markdown.slice(0, end) : '';
  return `${head}${note}`.trimStart();
}
