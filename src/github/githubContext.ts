// What the report stage needs to know about the GitHub run: the repository, the API URL, the
// pull request (and whether it comes from a fork), the workflow and job for the comment marker, and
// for a workflow_run follow-up the head commit of the run that triggered it. Read from the
// environment and the event payload file, never from @actions/github's import-time context.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestContext {
  number: number;
  headSha: string | null;
  /** Head and base repository differ (or the head repository is gone). */
  fromFork: boolean;
}

export interface GitHubContext {
  apiUrl: string;
  repository: RepoRef | null;
  eventName: string | null;
  pullRequest: PullRequestContext | null;
  /** workflow_run: the head commit of the run that triggered this one. */
  triggeringHeadSha: string | null;
  workflow: string;
  job: string;
  /** The run's page, to link from the comment. */
  runUrl: string | null;
}

const repoSchema = z.object({ full_name: z.string() }).nullish();

// Loose objects: payloads carry hundreds of fields; only these are read.
const eventSchema = z.object({
  pull_request: z
    .object({
      number: z.number().int().positive(),
      head: z.object({ sha: z.string(), repo: repoSchema }),
      base: z.object({ repo: repoSchema }),
    })
    .optional(),
  workflow_run: z.object({ head_sha: z.string() }).optional(),
});
type EventPayload = z.infer<typeof eventSchema>;

export function parseRepository(text: string | undefined): RepoRef | null {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(text ?? '');
  return match?.[1] && match[2] ? { owner: match[1], repo: match[2] } : null;
}

function pullRequestOf(payload: EventPayload): PullRequestContext | null {
  const pr = payload.pull_request;
  if (!pr) return null;
  const head = pr.head.repo?.full_name;
  const base = pr.base.repo?.full_name;
  return { number: pr.number, headSha: pr.head.sha, fromFork: !head || head !== base };
}

export async function readEventPayload(
  path: string | undefined,
  readText: (path: string) => Promise<string> = (p) => readFile(p, 'utf8'),
): Promise<EventPayload> {
  if (!path) return {};
  try {
    const parsed = eventSchema.safeParse(JSON.parse(await readText(path)));
    return parsed.success ? parsed.data : {};
  } catch {
    // No payload (a local run) or an unreadable one: no pull request to comment on.
    return {};
  }
}

export async function readGitHubContext(
  env: NodeJS.ProcessEnv,
  readText?: (path: string) => Promise<string>,
): Promise<GitHubContext> {
  const payload = await readEventPayload(env.GITHUB_EVENT_PATH, readText);
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  const server = /^https?:\/\/[\w.:-]+$/.test(env.GITHUB_SERVER_URL ?? '')
    ? (env.GITHUB_SERVER_URL as string)
    : 'https://github.com';
  // The link goes into markdown: only a numeric run id makes one.
  const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : undefined;
  return {
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    repository,
    eventName: env.GITHUB_EVENT_NAME ?? null,
    pullRequest: pullRequestOf(payload),
    triggeringHeadSha: payload.workflow_run?.head_sha ?? null,
    workflow: env.GITHUB_WORKFLOW ?? 'local',
    job: env.GITHUB_JOB ?? 'mesh-perf',
    runUrl:
      repository && runId
        ? `${server}/${repository.owner}/${repository.repo}/actions/runs/${runId}`
        : null,
  };
}

/**
 * A pull_request run from a fork gets a read-only token (pull_request_target runs get a write
 * token, in the base repository's context).
 */
export function tokenIsReadOnly(context: GitHubContext): boolean {
  return context.pullRequest?.fromFork === true && context.eventName === 'pull_request';
}
