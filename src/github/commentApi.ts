// The pull-request comment client: the four calls the report needs, on @actions/github's octokit
// (getOctokit with the API URL from GITHUB_API_URL, so GitHub Enterprise and the tests' local
// server work alike). Errors keep their HTTP status so callers can tell "no permission" apart.
import { getOctokit } from '@actions/github';
import type { RepoRef } from './githubContext.js';

export interface IssueComment {
  id: number;
  url: string;
}

export interface CommentApi {
  /**
   * The first comment by a trusted author whose body starts with the marker; pages only as far
   * as needed.
   */
  find(issue: number, marker: string): Promise<IssueComment | null>;
  create(issue: number, body: string): Promise<IssueComment>;
  update(commentId: number, body: string): Promise<IssueComment>;
  /** The head commit a pull request is at now. */
  pullRequestHead(pr: number): Promise<string>;
}

/**
 * Whose marker comments count: a bot (the workflow token's github-actions[bot] or an app) or
 * someone with write access (a personal token). Anyone else can post a comment that starts with
 * the marker; it must not be mistaken for ours and overwritten.
 */
export function isTrustedAuthor(comment: {
  user?: { type?: string } | null;
  author_association?: string;
}): boolean {
  if (comment.user?.type === 'Bot') return true;
  return ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(comment.author_association ?? '');
}

/** Every API call gives up after this long rather than hang the job. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Comment pages read at most (100 comments each). */
const MAX_PAGES = 50;

/** The HTTP status of a failed API call, when it has one. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = error.status;
    return typeof status === 'number' ? status : null;
  }
  return null;
}

export function octokitCommentApi(token: string, repository: RepoRef, apiUrl: string): CommentApi {
  const octokit = getOctokit(token, { baseUrl: apiUrl });
  const { owner, repo } = repository;
  const request = (): { signal: AbortSignal } => ({
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return {
    async find(issue, marker) {
      let pages = 0;
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100,
        request: request(),
      });
      for await (const page of iterator) {
        const hit = page.data.find(
          (c) => c.body?.startsWith(marker) === true && isTrustedAuthor(c),
        );
        if (hit) return { id: hit.id, url: hit.html_url };
        pages += 1;
        if (pages >= MAX_PAGES) break;
      }
      return null;
    },
    async create(issue, body) {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue,
        body,
        request: request(),
      });
      return { id: data.id, url: data.html_url };
    },
    async update(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: commentId,
        body,
        request: request(),
      });
      return { id: data.id, url: data.html_url };
    },
    async pullRequestHead(pr) {
      const { data } = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: pr,
        request: request(),
      });
      return data.head.sha;
    },
  };
}
