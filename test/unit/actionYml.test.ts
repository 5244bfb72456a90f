// action.yml documents every configuration field, with the default that really applies, and has
// no input the configuration does not know.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { INPUT_FIELDS, documentedDefault, inputDescription } from '../../src/config/fields.js';
import { repoRoot } from '../support/paths.js';

interface ActionYml {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
}

async function actionYml(): Promise<ActionYml> {
  return parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
}

describe('action.yml', () => {
  it.each(INPUT_FIELDS.map((f) => [f.key, f] as const))(
    'input %s states its default and has none of its own',
    async (key, field) => {
      const input = (await actionYml()).inputs[key];
      expect(input?.description.endsWith(` Default: ${documentedDefault(field)}.`)).toBe(true);
      // The whole text comes from fields.ts, so flags, inputs and docs say the same thing.
      expect(input?.description).toBe(inputDescription(field));
      // No default of its own: an unset input must leave the config file in charge.
      expect(input?.default).toBeUndefined();
      expect(input?.required).toBe(false);
    },
  );

  it('has no input that fields.ts does not know, except github-token and comment-from', async () => {
    const action = await actionYml();
    expect(Object.keys(action.inputs).sort()).toEqual(
      [...INPUT_FIELDS.map((f) => f.key), 'github-token', 'comment-from'].sort(),
    );
    expect(action.inputs['comment-from']?.default).toBeUndefined();
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('runs on node24 with a post step that always runs, and names its outputs', async () => {
    const action = await actionYml();
    expect(action.name).toBe('mesh-perf');
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main.js',
      post: 'dist/post.js',
      'post-if': 'always()',
    });
    expect(Object.keys(action.outputs)).toEqual([
      'result-path',
      'verdict',
      'p99-ms',
      'regressions',
      'comment-url',
    ]);
  });
});
