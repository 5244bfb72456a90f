// argv of every git command the baseline store runs that talks to the remote or writes history
// (pure, so tests can check them row by row). Refs are always spelled in full.

/** Where a fetched data-branch tip is kept in the private repository. */
export const DATA_TIP_REF = 'refs/mesh-perf/data-tip';

export function fetchDataTipArgs(url: string, branch: string): string[] {
  // Depth 1: a writer needs the tip's tree only; its parent stays on the remote.
  return [
    'fetch',
    '--quiet',
    '--no-tags',
    '--depth=1',
    url,
    `+refs/heads/${branch}:${DATA_TIP_REF}`,
  ];
}

export function lsRemoteArgs(url: string, branch: string): string[] {
  return ['ls-remote', '--exit-code', url, `refs/heads/${branch}`];
}

/**
 * Commits only (no trees or blobs where the server supports filters), back to `since`, or just the
 * commits themselves when `since` is null: enough to walk history without the repository's files.
 */
export function fetchHistoryArgs(
  url: string,
  commits: readonly string[],
  since: Date | null,
): string[] {
  return [
    'fetch',
    '--quiet',
    '--no-tags',
    '--filter=tree:0',
    since === null ? '--depth=1' : `--shallow-since=${since.toISOString()}`,
    url,
    ...commits,
  ];
}

/** Newest first, parents after children; bounded so a huge history cannot flood memory. */
export function revListArgs(target: string, since: Date | null, max = 20_000): string[] {
  return [
    'rev-list',
    '--topo-order',
    `--max-count=${max}`,
    ...(since === null ? [] : [`--since=${since.toISOString()}`]),
    target,
    '--',
  ];
}

export function commitTreeArgs(tree: string, parent: string | null, message: string): string[] {
  return ['commit-tree', tree, ...(parent === null ? [] : ['-p', parent]), '-m', message];
}

/** A plain (non-forced) push: a tip that moved meanwhile makes it fail instead of overwriting. */
export function pushArgs(url: string, commit: string, branch: string): string[] {
  return ['push', '--porcelain', '--quiet', url, `${commit}:refs/heads/${branch}`];
}

/** The committer of data-branch commits: the Actions bot in Actions, a neutral name elsewhere. */
export function committerEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const inActions = env.GITHUB_ACTIONS === 'true';
  const name = inActions ? 'github-actions[bot]' : 'mesh-perf';
  const email = inActions
    ? '41898282+github-actions[bot]@users.noreply.github.com'
    : 'mesh-perf@users.noreply.github.com';
  return {
    GIT_AUTHOR_NAME: env.GIT_AUTHOR_NAME ?? name,
    GIT_AUTHOR_EMAIL: env.GIT_AUTHOR_EMAIL ?? email,
    GIT_COMMITTER_NAME: env.GIT_COMMITTER_NAME ?? name,
    GIT_COMMITTER_EMAIL: env.GIT_COMMITTER_EMAIL ?? email,
  };
}

export type PushFailure = 'rejected' | 'transient' | 'permanent';

/**
 * Why a push failed. `rejected`: the tip moved (another writer) or the ref was locked by a
 * concurrent push: fetch, re-apply, push again. `transient`: the network; try again.
 * `permanent`: permissions, protection, a missing repository: retrying cannot help.
 */
export function classifyPushFailure(stdout: string, stderr: string): PushFailure {
  const text = `${stdout}\n${stderr}`;
  if (
    /permission to .* denied|authentication failed|could not read username|\b40[13]\b|protected branch|not found|does not appear to be a git repository|GH006|GH013/i.test(
      text,
    )
  ) {
    return 'permanent';
  }
  if (
    /\[rejected\]|fetch first|non-fast-forward|stale info|cannot lock ref|failed to update ref|incorrect old value|reference already exists|\[remote rejected\]/i.test(
      text,
    )
  ) {
    return 'rejected';
  }
  if (
    /timed out|connection reset|could not resolve host|early eof|rpc failed|unexpected disconnect|the remote end hung up|\b50[0234]\b/i.test(
      text,
    )
  ) {
    return 'transient';
  }
  return 'permanent';
}
