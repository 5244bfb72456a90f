// Issue 4's "done when", for real: the bundled action as the runner calls it, in a repository whose
// origin is a local bare repository laid out like a GitHub server, with real load on loopback.
// A first push run stores a baseline on the data branch and passes; a second is compared with it;
// a third with 3 ms of injected server delay fails with exit 1; `mesh-perf compare` on the files
// gives the same verdicts; a pull-request run finds the base branch's run at the merge-base and
// comments through a local stand-in for the GitHub API.
//
// MESH_PERF_E2E_RECORD=FILE appends one JSON line per sequence (verdicts and p99 statuses), which is
// how the reliability of these settings was measured (README, "The gate end to end").
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendFile } from 'node:fs/promises';
import { short } from '../../src/baseline/selectReference.js';
import { exitCodeFor } from '../../src/compare/gate.js';
import { verdictSchema, type ResultDocument, type Verdict } from '../../src/results/schema.js';
import {
  gitHubLikeRepo,
  runAction,
  type ActionRun,
  type GitHubLikeRepo,
} from '../support/actionRuns.js';
import { FakeGitHubApi } from '../support/fakeGitHubApi.js';
import { commitAt, git } from '../support/gitRepos.js';
import { scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

/**
 * One scenario, 6 trials of 4 s at 500 RPS against a 10 ms server: about 32 s per run. Chosen by
 * measurement over 200 RPS x 5 trials of 5 s, which takes as long (README, "The gate end to end").
 */
const SETTINGS = {
  mesh: 'none',
  rps: '500',
  connections: '50',
  duration: '4s',
  warmup: '1s',
  repetitions: '6',
  'server-delay': '10ms',
};
const REPOSITORY = 'octo-org/mesh-app';
const TOKEN = 'ghs_FakeTokenForTests0123456789';
const RUN_TIMEOUT_MS = 120_000;

let repo: GitHubLikeRepo;
let api: FakeGitHubApi;
let apiUrl: string;
const commits = { a: '', b: '', c: '' };
const runs: Partial<Record<'first' | 'second' | 'injected' | 'pullRequest', ActionRun>> = {};

function got(name: keyof typeof runs): ActionRun {
  const run = runs[name];
  if (!run) throw new Error(`the ${name} run did not happen`);
  return run;
}

function verdictOf(document: ResultDocument): Verdict {
  if (!document.verdict) throw new Error(`run ${document.run.id} has no verdict`);
  return document.verdict;
}

/** Each comparison's status, keyed by scenario, metric and component. */
const statuses = (verdict: Verdict): Record<string, string> =>
  Object.fromEntries(
    verdict.comparisons.map((c) => [`${c.scenario} ${c.metric} ${c.component ?? ''}`, c.status]),
  );

function pushEvent(sha: string, before: string): Record<string, unknown> {
  return {
    ref: 'refs/heads/main',
    before,
    after: sha,
    created: false,
    deleted: false,
    forced: false,
    head_commit: { id: sha, message: 'A change' },
    repository: { full_name: REPOSITORY, default_branch: 'main' },
  };
}

const pushEnv = (sha: string): NodeJS.ProcessEnv => ({
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SHA: sha,
  GITHUB_REF: 'refs/heads/main',
});

async function storedIndex(): Promise<{ entries: { commit: string; runId: string }[] }> {
  const text = await git(repo.bare, ['show', 'mesh-perf-data:index.json']);
  return JSON.parse(text) as { entries: { commit: string; runId: string }[] };
}

const compare = (baseline: ActionRun, current: ActionRun) =>
  runNode(scripts.cli, ['compare', baseline.resultPath, current.resultPath, '--format', 'json'], {
    env: cleanEnv(),
    timeoutMs: 30_000,
  });

beforeAll(async () => {
  repo = await gitHubLikeRepo(REPOSITORY);
  api = new FakeGitHubApi();
  apiUrl = await api.start();
  commits.a = await commitAt(repo.work, '2026-12-01T10:00:00Z', 'Start the service');
  commits.b = await commitAt(repo.work, '2026-12-02T10:00:00Z', 'Tune the connection pool');
  await git(repo.work, ['push', '--quiet', 'origin', 'main']);
  await git(repo.work, ['checkout', '--quiet', '-b', 'feature/cipher']);
  commits.c = await commitAt(repo.work, '2026-12-03T10:00:00Z', 'Try another cipher');
  await git(repo.work, ['push', '--quiet', 'origin', 'feature/cipher']);
  await git(repo.work, ['checkout', '--quiet', 'main']);
}, 60_000);

/** What MESH_PERF_E2E_RECORD keeps of a run: its verdict, latency statuses and what failed. */
function recordOf(run: ActionRun): Record<string, unknown> {
  const verdict = verdictOf(run.document);
  const p99 = verdict.comparisons.find((c) => c.metric === 'latency-p99');
  return {
    exit: run.finished.code,
    verdict: verdict.kind,
    p50: statuses(verdict)['none latency-p50 '],
    p99: p99?.status,
    p99Change: p99?.change,
    p99Detectable: p99?.minDetectableChange,
    failed: verdict.comparisons
      .filter((c) => c.status === 'fail')
      .map((c) => `${c.metric} ${c.component ?? ''} ${((c.change ?? 0) * 100).toFixed(1)}%`),
  };
}

afterAll(async () => {
  const record = process.env.MESH_PERF_E2E_RECORD;
  if (record) {
    const line = Object.entries(runs).map(([name, run]) => [name, recordOf(run)]);
    await appendFile(
      record,
      `${JSON.stringify({ settings: SETTINGS, ...Object.fromEntries(line) })}\n`,
    );
  }
  await api.stop();
  await repo.remove();
});

describe('run 1: a push to main with save-baseline true', () => {
  beforeAll(async () => {
    runs.first = await runAction(repo, {
      name: 'first',
      inputs: { ...SETTINGS, 'save-baseline': 'true' },
      env: pushEnv(commits.a),
      event: pushEvent(commits.a, '0'.repeat(40)),
      timeoutMs: RUN_TIMEOUT_MS,
    });
  }, RUN_TIMEOUT_MS + 10_000);

  it('passes with "no baseline" and says why', () => {
    const run = got('first');
    expect(run.finished.stdout).not.toContain('::error');
    expect(run.finished.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'no-baseline', regressions: '0' });
    expect(run.outputs['result-path']).toBe(run.resultPath);
    expect(JSON.parse(run.outputs['p99-ms'] ?? '{}')).toEqual({
      none: run.document.scenarios[0]?.summary.latencyMs.p99,
    });
    expect(verdictOf(run.document).reasons).toContain(
      'no reference: the data branch mesh-perf-data does not exist yet (nothing stored)',
    );
    expect(run.summary).toContain('No baseline to compare with');
  });

  it('stores the run on the data branch, keyed by commit, and leaves no temp repository', async () => {
    const run = got('first');
    const index = await storedIndex();
    expect(index.entries.map((e) => [e.commit, e.runId])).toEqual([
      [commits.a, run.document.run.id],
    ]);
    expect(verdictOf(run.document).reasons.at(-1)).toMatch(
      new RegExp(`^baseline: stored as mesh-perf-data:[0-9a-f]{16}/${commits.a}\\.json$`),
    );
    expect(run.leftovers).toEqual([]);
  });
});

