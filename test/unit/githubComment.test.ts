// The PR comment client against a local HTTP server standing in for gh.api.github.com: the exact
// requests for find (with pagination), update and create, each comment mode, and the fork
// fallback (a read-only token, a 403, a failing API) that writes the comment to a file instead.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { octokitCommentApi } from '../../src/github/commentApi.js';
import { commentMarker, isMarker } from '../../src/github/commentMarker.js';
import { readGitHubContext, type GitHubContext } from '../../src/github/githubContext.js';
import {
  commentAction,
  publishComment,
  upsertComment,
  type PublishCommentInput,
} from '../../src/github/publishComment.js';
import { useFakeGitHubApi } from '../support/gitHubApiFixture.js';
import { fixturesDir } from '../support/paths.js';

const MARKER = '<!-- mesh-perf:mesh-perf pull request/perf -->';
const BODY = `${MARKER}\n## mesh-perf\n\n**Regression**: ...`;
const COMMENTS = '/repos/octo-org/mesh-app/issues/7/comments';
const TOKEN = 'ghs_FakeTokenForTests0123456789';

const gh = useFakeGitHubApi('comment-test-');

function client() {
  return octokitCommentApi(TOKEN, { owner: 'octo-org', repo: 'mesh-app' }, gh.baseUrl);
}

const calls = (): string[] => gh.api.requests.map((r) => `${r.method} ${r.url}`);

