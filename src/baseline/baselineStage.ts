// What the run pipeline calls: build the configured store, find the reference for a finished run,
// and save the run when asked. `auto` is resolved here, with the environment: the git-branch store
// in GitHub Actions, none elsewhere (so `mesh-perf run` with no flags reads and writes nothing).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config, SaveBaseline } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { ResultDocument } from '../results/schema.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { LocalHistory, RemoteHistory } from './commitHistory.js';
import { DataBranch } from './dataBranch.js';
import { FileStore } from './fileStore.js';
import { committerEnv } from './gitArgs.js';
import { GitBranchStore, type GitConnection } from './gitBranchStore.js';
import { GitCli } from './gitCli.js';
import { actionsRemoteUrl, gitEnvironment, tokenAuth } from './gitEnvironment.js';
import type { RunContext } from './runContext.js';
import { saveBlockers, saveWanted } from './saveDecision.js';
import {
  NoStore,
  skipped,
  type BaselineStore,
  type FindResult,
  type SaveOutcome,
} from './store.js';

export type BaselineConfig = Pick<
  Config,
  'baseline' | 'baselineBranch' | 'baselineKeep' | 'saveBaseline'
>;

export interface BaselineDeps {
  runner: ProcessRunner;
  /** The private temp repository is registered here, so the post step removes it too. */
  cleanup: Cleanup;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The user's checkout (read-only): origin remote and commit dates come from it. */
  cwd?: string;
  /** The action's github-token; GITHUB_TOKEN from the environment otherwise. Never printed. */
  token?: string;
  /** Told every secret derived from the token (core.setSecret in the action). */
  mask?: (secret: string) => void;
  tmpDir?: string;
  backoff?: Partial<BackoffOptions>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  beforePush?: (attempt: number) => Promise<void>;
}

type Resolved =
  { store: 'none'; why: string } | { store: 'git-branch' } | { store: 'file'; path: string };

export function resolveBaseline(setting: Config['baseline'], env: NodeJS.ProcessEnv): Resolved {
  switch (setting.store) {
    case 'auto':
      return env.GITHUB_ACTIONS === 'true'
        ? { store: 'git-branch' }
        : { store: 'none', why: 'baseline is auto, which means none outside GitHub Actions' };
    case 'none':
      return { store: 'none', why: 'baseline is none' };
    case 'git-branch':
    case 'file':
      return setting;
  }
}

async function originUrl(git: GitCli, cwd: string): Promise<string | null> {
  const r = await git.run(['remote', 'get-url', 'origin'], { cwd, ok: [0, 2, 128] });
  const url = r.stdout.trim();
  if (r.code !== 0 || url === '') return null;
  // A path remote is relative to the repository it is configured in, not to our temp dir.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^:]+:/.test(url)) return url;
  const top = await git.run(['rev-parse', '--show-toplevel'], { cwd, ok: [0, 128] });
  return path.resolve(top.code === 0 ? top.stdout.trim() : cwd, url);
}

export function createBaselineStore(config: BaselineConfig, deps: BaselineDeps): BaselineStore {
  const env = deps.env ?? process.env;
  const cwd = deps.cwd ?? process.cwd();
  const resolved = resolveBaseline(config.baseline, env);
  switch (resolved.store) {
    case 'none':
      if (config.saveBaseline === true) {
        throw new ConfigError(
          `save-baseline: true has nowhere to store the run: ${resolved.why}; allowed: baseline git-branch or a file path with save-baseline true`,
        );
      }
      return new NoStore(resolved.why);
    case 'file':
      return new FileStore(path.resolve(cwd, resolved.path), resolved.path);
    case 'git-branch':
      break;
  }
  const inActions = env.GITHUB_ACTIONS === 'true' && actionsRemoteUrl(env) !== null;
  const readOnlyGit = new GitCli(deps.runner, gitEnvironment(env));

  const connect = async (): Promise<GitConnection | { problem: string }> => {
    const url = inActions ? actionsRemoteUrl(env) : await originUrl(readOnlyGit, cwd);
    if (url === null) {
      return {
        problem: `${cwd} is not a git repository with a remote named origin, so the git-branch store has no repository to use`,
      };
    }
    // An empty github-token input means unset, like every other input.
    const token = deps.token !== undefined && deps.token !== '' ? deps.token : env.GITHUB_TOKEN;
    const auth = tokenAuth(url, token);
    for (const secret of auth.secrets) deps.mask?.(secret);
    const git = new GitCli(deps.runner, gitEnvironment(env, auth.config), auth.secrets);
    const dir = await mkdtemp(path.join(deps.tmpDir ?? os.tmpdir(), 'mesh-perf-baseline-'));
    deps.cleanup.add(
      'remove the baseline store repository',
      () => rm(dir, { recursive: true, force: true }),
      { kind: 'dir', path: dir },
    );
    const local = new LocalHistory(readOnlyGit, cwd);
    const remote = new RemoteHistory(git, path.join(dir, 'history'), url);
    return {
      data: new DataBranch(
        git,
        path.join(dir, 'data'),
        url,
        config.baselineBranch,
        committerEnv(env),
      ),
      history: inActions ? remote : local,
      commitDate: async (commit) =>
        (await local.commitDate(commit)) ?? (inActions ? remote.commitDate(commit) : null),
    };
  };

  return new GitBranchStore({
    branch: config.baselineBranch,
    keep: config.baselineKeep,
    connect,
    log: deps.log,
    backoff: { ...DEFAULT_BACKOFF, ...deps.backoff },
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: deps.random ?? Math.random,
    ...(deps.beforePush ? { beforePush: deps.beforePush } : {}),
  });
}

/** The reference for a finished run, or null with the reason ("no baseline" passes and says so). */
export function findReference(
  store: BaselineStore,
  document: ResultDocument,
  context: RunContext,
): Promise<FindResult> {
  return store.find(document, context);
}

/** Stores the run when the setting and the event ask for it and the run may serve as a reference. */
export async function saveBaseline(
  store: BaselineStore,
  document: ResultDocument,
  options: { setting: SaveBaseline; context: RunContext },
): Promise<SaveOutcome> {
  const wanted = saveWanted(options.setting, options.context);
  if (!wanted.save) return skipped(`not stored: ${wanted.reason}`);
  const blockers = saveBlockers(document);
  if (blockers.length > 0) return skipped(`not stored: ${blockers.join('; ')}`);
  return store.save(document);
}

/** For --dry-run: what the baseline stage would read and write. */
export function describeBaseline(config: BaselineConfig, env: NodeJS.ProcessEnv): string[] {
  const resolved = resolveBaseline(config.baseline, env);
  const save =
    config.saveBaseline === 'auto'
      ? 'only on a push to the default branch'
      : config.saveBaseline
        ? 'always (save-baseline true)'
        : 'never (save-baseline false)';
  switch (resolved.store) {
    case 'none':
      return [`baseline: none (${resolved.why}); nothing is read or stored`];
    case 'file':
      return [`baseline: read ${resolved.path}; store this run there ${save}`];
    case 'git-branch':
      return [
        `baseline: read stored runs from branch ${config.baselineBranch} (in a private temp repository, never the checkout); store this run there ${save}, keeping ${config.baselineKeep} per comparability key`,
      ];
  }
}
