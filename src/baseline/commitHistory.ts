// Walking commit history to decide which stored runs are ancestors of this run. In Actions the
// checkout is often shallow (fetch-depth 1), so history is fetched into a private repository:
// commits only (--filter=tree:0), back to just before the oldest stored candidate
// (--shallow-since). Locally, the user's own repository answers, read-only.
import { mkdir } from 'node:fs/promises';
import { InfraError } from '../errors.js';
import { fetchHistoryArgs, revListArgs } from './gitArgs.js';
import type { GitCli } from './gitCli.js';

export interface CommitHistory {
  /** The target and its ancestors, newest first (topological), back to `since`; [] if unknown. */
  ancestors(target: string, since: Date | null): Promise<string[]>;
  /** The merge-base of two commits, reading history back to `since`; null when none is found. */
  mergeBase(a: string, b: string, since: Date | null): Promise<string | null>;
  /** Committer date as UTC ISO, or null when the commit cannot be read. */
  commitDate(commit: string): Promise<string | null>;
  /** Something about this history that limits the answer (a shallow clone), for the reason text. */
  limitation(): Promise<string | null>;
}

const toUtc = (iso: string): string | null => {
  const ms = Date.parse(iso.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

async function revList(
  git: GitCli,
  cwd: string,
  target: string,
  since: Date | null,
): Promise<string[]> {
  const listed = await git.run(revListArgs(target, since), { cwd, ok: [0, 128] });
  if (listed.code !== 0) return [];
  const shas = listed.stdout.split('\n').filter((line) => line !== '');
  // --since may drop the target itself when its date is older; the target always comes first.
  return shas[0] === target ? shas : [target, ...shas.filter((s) => s !== target)];
}

async function commitExists(git: GitCli, cwd: string, commit: string): Promise<boolean> {
  const r = await git.run(['cat-file', '-e', `${commit}^{commit}`], { cwd, ok: [0, 1, 128] });
  return r.code === 0;
}

async function dateOf(git: GitCli, cwd: string, commit: string): Promise<string | null> {
  const r = await git.run(['show', '-s', '--format=%cI', commit, '--'], { cwd, ok: [0, 128] });
  return r.code === 0 ? toUtc(r.stdout) : null;
}

/** History fetched from the remote into a private repository (Actions). */
export class RemoteHistory implements CommitHistory {
  private initialized = false;

  constructor(
    private readonly git: GitCli,
    private readonly dir: string,
    private readonly url: string,
  ) {}

  private async fetch(commits: readonly string[], since: Date | null): Promise<boolean> {
    if (!this.initialized) {
      await mkdir(this.dir, { recursive: true });
      await this.git.run(['init', '--quiet', this.dir], { cwd: this.dir });
      this.initialized = true;
    }
    const r = await this.git.run(fetchHistoryArgs(this.url, commits, since), {
      cwd: this.dir,
      ok: [0, 128],
    });
    if (r.code === 0) return true;
    // Every wanted commit is older than `since`: nothing stored can be at or before it.
    if (/no commits selected for shallow requests/.test(r.stderr)) return false;
    // The remote does not have the commit (a local-only or force-pushed-away commit).
    if (
      /not our ref|couldn't find remote ref|unadvertised object|no such remote ref/i.test(r.stderr)
    ) {
      return false;
    }
    throw new InfraError(`git fetch of commit history failed: ${this.git.safe(r.stderr.trim())}`);
  }

  async ancestors(target: string, since: Date | null): Promise<string[]> {
    if (since === null || !(await this.fetch([target], since))) return [];
    return revList(this.git, this.dir, target, null);
  }

  async mergeBase(a: string, b: string, since: Date | null): Promise<string | null> {
    if (since === null || !(await this.fetch([a, b], since))) return null;
    const r = await this.git.run(['merge-base', a, b], { cwd: this.dir, ok: [0, 1, 128] });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  async commitDate(commit: string): Promise<string | null> {
    if (this.initialized && (await commitExists(this.git, this.dir, commit))) {
      return dateOf(this.git, this.dir, commit);
    }
    // The one commit object, nothing else.
    if (!(await this.fetch([commit], null).catch(() => false))) return null;
    return dateOf(this.git, this.dir, commit);
  }

  limitation(): Promise<string | null> {
    return Promise.resolve(null);
  }
}

/** The user's own repository, read-only: nothing is fetched into it or changed in it (local runs). */
export class LocalHistory implements CommitHistory {
  constructor(
    private readonly git: GitCli,
    private readonly cwd: string,
  ) {}

  async ancestors(target: string, since: Date | null): Promise<string[]> {
    if (!(await commitExists(this.git, this.cwd, target))) return [];
    return revList(this.git, this.cwd, target, since);
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.git.run(['merge-base', a, b], { cwd: this.cwd, ok: [0, 1, 128] });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  commitDate(commit: string): Promise<string | null> {
    return dateOf(this.git, this.cwd, commit);
  }

  async limitation(): Promise<string | null> {
    const r = await this.git.run(['rev-parse', '--is-shallow-repository'], {
      cwd: this.cwd,
      ok: [0, 128],
    });
    return r.stdout.trim() === 'true'
      ? 'this clone is shallow, so older stored runs may not be found (git fetch --unshallow)'
      : null;
  }
}
