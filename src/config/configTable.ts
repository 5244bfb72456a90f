// The README's configuration table, rendered from the same field list that validates input and
// writes action.yml, so the documentation cannot drift from what the program accepts.
import { INPUT_FIELDS, documentedDefault, inputDescription, type FieldSpec } from './fields.js';

// For scripts/docs.mjs, which also writes action.yml's input descriptions.
export { INPUT_FIELDS, inputDescription };

export const TABLE_START = '<!-- config-table:start (npm run docs) -->';
export const TABLE_END = '<!-- config-table:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(field: FieldSpec): string {
  return `| \`${field.key}\` | ${cell(documentedDefault(field))} | ${cell(field.description)} | ${cell(field.allowed)} |`;
}

export function renderConfigTable(fields: readonly FieldSpec[] = INPUT_FIELDS): string {
  return [
    '| Key | Default | What it sets | Allowed |',
    '| :-- | :-- | :-- | :-- |',
    ...fields.map(row),
  ].join('\n');
}

/** The README with the text between the markers replaced by the current table. */
export function withConfigTable(readme: string, table = renderConfigTable()): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) {
    throw new Error(`README.md has no ${TABLE_START} ... ${TABLE_END} section`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
