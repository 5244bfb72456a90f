// The trusted half of the fork-safe pattern: a workflow_run workflow (write token, never running
// pull-request code) posts the comment file a pull-request run left as an artifact. The file is
// untrusted: it is validated, its mentions are neutralised, and it is posted only if the pull
// request it names is still at the commit the triggering run measured, so a crafted file cannot
// comment on someone else's pull request.
import { InfraError, messageOf } from '../errors.js';
import type { CommentApi } from './commentApi.js';
import { readCommentFile } from './commentFile.js';
import type { GitHubContext } from './githubContext.js';
import { upsertComment, type CommentOutcome } from './publishComment.js';

export interface PostCommentFileInput {
  file: string;
  context: GitHubContext;
  token: string;
  /** The head commit the comment was measured on; the workflow_run payload's head_sha if unset. */
  expectedHeadSha?: string;
  api: (token: string) => CommentApi;
  log: (line: string) => void;
}

export async function postCommentFile(input: PostCommentFileInput): Promise<CommentOutcome> {
  const comment = await readCommentFile(input.file);
  if (!comment) {
    return { status: 'skipped', reason: `no comment file at ${input.file}: nothing to post` };
  }
  if (!input.context.repository) {
    throw new InfraError('comment-from: GITHUB_REPOSITORY is not set; cannot tell where to post');
  }
  if (input.token === '') {
    throw new InfraError(
      'comment-from: no token (github-token input or GITHUB_TOKEN) to post with',
    );
  }
  const api = input.api(input.token);
  const expected = input.expectedHeadSha ?? input.context.triggeringHeadSha;
  try {
    if (expected !== null) {
      const head = await api.pullRequestHead(comment.pr);
      if (head !== expected) {
        return {
          status: 'skipped',
          reason: `pull request #${comment.pr} is at ${head.slice(0, 12)}, not at ${expected.slice(0, 12)} that was measured: not posting`,
        };
      }
    } else {
      input.log(
        'No head commit to check the pull request against (not a workflow_run event and no --head-sha): posting as given.',
      );
    }
    return await upsertComment(api, comment);
  } catch (error) {
    throw new InfraError(
      `comment-from: posting to pull request #${comment.pr} failed: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
}
