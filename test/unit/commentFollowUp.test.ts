// The trusted follow-up (workflow_run) posting a comment file left by a fork's run: it posts only
// when the pull request is still at the commit that was measured, and treats the file as
// untrusted input.
import { describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { octokitCommentApi } from '../../src/github/commentApi.js';
import { readGitHubContext } from '../../src/github/githubContext.js';
import { postCommentFile } from '../../src/github/postCommentFile.js';
import { ConfigError, InfraError } from '../../src/errors.js';
import { useFakeGitHubApi } from '../support/gitHubApiFixture.js';
import { fixturesDir } from '../support/paths.js';

const MARKER = '<!-- mesh-perf:mesh-perf pull request/perf -->';
const HEAD = '8f3c1d2e4b5a69788796a5b4c3d2e1f0a9b8c7d6';
const TOKEN = 'ghs_FakeTokenForTests0123456789';

const gh = useFakeGitHubApi('follow-up-test-');

async function commentFile(content: unknown): Promise<string> {
  const file = path.join(gh.dir, `c-${Math.random()}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const good = {
  schema: 'mesh-perf-comment/v1',
  pr: 7,
  marker: MARKER,
  body: `${MARKER}\n## mesh-perf\n\nping @octo-org/everyone`,
  createIfMissing: true,
};

async function post(file: string, expectedHeadSha?: string) {
  const context = await readGitHubContext({
    GITHUB_API_URL: gh.baseUrl,
    GITHUB_REPOSITORY: 'octo-org/mesh-app',
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: path.join(fixturesDir, 'github', 'workflow_run.completed.json'),
  });
  const logs: string[] = [];
  const outcome = await postCommentFile({
    file,
    context,
    token: TOKEN,
    ...(expectedHeadSha === undefined ? {} : { expectedHeadSha }),
    api: (token) => octokitCommentApi(token, { owner: 'octo-org', repo: 'mesh-app' }, gh.baseUrl),
    log: (line) => logs.push(line),
  });
  return { outcome, logs };
}

const calls = (): string[] => gh.api.requests.map((r) => `${r.method} ${r.url}`);

describe('posting a comment file', () => {
  it('checks the pull request head against the workflow_run head, then posts', async () => {
    gh.api.pulls.set(7, HEAD);
    const { outcome } = await post(await commentFile(good));
    expect(calls()).toEqual([
      'GET /repos/octo-org/mesh-app/pulls/7',
      'GET /repos/octo-org/mesh-app/issues/7/comments?per_page=100',
      'POST /repos/octo-org/mesh-app/issues/7/comments',
    ]);
    // Mentions from an untrusted file are neutralised.
    expect(gh.api.requests[2]?.body).toEqual({
      body: `${MARKER}\n## mesh-perf\n\nping @\u200bocto-org/everyone`,
    });
    expect(outcome.status).toBe('created');
  });

  it('does not post when the pull request has moved on (or the file names another one)', async () => {
    gh.api.pulls.set(7, 'ffffffffffffffffffffffffffffffffffffffff');
    const { outcome } = await post(await commentFile(good));
    expect(calls()).toEqual(['GET /repos/octo-org/mesh-app/pulls/7']);
    expect(outcome).toEqual({
      status: 'skipped',
      reason: `pull request #7 is at ffffffffffff, not at 8f3c1d2e4b5a that was measured: not posting`,
    });
  });

  it('updates only, when the run asked for that', async () => {
    gh.api.pulls.set(7, HEAD);
    const { outcome } = await post(await commentFile({ ...good, createIfMissing: false }));
    expect(outcome).toEqual({ status: 'unchanged' });
    expect(calls().map((c) => c.split(' ')[0])).toEqual(['GET', 'GET']);
  });

  it('takes the head commit from --head-sha when given', async () => {
    gh.api.pulls.set(7, 'abc');
    expect((await post(await commentFile(good), 'abc')).outcome.status).toBe('created');
  });

  it('has nothing to do without a file', async () => {
    const { outcome } = await post(path.join(gh.dir, 'absent.json'));
    expect(outcome.status).toBe('skipped');
    expect(calls()).toEqual([]);
  });

  it.each([
    ['not JSON', '{nope', /is not JSON/],
    ['a string for pr', { ...good, pr: '7' }, /pr: /],
    [
      'a foreign marker',
      { ...good, marker: '<!-- other -->' },
      /marker: is not a mesh-perf comment marker/,
    ],
    [
      'a body without its marker',
      { ...good, body: 'hello' },
      /the body does not start with its marker/,
    ],
    ['an extra field', { ...good, repo: 'other/repo' }, /Unrecognized key/],
    [
      'an oversize body',
      { ...good, body: `${MARKER}\n${'x'.repeat(70_000)}` },
      /allowed: at most 65536/,
    ],
  ])('refuses %s (exit 2, nothing posted)', async (_name, content, message) => {
    gh.api.pulls.set(7, HEAD);
    const attempt = post(await commentFile(content));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(message);
    expect(calls()).toEqual([]);
  });

  it('fails (exit 3) when GitHub refuses the post', async () => {
    gh.api.pulls.set(7, HEAD);
    gh.api.forbidWrites = true;
    const attempt = post(await commentFile(good));
    await expect(attempt).rejects.toBeInstanceOf(InfraError);
    await expect(attempt).rejects.toThrow(
      /posting to pull request #7 failed: Resource not accessible/,
    );
  });
});
