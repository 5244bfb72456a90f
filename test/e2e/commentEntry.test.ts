// The report side of the bundles as users run them: the action's comment-from mode (the trusted
// workflow_run half of the fork-safe pattern) and `mesh-perf comment` / `mesh-perf report` from
// the CLI, against the local stand-in for the GitHub API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { smpExportSchema } from '../../src/report/smp/smpSchema.js';
import { FakeGitHubApi } from '../support/fakeGitHubApi.js';
import { fixturesDir, scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

const MARKER = '<!-- mesh-perf:mesh-perf pull request/perf -->';
const HEAD = '8f3c1d2e4b5a69788796a5b4c3d2e1f0a9b8c7d6';
const TOKEN = 'ghs_FakeTokenForTests0123456789';

let api: FakeGitHubApi;
let baseUrl: string;
let dir: string;
let commentFile: string;

beforeAll(async () => {
  api = new FakeGitHubApi();
  baseUrl = await api.start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-comment-'));
  commentFile = path.join(dir, 'mesh-perf-comment.json');
  await writeFile(
    commentFile,
    JSON.stringify({
      schema: 'mesh-perf-comment/v1',
      pr: 7,
      marker: MARKER,
      body: `${MARKER}\n## mesh-perf\n\n**Regression**`,
      createIfMissing: true,
    }),
  );
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

const githubEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
  cleanEnv({
    GITHUB_API_URL: baseUrl,
    GITHUB_REPOSITORY: 'octo-org/mesh-app',
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: path.join(fixturesDir, 'github', 'workflow_run.completed.json'),
    ...extra,
  });

describe('the action with comment-from', () => {
  it('posts the file, sets comment-url, masks the token, runs no benchmark', async () => {
    api.requests.length = 0;
    api.comments.clear();
    api.pulls.set(7, HEAD);
    const output = path.join(dir, 'output');
    await writeFile(output, '');
    const result = await runNode(scripts.main, [], {
      env: githubEnv({
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: output,
        'INPUT_COMMENT-FROM': commentFile,
        'INPUT_GITHUB-TOKEN': TOKEN,
      }),
      timeoutMs: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/octo-org/mesh-app/pulls/7',
      'GET /repos/octo-org/mesh-app/issues/7/comments?per_page=100',
      'POST /repos/octo-org/mesh-app/issues/7/comments',
    ]);
    expect(api.requests[0]?.authorization).toBe(`token ${TOKEN}`);
    expect(result.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(result.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(result.stdout).not.toContain('Trial');
    expect(await readFile(output, 'utf8')).toMatch(
      /comment-url<<ghadelimiter_[\w-]+\nhttps:\/\/github\.com\/octo-org\/mesh-app\/pull\/7#issuecomment-\d+\n/,
    );
  });

  it('fails with exit 2 on a tampered file', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ pr: 7, body: 'x' }));
    const result = await runNode(scripts.main, [], {
      env: githubEnv({
        GITHUB_ACTIONS: 'true',
        'INPUT_COMMENT-FROM': bad,
        'INPUT_GITHUB-TOKEN': TOKEN,
      }),
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /::error::mesh-perf: comment-from: .* is not a mesh-perf-comment\/v1 comment file/,
    );
  });
});

describe('the CLI', () => {
  it('mesh-perf comment --from FILE updates the comment it posted before', async () => {
    api.requests.length = 0;
    api.pulls.set(7, HEAD);
    const result = await runNode(scripts.cli, ['comment', '--from', commentFile], {
      env: githubEnv({ GITHUB_TOKEN: TOKEN }),
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^updated https:\/\/github\.com\/octo-org\/mesh-app\/pull\/7#issuecomment-\d+\n$/,
    );
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH']);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('mesh-perf comment without --from exits 2 naming the flag', async () => {
    const result = await runNode(scripts.cli, ['comment'], { env: cleanEnv(), timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'from (--from): no comment file given; allowed: mesh-perf comment --from FILE [--head-sha SHA]',
    );
  });

  it('mesh-perf report --format smp prints the SMP shapes', async () => {
    const result = await runNode(
      scripts.cli,
      ['report', path.join(fixturesDir, 'report', 'current.json'), '--format', 'smp'],
      { env: cleanEnv(), timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    const smp = smpExportSchema.parse(JSON.parse(result.stdout));
    expect(smp.scenarios.map((s) => s.mesh)).toEqual(['none', 'app-mtls']);
  });

  it('mesh-perf report --format markdown --baseline adds the baseline to the charts', async () => {
    const result = await runNode(
      scripts.cli,
      [
        'report',
        path.join(fixturesDir, 'report', 'current.json'),
        '--format',
        'markdown',
        '--baseline',
        path.join(fixturesDir, 'report', 'baseline.json'),
      ],
      { env: cleanEnv(), timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('**No baseline to compare with**');
    expect(result.stdout).toContain('Lines: grey = baseline, blue = this run.');
  });
});
