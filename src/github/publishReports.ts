// Everything a finished verdict is reported through, in one call for the run pipeline and for
// `mesh-perf compare`: SVG charts next to the result document, the job summary, one error
// annotation per regression, the pull-request comment (or the fork fallback file), and the step
// outputs verdict, regressions, result-path, comment-url and p99-ms. Reporting problems are warnings:
// they never change the verdict or the exit code.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommentMode } from '../config/types.js';
import { messageOf } from '../errors.js';
import { regressionAnnotations } from '../report/annotations.js';
import { chartFiles } from '../report/charts/chartSections.js';
import { verdictKindOf } from '../report/headline.js';
import { renderMarkdownReport } from '../report/markdown.js';
import { GITHUB_COMMENT_LIMIT } from '../report/sections.js';
import type { ResultDocument, VerdictKind } from '../results/schema.js';
import { octokitCommentApi, type CommentApi } from './commentApi.js';
import { commentMarker } from './commentMarker.js';
import { readGitHubContext, type GitHubContext } from './githubContext.js';
import { publishComment, type CommentOutcome } from './publishComment.js';
import type { ReportSink } from './reportSink.js';

export interface PublishContext {
  /** Where the result document was written; charts go into the same directory. */
  resultPath: string;
  /** The reference document the verdict compared with, for the baseline line of the charts. */
  baseline: ResultDocument | null;
  /** Stored runs under this run's comparability key, oldest first, for the p99 trend. */
  history: readonly ResultDocument[];
  comment: CommentMode;
  /** Where the comment goes when the token cannot post it. */
  commentFile: string;
  /** Token for the comment; empty when there is none. Never printed. */
  token: string;
  env: NodeJS.ProcessEnv;
  sink: ReportSink;
  /** Overrides the headline derived from the document (a run that has no verdict yet). */
  headline?: string;
  /** The GitHub API client; octokit against GITHUB_API_URL unless a test swaps it. */
  api?: (token: string, context: GitHubContext) => CommentApi;
}

export interface PublishOutcome {
  verdict: VerdictKind;
  regressions: number;
  comment: CommentOutcome;
  /** SVG files written next to the result document. */
  charts: string[];
}

async function writeCharts(document: ResultDocument, context: PublishContext): Promise<string[]> {
  const dir = path.dirname(path.resolve(context.resultPath));
  const files = chartFiles(document, { baseline: context.baseline, history: context.history });
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.name);
    await writeFile(target, file.svg);
    written.push(target);
  }
  return written;
}

/** The p99-ms output: p99 in ms per scenario, null for a scenario without a valid trial. */
export function p99ByScenario(document: ResultDocument): Record<string, number | null> {
  return Object.fromEntries(
    document.scenarios.map((s) => [
      s.mesh,
      s.summary.validTrials > 0 ? s.summary.latencyMs.p99 : null,
    ]),
  );
}

const defaultApi = (token: string, context: GitHubContext): CommentApi => {
  if (!context.repository) throw new Error('GITHUB_REPOSITORY is not set');
  return octokitCommentApi(token, context.repository, context.apiUrl);
};

export async function publishReports(
  document: ResultDocument,
  context: PublishContext,
): Promise<PublishOutcome> {
  const { sink } = context;
  const github = await readGitHubContext(context.env);
  const verdict = verdictKindOf(document);
  const regressions = document.verdict?.regressions ?? 0;
  const options = {
    baseline: context.baseline,
    history: context.history,
  };

  let charts: string[] = [];
  try {
    charts = await writeCharts(document, context);
  } catch (error) {
    sink.warning(`mesh-perf: could not write the chart files: ${messageOf(error)}`);
  }
  try {
    await sink.appendSummary(renderMarkdownReport(document, context.headline, options));
  } catch (error) {
    sink.warning(`mesh-perf: could not write the job summary: ${messageOf(error)}`);
  }
  for (const annotation of regressionAnnotations(document.verdict)) {
    sink.error(annotation.message, annotation.title);
  }

  const marker = commentMarker(github.workflow, github.job);
  const body = renderMarkdownReport(document, context.headline, {
    ...options,
    marker,
    ...(github.runUrl === null ? {} : { runUrl: github.runUrl }),
    limit: GITHUB_COMMENT_LIMIT,
  });
  let comment: CommentOutcome;
  try {
    comment = await publishComment({
      mode: context.comment,
      verdict,
      marker,
      body,
      context: github,
      token: context.token,
      commentFile: context.commentFile,
      api: (token) => (context.api ?? defaultApi)(token, github),
      warn: (message) => {
        sink.warning(message);
      },
    });
  } catch (error) {
    // Even the fallback file could not be written: still not a reason to fail the run.
    sink.warning(`mesh-perf: could not publish the comment: ${messageOf(error)}`);
    comment = { status: 'skipped', reason: messageOf(error) };
  }
  if (comment.status === 'created' || comment.status === 'updated') {
    sink.info(`mesh-perf: ${comment.status} the pull-request comment: ${comment.url}`);
  }

  sink.setOutput('verdict', verdict);
  sink.setOutput('regressions', String(regressions));
  sink.setOutput('result-path', context.resultPath);
  sink.setOutput(
    'comment-url',
    comment.status === 'created' || comment.status === 'updated' ? comment.url : '',
  );
  sink.setOutput('p99-ms', JSON.stringify(p99ByScenario(document)));
  return { verdict, regressions, comment, charts };
}
