// A temp directory for config files, one per test file, removed after it.
import { afterAll, beforeAll } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ConfigDir {
  readonly dir: string;
  /** Writes a config file and returns its name, relative to dir. */
  write(name: string, text: string): Promise<string>;
}

/** Registers the hooks; call at the top level of a test file. */
export function useConfigDir(tempPrefix: string): ConfigDir {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  const ready = (): string => {
    if (dir === undefined) throw new Error('the config directory is only there inside a test');
    return dir;
  };
  return {
    get dir() {
      return ready();
    },
    async write(name, text) {
      await writeFile(path.join(ready(), name), text);
      return name;
    },
  };
}
