// The action's second mode (input comment-from): instead of benchmarking, post the comment file a
// fork's pull-request run left as an artifact. Meant for a workflow_run workflow that has
// pull-requests: write and never checks out or runs the pull request's code.
import * as core from '@actions/core';
import { exitCodeOf, messageOf } from '../errors.js';
import { octokitCommentApi } from './commentApi.js';
import { readGitHubContext } from './githubContext.js';
import { postCommentFile } from './postCommentFile.js';
import { actionToken } from './token.js';

export async function runCommentFromAction(file: string): Promise<void> {
  const token = actionToken();
  try {
    const context = await readGitHubContext(process.env);
    const outcome = await postCommentFile({
      file,
      context,
      token,
      api: (t) => {
        if (!context.repository) throw new Error('GITHUB_REPOSITORY is not set');
        return octokitCommentApi(t, context.repository, context.apiUrl);
      },
      log: (line) => {
        core.info(line);
      },
    });
    const posted = outcome.status === 'created' || outcome.status === 'updated';
    core.setOutput('comment-url', posted ? outcome.url : '');
    if (posted) core.info(`mesh-perf: ${outcome.status} the pull-request comment: ${outcome.url}`);
    else if (outcome.status === 'unchanged') core.info('mesh-perf: no comment to update.');
    else if (outcome.status === 'skipped') core.notice(`mesh-perf: ${outcome.reason}`);
  } catch (error) {
    core.setFailed(`mesh-perf: ${messageOf(error)}`);
    process.exitCode = exitCodeOf(error);
  }
}
