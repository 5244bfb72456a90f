// The data branch in a private repository (a temp dir of our own, never the user's checkout):
// fetch its tip, read files from it, and write a new commit on top with plumbing only (a private
// index file, hash-object, commit-tree), so no working tree is ever checked out.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfraError } from '../errors.js';
import type { GitCli } from './gitCli.js';
import {
  DATA_TIP_REF,
  classifyPushFailure,
  commitTreeArgs,
  fetchDataTipArgs,
  lsRemoteArgs,
  pushArgs,
  type PushFailure,
} from './gitArgs.js';

export interface DataChange {
  /** Path on the branch -> new content. */
  write: Record<string, string>;
  remove: readonly string[];
}

export type PushResult = { ok: true } | { ok: false; failure: PushFailure; detail: string };

export class DataBranch {
  private initialized = false;

  constructor(
    private readonly git: GitCli,
    private readonly dir: string,
    private readonly url: string,
    readonly branch: string,
    private readonly committer: Record<string, string>,
  ) {}

  private async init(): Promise<void> {
    if (this.initialized) return;
    await mkdir(this.dir, { recursive: true });
    await this.git.run(['init', '--quiet', this.dir], { cwd: this.dir });
    this.initialized = true;
  }

  /** The branch's current tip on the remote, fetched; null when the branch does not exist yet. */
  async fetchTip(): Promise<string | null> {
    await this.init();
    const fetched = await this.git.run(fetchDataTipArgs(this.url, this.branch), {
      cwd: this.dir,
      ok: [0, 1, 128],
    });
    if (fetched.code === 0) return this.git.text(['rev-parse', DATA_TIP_REF], { cwd: this.dir });
    // Tell "no such branch" (exit 2) from a remote we cannot reach, which must not pass as empty.
    const listed = await this.git.run(lsRemoteArgs(this.url, this.branch), {
      cwd: this.dir,
      ok: [0, 2],
    });
    if (listed.code === 2) return null;
    throw new InfraError(
      `git fetch of ${this.branch} failed although the branch exists: ${this.git.safe(fetched.stderr.trim())}`,
    );
  }

  /** A file's content at `tip`, or null when the branch has no such file. */
  async readFile(tip: string, file: string): Promise<string | null> {
    const result = await this.git.run(['cat-file', 'blob', `${tip}:${file}`], {
      cwd: this.dir,
      ok: [0, 128],
    });
    return result.code === 0 ? result.stdout : null;
  }

  /** A new commit on top of `tip` (a root commit when null) with the change applied. */
  async commit(tip: string | null, change: DataChange, message: string): Promise<string> {
    await this.init();
    const scratch = path.join(this.dir, '.git', 'mesh-perf-scratch');
    await mkdir(scratch, { recursive: true });
    const env = { GIT_INDEX_FILE: path.join(this.dir, '.git', 'mesh-perf-index') };
    const opts = { cwd: this.dir, env };
    await this.git.run(tip === null ? ['read-tree', '--empty'] : ['read-tree', tip], opts);
    const cacheinfo: string[] = [];
    let n = 0;
    for (const [file, content] of Object.entries(change.write)) {
      const temp = path.join(scratch, `blob-${n++}`);
      await writeFile(temp, content);
      const blob = await this.git.text(['hash-object', '-w', '--', temp], opts);
      cacheinfo.push('--cacheinfo', `100644,${blob},${file}`);
    }
    if (cacheinfo.length > 0) await this.git.run(['update-index', '--add', ...cacheinfo], opts);
    if (change.remove.length > 0) {
      await this.git.run(['update-index', '--force-remove', '--', ...change.remove], opts);
    }
    const tree = await this.git.text(['write-tree'], opts);
    return this.git.text(commitTreeArgs(tree, tip, message), {
      cwd: this.dir,
      env: { ...env, ...this.committer },
    });
  }

  async push(commit: string): Promise<PushResult> {
    const result = await this.git.run(pushArgs(this.url, commit, this.branch), {
      cwd: this.dir,
      ok: [0, 1, 128],
    });
    if (result.code === 0) return { ok: true };
    return {
      ok: false,
      failure: classifyPushFailure(result.stdout, result.stderr),
      detail: this.git.safe(`${result.stdout}\n${result.stderr}`.trim()),
    };
  }
}