describe('find, update, create', () => {
  it('creates the comment when no comment carries the marker', async () => {
    gh.api.addComments(7, ['LGTM', `> ${MARKER}\n> quoted by a reviewer`]);
    const outcome = await upsertComment(client(), {
      pr: 7,
      marker: MARKER,
      body: BODY,
      createIfMissing: true,
    });
    expect(calls()).toEqual([`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`]);
    expect(gh.api.requests[1]?.body).toEqual({ body: BODY });
    expect(gh.api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(outcome).toEqual({
      status: 'created',
      url: 'https://github.com/octo-org/mesh-app/pull/7#issuecomment-1002',
    });
  });

  it('pages through the comments and updates ours in place', async () => {
    gh.api.addComments(
      7,
      Array.from({ length: 130 }, (_, i) => `comment ${i}`),
    );
    const [ours] = gh.api.addComments(7, [`${MARKER}\nold report`], 'github-actions[bot]');
    gh.api.addComments(7, ['after ours']);
    const outcome = await upsertComment(client(), {
      pr: 7,
      marker: MARKER,
      body: BODY,
      createIfMissing: false,
    });
    expect(calls()).toEqual([
      `GET ${COMMENTS}?per_page=100`,
      `GET ${COMMENTS}?per_page=100&page=2`,
      `PATCH /repos/octo-org/mesh-app/issues/comments/${ours}`,
    ]);
    expect(gh.api.requests[2]?.body).toEqual({ body: BODY });
    expect(outcome).toEqual({
      status: 'updated',
      url: `https://github.com/octo-org/mesh-app/pull/7#issuecomment-${ours}`,
    });
    expect(gh.api.comments.get(7)?.find((c) => c.id === ours)?.body).toBe(BODY);
  });

  it('stops paging at the page that has it', async () => {
    const [ours] = gh.api.addComments(7, [`${MARKER}\nold`]);
    gh.api.addComments(
      7,
      Array.from({ length: 150 }, (_, i) => `later ${i}`),
    );
    expect(await client().find(7, MARKER)).toEqual({
      id: ours,
      url: `https://github.com/octo-org/mesh-app/pull/7#issuecomment-${ours}`,
    });
    expect(calls()).toEqual([`GET ${COMMENTS}?per_page=100`]);
  });

  it("ignores a stranger's comment that starts with the marker", async () => {
    gh.api.addComments(7, [`${MARKER}\nfake report`], 'stranger');
    const outcome = await upsertComment(client(), {
      pr: 7,
      marker: MARKER,
      body: BODY,
      createIfMissing: true,
    });
    expect(calls()).toEqual([`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`]);
    expect(outcome.status).toBe('created');
    expect(gh.api.comments.get(7)?.[0]?.body).toBe(`${MARKER}\nfake report`);
  });

  it('reads the head commit of a pull request', async () => {
    gh.api.pulls.set(7, 'abc123');
    expect(await client().pullRequestHead(7)).toBe('abc123');
    expect(calls()).toEqual(['GET /repos/octo-org/mesh-app/pulls/7']);
  });
});

describe('the marker', () => {
  it.each([
    ['mesh-perf pull request', 'perf', '<!-- mesh-perf:mesh-perf pull request/perf -->'],
    ['evil --> <b>x</b>', 'job', '<!-- mesh-perf:evil -_ _b_x_/b_/job -->'],
    ['', '', '<!-- mesh-perf:_/_ -->'],
  ])('for workflow %j and job %j is %s', (workflow, job, marker) => {
    expect(commentMarker(workflow, job)).toBe(marker);
    expect(isMarker(marker)).toBe(true);
  });

  it('is recognised only in its own shape', () => {
    expect(isMarker('<!-- mesh-perf:a/b --> trailing')).toBe(false);
    expect(isMarker('<!-- mesh-perf:a--b/c -->')).toBe(false);
    expect(isMarker('<!-- other:a/b -->')).toBe(false);
  });
});

const modes: [PublishCommentInput['mode'], 'fail' | 'pass', boolean, string[]][] = [
  ['always', 'pass', false, [`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`]],
  ['on-regression', 'fail', false, [`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`]],
  // No regression and no comment yet: nothing is created.
  ['on-regression', 'pass', false, [`GET ${COMMENTS}?per_page=100`]],
  // No regression but an old regression comment: it is updated, never left stale.
  ['on-regression', 'pass', true, [`GET ${COMMENTS}?per_page=100`, 'PATCH']],
  ['never', 'fail', true, []],
];

async function context(event: string, name = 'pull_request'): Promise<GitHubContext> {
  return readGitHubContext({
    GITHUB_API_URL: gh.baseUrl,
    GITHUB_REPOSITORY: 'octo-org/mesh-app',
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path.join(fixturesDir, 'github', event),
    GITHUB_WORKFLOW: 'mesh-perf pull request',
    GITHUB_JOB: 'perf',
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
  });
}

function input(
  over: Partial<PublishCommentInput> & { context: GitHubContext },
): PublishCommentInput & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    mode: 'always',
    verdict: 'fail',
    marker: MARKER,
    body: BODY,
    token: TOKEN,
    commentFile: path.join(gh.dir, `comment-${gh.api.requests.length}-${Math.random()}.json`),
    api: (token) => octokitCommentApi(token, { owner: 'octo-org', repo: 'mesh-app' }, gh.baseUrl),
    warn: (message) => warnings.push(message),
    warnings,
    ...over,
  };
}

describe('comment modes', () => {
  it.each(modes)(
    '%s with a %s verdict (existing comment: %s)',
    async (mode, verdict, exists, expected) => {
      if (exists) gh.api.addComments(7, [`${MARKER}\nold regression report`]);
      const args = input({ mode, verdict, context: await context('pull_request.same-repo.json') });
      await publishComment(args);
      expect(calls().map((c) => (c.startsWith('PATCH') ? 'PATCH' : c))).toEqual(expected);
      expect(args.warnings).toEqual([]);
    },
  );

  it('maps modes and verdicts to actions', () => {
    expect(commentAction('on-regression', 'infra-error')).toBe('update-only');
    expect(commentAction('always', 'no-baseline')).toBe('upsert');
    expect(commentAction('never', 'fail')).toBe('none');
  });

  it('does nothing outside a pull request', async () => {
    const args = input({
      context: { ...(await context('pull_request.same-repo.json')), pullRequest: null },
    });
    expect(await publishComment(args)).toEqual({
      status: 'skipped',
      reason: 'not a pull-request run',
    });
    expect(calls()).toEqual([]);
  });
});

