// action.yml documents every configuration field, with the default that really applies.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { FIELDS } from '../../src/config/fields.js';
import { repoRoot } from '../support/paths.js';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
}

describe('action.yml', () => {
  it('has an input per field whose description states its default, and no other inputs', async () => {
    const action = parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
    for (const field of FIELDS) {
      const input = action.inputs[field.key];
      expect(input?.description).toMatch(
        new RegExp(`Default: ${String(field.default).replace(/[.]/g, '\\.')}\\.$`),
      );
      // No default of its own: an unset input must leave the config file in charge.
      expect(input?.default).toBeUndefined();
    }
    expect(Object.keys(action.inputs).sort()).toEqual(
      [...FIELDS.map((f) => f.key), 'config', 'github-token'].sort(),
    );
  });

  it('runs on node24 with a post step that always runs', async () => {
    const action = parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main.js',
      post: 'dist/post.js',
      'post-if': 'always()',
    });
    expect(Object.keys(action.outputs)).toEqual(['result-path', 'verdict', 'p99-ms']);
  });
});
