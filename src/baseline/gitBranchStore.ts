// `baseline: git-branch`: runs stored on an orphan data branch of the same repository, one file per
// commit under its comparability key plus index.json. A save fetches the tip, applies its one
// entry (and the pruning it causes) to the newest index, commits on top and pushes without force;
// a rejected push is retried from a fresh fetch with jittered backoff, so no writer's entry is lost.
import { InfraError } from '../errors.js';
import { comparabilityKey, comparabilityParts } from '../results/comparabilityKey.js';
import type { ResultDocument } from '../results/schema.js';
import { backoffDelayMs, type BackoffOptions } from './backoff.js';
import type { CommitHistory } from './commitHistory.js';
import type { DataBranch, DataChange } from './dataBranch.js';
import {
  INDEX_FILE,
  addEntry,
  emptyIndex,
  entriesFor,
  entryFile,
  parseIndex,
  serializeIndex,
  type DataIndex,
  type IndexEntry,
} from './dataIndex.js';
import { branchRef, type RunContext } from './runContext.js';
import { foundReason, searchReference } from './referenceSearch.js';
import { candidateEntries, noReferenceReason, referenceRule, short } from './selectReference.js';
import {
  parseStoredDocument,
  skipped,
  toBaselineRef,
  type BaselineStore,
  type FindResult,
  type SaveOutcome,
} from './store.js';

/** What the store works with once the remote is known; built lazily by the factory. */
export interface GitConnection {
  data: DataBranch;
  /** History for choosing references (remote in Actions, the user's clone locally). */
  history: CommitHistory;
  /** Commit dates for new entries: the user's checkout first, then the remote. */
  commitDate(commit: string): Promise<string | null>;
}

export interface GitBranchStoreOptions {
  branch: string;
  keep: number;
  connect: () => Promise<GitConnection | { problem: string }>;
  log: (line: string) => void;
  backoff: BackoffOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Runs just before each push (tests use it to line writers up on the same tip). */
  beforePush?: (attempt: number) => Promise<void>;
}