describe('when the token cannot comment', () => {
  async function fileOf(outcome: { status: string; file?: string }): Promise<unknown> {
    expect(outcome.status).toBe('deferred');
    return JSON.parse(await readFile(outcome.file ?? '', 'utf8')) as unknown;
  }

  it('a pull request from a fork: no API call, the comment goes to the file', async () => {
    const args = input({ context: await context('pull_request.fork.json') });
    const outcome = await publishComment(args);
    expect(calls()).toEqual([]);
    expect(await fileOf(outcome)).toEqual({
      schema: 'mesh-perf-comment/v1',
      pr: 7,
      marker: MARKER,
      body: BODY,
      createIfMissing: true,
    });
    expect(args.warnings).toEqual([
      `mesh-perf: pull request #7 comes from a fork, so this run's token is read-only; wrote the comment to ${args.commentFile}: a workflow_run workflow with pull-requests: write can post it (examples/pr-comment-fork-safe.yml).`,
    ]);
  });

  it('a fork under pull_request_target has a write token: it comments', async () => {
    const args = input({ context: await context('pull_request.fork.json', 'pull_request_target') });
    expect((await publishComment(args)).status).toBe('created');
  });

  it('a 403 (read-only token): warns, does not fail, writes the file', async () => {
    gh.api.forbidWrites = true;
    const args = input({
      mode: 'on-regression',
      verdict: 'pass',
      context: await context('pull_request.same-repo.json'),
    });
    gh.api.addComments(7, [`${MARKER}\nold`]);
    const outcome = await publishComment(args);
    expect(calls().map((c) => c.split(' ')[0])).toEqual(['GET', 'PATCH']);
    expect(await fileOf(outcome)).toMatchObject({ pr: 7, createIfMissing: false });
    expect(args.warnings[0]).toMatch(
      /^mesh-perf: the token may not comment here \(403: Resource not accessible by integration/,
    );
  });

  it('a failing API: warns and writes the file', async () => {
    gh.api.failWith = 500;
    const args = input({ context: await context('pull_request.same-repo.json') });
    const outcome = await publishComment(args);
    expect(await fileOf(outcome)).toMatchObject({ pr: 7 });
    expect(args.warnings[0]).toMatch(/^mesh-perf: commenting failed \(500: /);
  });

  it('no token: the file', async () => {
    const args = input({ token: '', context: await context('pull_request.same-repo.json') });
    expect((await publishComment(args)).status).toBe('deferred');
    expect(calls()).toEqual([]);
  });
});

describe('the run context', () => {
  it('reads the pull request, the fork and the run link from the event', async () => {
    const same = await context('pull_request.same-repo.json');
    expect(same).toEqual({
      apiUrl: gh.baseUrl,
      repository: { owner: 'octo-org', repo: 'mesh-app' },
      eventName: 'pull_request',
      pullRequest: {
        number: 7,
        headSha: '8f3c1d2e4b5a69788796a5b4c3d2e1f0a9b8c7d6',
        fromFork: false,
      },
      triggeringHeadSha: null,
      workflow: 'mesh-perf pull request',
      job: 'perf',
      runUrl: 'https://github.com/octo-org/mesh-app/actions/runs/42',
    });
    expect((await context('pull_request.fork.json')).pullRequest?.fromFork).toBe(true);
    const followUp = await context('workflow_run.completed.json', 'workflow_run');
    expect(followUp.pullRequest).toBeNull();
    expect(followUp.triggeringHeadSha).toBe('8f3c1d2e4b5a69788796a5b4c3d2e1f0a9b8c7d6');
  });

  it('has no pull request for a local run', async () => {
    const local = await readGitHubContext({});
    expect(local).toMatchObject({ repository: null, pullRequest: null, runUrl: null });
  });
});
