// README.md's configuration table is the one rendered from fields.ts (`npm run docs` rewrites it).
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { TABLE_END, TABLE_START, withConfigTable } from '../../src/config/configTable.js';
import { FIELDS } from '../../src/config/fields.js';
import { repoRoot } from '../support/paths.js';

describe('README.md configuration table', () => {
  it('is what npm run docs renders from fields.ts', async () => {
    const file = path.join(repoRoot, 'README.md');
    const readme = await readFile(file, 'utf8');
    const options = (await resolveConfig(file)) ?? {};
    const expected = await format(withConfigTable(readme), { ...options, filepath: file });
    expect(readme).toBe(expected);
  });

  it('lists every key once', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END));
    for (const field of FIELDS) {
      expect(section.split(`| \`${field.key}\` `).length - 1).toBe(1);
    }
  });

  it('refuses a README without the markers', () => {
    expect(() => withConfigTable('# nothing here')).toThrow(/config-table:start/);
  });
});