const DATA_README = `# mesh-perf results

This branch is written by mesh-perf: \`index.json\` lists the stored runs, and each run's result
document is at \`<comparability key>/<commit>.json\`. Edit it only if you mean to change baselines.
`;

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export class GitBranchStore implements BaselineStore {
  readonly kind = 'git-branch';
  readonly description: string;
  private connection: Promise<GitConnection | { problem: string }> | undefined;

  constructor(private readonly options: GitBranchStoreOptions) {
    this.description = `the data branch ${options.branch}`;
  }

  private connect(): Promise<GitConnection | { problem: string }> {
    this.connection ??= this.options.connect();
    return this.connection;
  }

  private async readIndex(data: DataBranch, tip: string): Promise<DataIndex> {
    const text = await data.readFile(tip, INDEX_FILE);
    return text === null ? emptyIndex() : parseIndex(text, `${INDEX_FILE} on ${data.branch}`);
  }

  private location(entry: IndexEntry): string {
    return `${this.options.branch}:${entry.file}`;
  }

  async find(document: ResultDocument, context: RunContext): Promise<FindResult> {
    const none = (reason: string): FindResult => ({ reference: null, reason });
    const connection = await this.connect();
    if ('problem' in connection) return none(connection.problem);
    const { data, history } = connection;
    const tip = await data.fetchTip();
    if (tip === null)
      return none(`the data branch ${data.branch} does not exist yet (nothing stored)`);
    const index = await this.readIndex(data, tip);
    const chosen = referenceRule(context, document.run.commit);
    if (chosen.rule === null) return none(chosen.reason);
    const { rule } = chosen;

    const candidates = candidateEntries(index, rule, document.run.id);
    const key = comparabilityKey(document);
    const { found, mergeBase } = await searchReference({
      candidates,
      rule,
      key,
      history,
      read: async (entry) => {
        const text = await data.readFile(tip, entry.file);
        return text === null ? `missing from ${data.branch}` : parseStoredDocument(text);
      },
      log: this.options.log,
    });
    if (found !== null) {
      return {
        reference: {
          document: found.document,
          ref: toBaselineRef(found.document, 'git-branch', this.location(found.entry)),
        },
        reason: foundReason(rule, found.entry, key, mergeBase),
      };
    }
    const limitation = await history.limitation();
    const reason = noReferenceReason(rule, index.entries.length, candidates.length, mergeBase);
    return none(limitation === null ? reason : `${reason}; ${limitation}`);
  }

  async save(document: ResultDocument): Promise<SaveOutcome> {
    const { branch, keep, log } = this.options;
    const commit = document.run.commit;
    if (commit === null || !COMMIT_ID.test(commit)) {
      return skipped(
        `the run has no full commit id (${String(commit)}), so it cannot be keyed by commit`,
      );
    }
    const connection = await this.connect();
    if ('problem' in connection) {
      throw new InfraError(`cannot store the run on ${branch}: ${connection.problem}`);
    }
    const { data } = connection;
    const key = comparabilityKey(document);
    const entry: IndexEntry = {
      key,
      commit,
      ref: document.run.ref === null ? null : branchRef(document.run.ref),
      runId: document.run.id,
      startedAt: document.run.startedAt,
      commitDate: await connection.commitDate(commit),
      configHash: document.run.configHash,
      file: entryFile(key, commit),
    };
    const content = `${JSON.stringify(document, null, 2)}\n`;
    const location = this.location(entry);
    const { attempts } = this.options.backoff;

    for (let attempt = 1; attempt <= attempts; attempt++) {
      const tip = await data.fetchTip();
      const index = tip === null ? emptyIndex() : await this.readIndex(data, tip);
      const added = addEntry(index, entry, comparabilityParts(document), keep);
      if (added.status === 'present') {
        return {
          status: 'already-stored',
          reason: `commit ${short(commit)} is stored already under key ${key} (run ${added.existing.runId}); saving is idempotent per commit`,
          location: `${branch}:${added.existing.file}`,
          attempts: attempt - 1,
          pruned: 0,
        };
      }
      if (added.status === 'too-old') {
        return skipped(
          `commit ${short(commit)} is older than the ${keep} newest runs stored under key ${key}`,
        );
      }
      const change: DataChange = {
        write: {
          [entry.file]: content,
          [INDEX_FILE]: serializeIndex(added.index),
          ...(tip === null ? { 'README.md': DATA_README } : {}),
        },
        remove: added.removed.map((e) => e.file),
      };
      const pruned = added.removed.length;
      const message = `mesh-perf: store ${short(commit)} under ${key}${pruned > 0 ? `, prune ${pruned} older` : ''}`;
      const newTip = await data.commit(tip, change, message);
      await this.options.beforePush?.(attempt);
      const pushed = await data.push(newTip);
      if (pushed.ok) {
        return {
          status: 'saved',
          reason: `stored as ${location}`,
          location,
          attempts: attempt,
          pruned,
        };
      }
      if (pushed.failure === 'permanent') {
        throw new InfraError(
          `pushing to ${branch} was refused (the saving job needs permissions: contents: write, and ${branch} must accept its pushes): ${pushed.detail}`,
        );
      }
      if (attempt < attempts) {
        const wait = backoffDelayMs(attempt, this.options.random, this.options.backoff);
        log(
          `baseline: push ${attempt} of ${attempts} to ${branch} ${pushed.failure} (${pushed.failure === 'rejected' ? 'another writer moved the branch' : 'network'}); retrying in ${wait} ms`,
        );
        await this.options.sleep(wait);
      }
    }
    throw new InfraError(
      `could not store the run on ${branch} after ${attempts} push attempts: the branch kept moving or the remote kept failing`,
    );
  }

  async history(key: string, limit: number): Promise<ResultDocument[]> {
    const connection = await this.connect();
    if ('problem' in connection || limit <= 0) return [];
    const { data } = connection;
    const tip = await data.fetchTip();
    if (tip === null) return [];
    const entries = entriesFor(await this.readIndex(data, tip), key).slice(-limit);
    const documents: ResultDocument[] = [];
    for (const entry of entries) {
      const text = await data.readFile(tip, entry.file);
      const stored = text === null ? `missing from ${data.branch}` : parseStoredDocument(text);
      if (typeof stored === 'string')
        this.options.log(`baseline: skipped ${this.location(entry)}: ${stored}`);
      else documents.push(stored);
    }
    return documents;
  }
}