describe('run 2: the next push, same settings', () => {
  beforeAll(async () => {
    runs.second = await runAction(repo, {
      name: 'second',
      inputs: { ...SETTINGS, 'save-baseline': 'false' },
      env: pushEnv(commits.b),
      event: pushEvent(commits.b, commits.a),
      timeoutMs: RUN_TIMEOUT_MS,
    });
  }, RUN_TIMEOUT_MS + 10_000);

  it('is compared with run 1 by Welch`s test', () => {
    const verdict = verdictOf(got('second').document);
    expect(verdict.method).toBe('welch');
    expect(verdict.baseline).toMatchObject({
      source: 'git-branch',
      commit: commits.a,
      runId: got('first').document.run.id,
    });
    expect(verdict.reasons).toContain(
      `reference: the newest stored run of refs/heads/main before ${short(commits.b)}: commit ${short(commits.a)}, run ${got('first').document.run.id}`,
    );
    expect(got('second').summary).toContain("Method: Welch's t test against stored run");
  });

  it('shows no latency regression, and exits as its verdict says', () => {
    const run = got('second');
    const verdict = verdictOf(run.document);
    // Measured (README, "The gate end to end"): latency never failed an A/A comparison, but on a
    // busy machine client CPU sometimes did, so the verdict itself is not asserted to pass.
    expect(verdict.kind).not.toBe('infra-error');
    expect(
      verdict.comparisons.filter((c) => c.metric.startsWith('latency-') && c.status === 'fail'),
    ).toEqual([]);
    expect(run.outputs.verdict).toBe(verdict.kind);
    expect(run.finished.code).toBe(exitCodeFor(verdict, 'regression'));
  });
});

