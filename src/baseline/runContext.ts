// What triggered this run, read from the Actions environment and the event payload at call time
// (never from @actions/github's context at import time): it decides which stored run is the
// reference and whether this run is stored.
import { readFile } from 'node:fs/promises';

export type RunContext =
  | {
      /** pull_request, pull_request_target or merge_group: compare with the base branch. */
      kind: 'pull-request';
      event: string;
      /** Full ref of the base branch, e.g. refs/heads/main. */
      baseRef: string;
      baseSha: string | null;
      headSha: string | null;
      number: number | null;
    }
  | {
      kind: 'push';
      ref: string;
      sha: string;
      /** Branch name from the payload's repository.default_branch; null when the payload lacks it. */
      defaultBranch: string | null;
      /** A push that deleted the ref (after is all zeros). */
      deleted: boolean;
    }
  | {
      /** schedule, workflow_dispatch and the rest: compare along the run's own ref. */
      kind: 'other';
      event: string;
      ref: string | null;
      sha: string | null;
      defaultBranch: string | null;
    }
  | { kind: 'local' };

type Json = Record<string, unknown>;

function objectAt(value: unknown, ...path: string[]): Json | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[key];
  }
  return typeof current === 'object' && current !== null ? (current as Json) : undefined;
}

function stringAt(value: unknown, ...path: string[]): string | null {
  const parent = objectAt(value, ...path.slice(0, -1));
  const leaf = parent?.[path.at(-1) ?? ''];
  return typeof leaf === 'string' && leaf !== '' ? leaf : null;
}

function numberAt(value: unknown, ...path: string[]): number | null {
  const parent = objectAt(value, ...path.slice(0, -1));
  const leaf = parent?.[path.at(-1) ?? ''];
  return typeof leaf === 'number' && Number.isInteger(leaf) ? leaf : null;
}

const nonEmpty = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : value;

/** `main` and `refs/heads/main` name the same branch; the index stores the full form. */
export function branchRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}

const ZERO_SHA = /^0+$/;

/** Pure: the context from the environment and the parsed event payload (`{}` when there is none). */
export function runContextFrom(env: NodeJS.ProcessEnv, payload: unknown): RunContext {
  const event = nonEmpty(env.GITHUB_EVENT_NAME);
  if (env.GITHUB_ACTIONS !== 'true' || event === null) return { kind: 'local' };
  const defaultBranch = stringAt(payload, 'repository', 'default_branch');

  if (event === 'pull_request' || event === 'pull_request_target') {
    const base = nonEmpty(env.GITHUB_BASE_REF) ?? stringAt(payload, 'pull_request', 'base', 'ref');
    if (base !== null) {
      return {
        kind: 'pull-request',
        event,
        baseRef: branchRef(base),
        baseSha: stringAt(payload, 'pull_request', 'base', 'sha'),
        headSha: stringAt(payload, 'pull_request', 'head', 'sha'),
        number: numberAt(payload, 'number') ?? numberAt(payload, 'pull_request', 'number'),
      };
    }
  }
  if (event === 'merge_group') {
    const base = stringAt(payload, 'merge_group', 'base_ref');
    if (base !== null) {
      return {
        kind: 'pull-request',
        event,
        baseRef: branchRef(base),
        baseSha: stringAt(payload, 'merge_group', 'base_sha'),
        headSha: stringAt(payload, 'merge_group', 'head_sha'),
        number: null,
      };
    }
  }
  const ref = nonEmpty(env.GITHUB_REF) ?? stringAt(payload, 'ref');
  if (event === 'push') {
    const after = stringAt(payload, 'after');
    const sha = nonEmpty(env.GITHUB_SHA) ?? after;
    if (ref !== null && sha !== null) {
      const deleted =
        objectAt(payload)?.deleted === true || (after !== null && ZERO_SHA.test(after));
      return { kind: 'push', ref, sha, defaultBranch, deleted };
    }
  }
  return { kind: 'other', event, ref, sha: nonEmpty(env.GITHUB_SHA), defaultBranch };
}

/** Reads GITHUB_EVENT_PATH; a missing or unreadable payload leaves only the environment. */
export async function loadRunContext(env: NodeJS.ProcessEnv = process.env): Promise<RunContext> {
  const eventPath = nonEmpty(env.GITHUB_EVENT_PATH);
  let payload: unknown = {};
  if (eventPath !== null) {
    try {
      payload = JSON.parse(await readFile(eventPath, 'utf8')) as unknown;
    } catch {
      payload = {};
    }
  }
  return runContextFrom(env, payload);
}

/** One line for logs and dry runs. */
export function describeContext(context: RunContext): string {
  switch (context.kind) {
    case 'pull-request':
      return `${context.event}${context.number === null ? '' : ` #${context.number}`} into ${context.baseRef}`;
    case 'push':
      return `push to ${context.ref} at ${context.sha.slice(0, 12)}`;
    case 'other':
      return `${context.event} on ${context.ref ?? 'an unknown ref'}`;
    case 'local':
      return 'a local run (not GitHub Actions)';
  }
}
