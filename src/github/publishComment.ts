// Posts the report as one pull-request comment per workflow and job: found again by its hidden
// marker and updated in place, or created. The mode decides when: always; on-regression (created
// only for a failing verdict, but an existing comment is updated in any case, so an old regression
// report never stays up after a fix); never. When the token cannot comment (a fork's read-only
// token, a 403), it warns instead of failing and writes the comment to a file for a trusted
// workflow_run workflow to post.
import type { CommentMode } from '../config/types.js';
import { messageOf } from '../errors.js';
import type { VerdictKind } from '../results/schema.js';
import { httpStatusOf, type CommentApi } from './commentApi.js';
import { writeCommentFile } from './commentFile.js';
import { tokenIsReadOnly, type GitHubContext } from './githubContext.js';

export type CommentAction = 'upsert' | 'update-only' | 'none';

export function commentAction(mode: CommentMode, verdict: VerdictKind): CommentAction {
  switch (mode) {
    case 'never':
      return 'none';
    case 'always':
      return 'upsert';
    case 'on-regression':
      return verdict === 'fail' ? 'upsert' : 'update-only';
  }
}

export type CommentOutcome =
  | { status: 'created' | 'updated'; url: string }
  /** update-only and no comment to update. */
  | { status: 'unchanged' }
  | { status: 'deferred'; file: string; reason: string }
  | { status: 'skipped'; reason: string };

export interface CommentRequest {
  pr: number;
  marker: string;
  body: string;
  createIfMissing: boolean;
}

export async function upsertComment(
  api: CommentApi,
  request: CommentRequest,
): Promise<CommentOutcome> {
  const existing = await api.find(request.pr, request.marker);
  if (existing) {
    const updated = await api.update(existing.id, request.body);
    return { status: 'updated', url: updated.url };
  }
  if (!request.createIfMissing) return { status: 'unchanged' };
  const created = await api.create(request.pr, request.body);
  return { status: 'created', url: created.url };
}

export interface PublishCommentInput {
  mode: CommentMode;
  verdict: VerdictKind;
  marker: string;
  body: string;
  context: GitHubContext;
  token: string;
  /** Where the comment goes when it cannot be posted. */
  commentFile: string;
  api: (token: string) => CommentApi;
  warn: (message: string) => void;
}

const FOLLOW_UP =
  'a workflow_run workflow with pull-requests: write can post it (examples/pr-comment-fork-safe.yml)';

export async function publishComment(input: PublishCommentInput): Promise<CommentOutcome> {
  const action = commentAction(input.mode, input.verdict);
  if (action === 'none') return { status: 'skipped', reason: 'comment is "never"' };
  const pr = input.context.pullRequest;
  if (!pr || !input.context.repository) {
    return { status: 'skipped', reason: 'not a pull-request run' };
  }
  const request: CommentRequest = {
    pr: pr.number,
    marker: input.marker,
    body: input.body,
    createIfMissing: action === 'upsert',
  };
  const defer = async (why: string): Promise<CommentOutcome> => {
    await writeCommentFile(input.commentFile, request);
    input.warn(`mesh-perf: ${why}; wrote the comment to ${input.commentFile}: ${FOLLOW_UP}.`);
    return { status: 'deferred', file: input.commentFile, reason: why };
  };
  if (input.token === '') return defer('no token to comment with');
  if (tokenIsReadOnly(input.context)) {
    return defer(`pull request #${pr.number} comes from a fork, so this run's token is read-only`);
  }
  try {
    return await upsertComment(input.api(input.token), request);
  } catch (error) {
    const status = httpStatusOf(error);
    const why =
      status === 403
        ? `the token may not comment here (403: ${messageOf(error)})`
        : `commenting failed (${status === null ? '' : `${status}: `}${messageOf(error)})`;
    return defer(why);
  }
}
