import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { VERSION } from '../../src/version.js';
import { repoRoot } from '../support/paths.js';

describe('VERSION', () => {
  it('equals package.json', async () => {
    const pkg = JSON.parse(await readFile(`${repoRoot}/package.json`, 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});
