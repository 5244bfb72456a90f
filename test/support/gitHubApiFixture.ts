// The hooks every test against the GitHub stand-in needs: a fresh FakeGitHubApi per test (so
// recorded requests never leak between tests) and one temp directory per file for comment files
// and charts.
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHubApi } from './fakeGitHubApi.js';

export interface GitHubApiFixture {
  /** The current test's stand-in. */
  readonly api: FakeGitHubApi;
  /** Its base URL, as the Octokit client takes it. */
  readonly baseUrl: string;
  /** A temp directory for the whole file, removed after it. */
  readonly dir: string;
}

/** Registers the hooks; call at the top level of a test file. */
export function useFakeGitHubApi(tempPrefix: string): GitHubApiFixture {
  let api: FakeGitHubApi | undefined;
  let baseUrl: string | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    api = new FakeGitHubApi();
    baseUrl = await api.start();
  });
  afterEach(async () => {
    await api?.stop();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is only set inside a test`);
    return value;
  };
  return {
    get api() {
      return ready(api, 'api');
    },
    get baseUrl() {
      return ready(baseUrl, 'baseUrl');
    },
    get dir() {
      return ready(dir, 'dir');
    },
  };
}