describe('run 3: 3 ms of server delay injected on the 10 ms server', () => {
  beforeAll(async () => {
    runs.injected = await runAction(repo, {
      name: 'injected',
      inputs: { ...SETTINGS, 'inject-delay': '3ms', 'save-baseline': 'false' },
      env: pushEnv(commits.b),
      event: pushEvent(commits.b, commits.a),
      timeoutMs: RUN_TIMEOUT_MS,
    });
  }, RUN_TIMEOUT_MS + 10_000);

  it('fails with exit code 1 and verdict=fail in GITHUB_OUTPUT', () => {
    const run = got('injected');
    expect(run.finished.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(Number(run.outputs.regressions)).toBeGreaterThanOrEqual(1);
    expect(verdictOf(run.document).baseline?.commit).toBe(commits.a);
    expect(run.finished.stdout).toMatch(/^::error::mesh-perf: Regression: /m);
  });

  it('shows a latency regression in the summary, with an annotation, and names the injection', () => {
    const run = got('injected');
    const failed = verdictOf(run.document).comparisons.filter((c) => c.status === 'fail');
    const latency = failed.filter((c) => c.metric === 'latency-p50' || c.metric === 'latency-p99');
    expect(latency.length).toBeGreaterThanOrEqual(1);
    for (const c of latency) {
      const label = c.metric === 'latency-p50' ? 'p50 latency' : 'p99 latency';
      expect(run.summary).toMatch(
        new RegExp(`^\\| ${label} \\|.*\\| ❌ \\*\\*fail\\*\\* \\|$`, 'm'),
      );
      // The runner's property escaping turns ':' into %3A.
      expect(run.finished.stdout).toContain(
        `::error title=mesh-perf regression%3A none ${label}::`,
      );
    }
    // The p99 row is always there; that it fails is not reliable on a busy runner (README).
    expect(run.summary).toMatch(/^\| p99 latency \| [\d.]+ ms \| [\d.]+ ms \|/m);
    expect(run.document.load.injectedDelayMs).toBe(3);
    expect(run.summary).toContain('Calibration run: 3 ms of extra server delay was injected');
  });
});

describe('mesh-perf compare on the documents the runs wrote', () => {
  it('run 1 against run 3: exit 1 and the same statuses as the run', async () => {
    const { code, stdout } = await compare(got('first'), got('injected'));
    const fromFiles = verdictSchema.parse(JSON.parse(stdout));
    const run = verdictOf(got('injected').document);
    expect(code).toBe(1);
    expect(fromFiles.kind).toBe(run.kind);
    expect(statuses(fromFiles)).toEqual(statuses(run));
  });

  it('run 1 against run 2: the same verdict and exit code as the run', async () => {
    const { code, stdout } = await compare(got('first'), got('second'));
    const fromFiles = verdictSchema.parse(JSON.parse(stdout));
    const run = verdictOf(got('second').document);
    expect(code).toBe(got('second').finished.code);
    expect(fromFiles.kind).toBe(run.kind);
    expect(statuses(fromFiles)).toEqual(statuses(run));
  });
});

describe('a pull request into main', () => {
  beforeAll(async () => {
    api.requests.length = 0;
    runs.pullRequest = await runAction(repo, {
      name: 'pull-request',
      inputs: { ...SETTINGS, comment: 'always', 'github-token': TOKEN },
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_SHA: commits.c,
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_BASE_REF: 'main',
        GITHUB_HEAD_REF: 'feature/cipher',
        GITHUB_API_URL: apiUrl,
        GITHUB_RUN_ID: '4242',
      },
      event: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          base: { ref: 'main', sha: commits.b, repo: { full_name: REPOSITORY } },
          head: { ref: 'feature/cipher', sha: commits.c, repo: { full_name: REPOSITORY } },
        },
        repository: { full_name: REPOSITORY, default_branch: 'main' },
      },
      timeoutMs: RUN_TIMEOUT_MS,
    });
  }, RUN_TIMEOUT_MS + 10_000);

  it('is compared with the base branch`s run at or before the merge-base', () => {
    const run = got('pullRequest');
    const verdict = verdictOf(run.document);
    expect(verdict.kind).not.toBe('infra-error');
    expect(verdict.baseline?.commit).toBe(commits.a);
    expect(verdict.reasons).toContain(
      `reference: the newest stored run of refs/heads/main at or before the merge-base ${short(commits.b)}: commit ${short(commits.a)}, run ${got('first').document.run.id}`,
    );
    expect(run.finished.code).toBe(exitCodeFor(verdict, 'regression'));
  });

  it('posts one comment with the marker, and the token appears nowhere but its mask', () => {
    const run = got('pullRequest');
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.url)).toEqual(['/repos/octo-org/mesh-app/issues/7/comments']);
    const body = (posts[0]?.body as { body: string }).body;
    expect(body.startsWith('<!-- mesh-perf:mesh-perf/perf -->\n## mesh-perf\n')).toBe(true);
    expect(body).toContain(`commit ${short(commits.a)}`);
    expect(run.outputs['comment-url']).toMatch(
      /^https:\/\/github\.com\/octo-org\/mesh-app\/pull\/7#issuecomment-\d+$/,
    );
    expect(run.finished.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
  });

  it('stores nothing: only pushes to the default branch are stored by default', async () => {
    expect((await storedIndex()).entries).toHaveLength(1);
    expect(got('pullRequest').leftovers).toEqual([]);
  });
});
