// publishReports end to end against the local stand-in for the GitHub API: charts next to the
// result, the job summary, one annotation per regression, the comment, the outputs; and the same
// through @actions/core's files as the runner reads them. The token never appears anywhere.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publishReports, type PublishContext } from '../../src/github/publishReports.js';
import { actionSink, type ReportSink } from '../../src/github/reportSink.js';
import { useFakeGitHubApi } from '../support/gitHubApiFixture.js';
import { fixturesDir } from '../support/paths.js';
import { documentWith, reportFixture } from '../support/verdicts.js';

const TOKEN = 'ghs_FakeTokenForTests0123456789';

const gh = useFakeGitHubApi('publish-test-');

interface Recorded {
  sink: ReportSink;
  lines: string[];
  outputs: Record<string, string>;
  summary: string[];
}

function recordingSink(): Recorded {
  const recorded: Recorded = { lines: [], outputs: {}, summary: [], sink: undefined as never };
  recorded.sink = {
    info: (m) => recorded.lines.push(`info ${m}`),
    warning: (m) => recorded.lines.push(`warning ${m}`),
    error: (m, title) => recorded.lines.push(`error ${title}: ${m}`),
    setOutput: (name, value) => {
      recorded.outputs[name] = value;
    },
    appendSummary: async (markdown) => {
      recorded.summary.push(markdown);
      await Promise.resolve();
    },
  };
  return recorded;
}

function env(event: string): NodeJS.ProcessEnv {
  return {
    GITHUB_API_URL: gh.baseUrl,
    GITHUB_REPOSITORY: 'octo-org/mesh-app',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(fixturesDir, 'github', event),
    GITHUB_WORKFLOW: 'mesh-perf pull request',
    GITHUB_JOB: 'perf',
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
  };
}

function contextFor(out: string, over: Partial<PublishContext> = {}): PublishContext {
  return {
    resultPath: path.join(out, 'result.json'),
    baseline: reportFixture('baseline'),
    history: [reportFixture('baseline')],
    comment: 'on-regression',
    commentFile: path.join(out, 'mesh-perf-comment.json'),
    token: TOKEN,
    env: env('pull_request.same-repo.json'),
    sink: recordingSink().sink,
    ...over,
  };
}

describe('publishReports', () => {
  it('on a regression: charts, summary, annotation, comment and outputs', async () => {
    const out = await mkdtemp(path.join(gh.dir, 'fail-'));
    const rec = recordingSink();
    const outcome = await publishReports(documentWith('fail'), contextFor(out, { sink: rec.sink }));

    expect((await readdir(out)).sort()).toEqual([
      'mesh-perf-spectrum-app-mtls.svg',
      'mesh-perf-spectrum-none.svg',
      'mesh-perf-trend.svg',
    ]);
    expect(outcome.charts).toHaveLength(3);
    expect(rec.summary).toHaveLength(1);
    expect(rec.summary[0]).toContain('| p99 latency | 14.90 ms | 17.70 ms |');
    expect(rec.summary[0]).not.toContain('<!-- mesh-perf:');

    const url = 'https://github.com/octo-org/mesh-app/pull/7#issuecomment-1000';
    expect(rec.lines).toEqual([
      'error mesh-perf regression: none p99 latency: none p99 latency +18.8% (14.90 ms → 17.70 ms; lower bound +6.8%), threshold +10%, floor 1.00 ms. the whole interval lies above zero and the change is at least the threshold',
      `info mesh-perf: created the pull-request comment: ${url}`,
    ]);
    expect(rec.outputs).toEqual({
      verdict: 'fail',
      regressions: '1',
      'result-path': path.join(out, 'result.json'),
      'comment-url': url,
      'p99-ms': '{"none":18.607,"app-mtls":17.023}',
    });
    const posted = gh.api.requests.find((r) => r.method === 'POST')?.body as { body: string };
    expect(
      posted.body.startsWith('<!-- mesh-perf:mesh-perf pull request/perf -->\n## mesh-perf\n'),
    ).toBe(true);
    expect(posted.body).toContain(
      '[Workflow run](https://github.com/octo-org/mesh-app/actions/runs/42)',
    );
    expect(posted.body).toContain('```mermaid');
  });

  it('on a pass with mode on-regression: no new comment, outputs still set', async () => {
    const out = await mkdtemp(path.join(gh.dir, 'pass-'));
    const rec = recordingSink();
    const outcome = await publishReports(documentWith('pass'), contextFor(out, { sink: rec.sink }));
    expect(outcome.comment).toEqual({ status: 'unchanged' });
    expect(gh.api.requests.map((r) => r.method)).toEqual(['GET']);
    expect(rec.outputs).toMatchObject({ verdict: 'pass', regressions: '0', 'comment-url': '' });
  });

  it('on a fork: warns, writes the comment file next to the result, does not fail', async () => {
    const out = await mkdtemp(path.join(gh.dir, 'fork-'));
    const rec = recordingSink();
    const outcome = await publishReports(
      documentWith('fail'),
      contextFor(out, { sink: rec.sink, env: env('pull_request.fork.json') }),
    );
    expect(outcome.comment.status).toBe('deferred');
    expect(gh.api.requests).toEqual([]);
    const file = JSON.parse(await readFile(path.join(out, 'mesh-perf-comment.json'), 'utf8')) as {
      pr: number;
      body: string;
    };
    expect(file.pr).toBe(7);
    expect(file.body).toContain('**Regression**');
    expect(rec.lines.filter((l) => l.startsWith('warning'))).toHaveLength(1);
    expect(rec.outputs['comment-url']).toBe('');
  });

  it('without a verdict (a run before comparison) it reports what the run says', async () => {
    const out = await mkdtemp(path.join(gh.dir, 'none-'));
    const rec = recordingSink();
    const outcome = await publishReports(reportFixture('current'), {
      ...contextFor(out, { sink: rec.sink, comment: 'always', baseline: null, history: [] }),
    });
    expect(outcome).toMatchObject({ verdict: 'no-baseline', regressions: 0 });
    expect(rec.summary[0]).toContain('**No baseline to compare with**');
    // Only this run's spectra: no trend without history.
    expect((await readdir(out)).sort()).toEqual([
      'mesh-perf-spectrum-app-mtls.svg',
      'mesh-perf-spectrum-none.svg',
    ]);
  });
});

describe('through @actions/core, as the runner reads it', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('writes outputs to GITHUB_OUTPUT, the summary, and ::error annotations; never the token', async () => {
    const out = await mkdtemp(path.join(gh.dir, 'core-'));
    const outputFile = path.join(out, 'output.txt');
    const summaryFile = path.join(out, 'summary.md');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    process.env.GITHUB_OUTPUT = outputFile;
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
    const stdout: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    await publishReports(
      documentWith('fail'),
      contextFor(out, {
        sink: actionSink(process.env),
        env: { ...env('pull_request.same-repo.json'), GITHUB_STEP_SUMMARY: summaryFile },
      }),
    );
    jest.restoreAllMocks();
    const outputs = await readFile(outputFile, 'utf8');
    expect(outputs).toMatch(/^verdict<<ghadelimiter_[\w-]+\nfail\n/m);
    expect(outputs).toMatch(/^regressions<<ghadelimiter_[\w-]+\n1\n/m);
    expect(outputs).toMatch(
      /^comment-url<<ghadelimiter_[\w-]+\nhttps:\/\/github.com\/octo-org\/mesh-app\/pull\/7#issuecomment-1000\n/m,
    );
    expect(stdout.join('')).toContain(
      // The workflow-command encoding: ':' in properties and '%' in messages are escaped.
      '::error title=mesh-perf regression%3A none p99 latency::none p99 latency +18.8%25 (14.90 ms',
    );
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('### none: ❌ 1 regression(s)');
    const everything = [outputs, summary, stdout.join(''), ...(await readdir(out))].join('\n');
    expect(everything).not.toContain(TOKEN);
  });
});
