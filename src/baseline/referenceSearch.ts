// Finding the reference among stored runs with real history. Runs under this run's key are
// searched first with history read back only as far as they need; runs under other keys (old
// configurations pile up there) widen the search only when no run under the key qualifies.
import type { ResultDocument } from '../results/schema.js';
import type { CommitHistory } from './commitHistory.js';
import type { IndexEntry } from './dataIndex.js';
import { historySince, rankReferences, short, type ReferenceRule } from './selectReference.js';

export interface SearchResult {
  found: { entry: IndexEntry; document: ResultDocument } | null;
  /** The merge-base found (pull requests); null when none was, or for other events. */
  mergeBase: string | null;
}

/** Stored runs that are ancestors but cannot be read are skipped; this bounds how many are tried. */
const READ_ATTEMPTS = 5;

export async function searchReference(options: {
  candidates: readonly IndexEntry[];
  rule: ReferenceRule;
  key: string;
  history: CommitHistory;
  /** The stored document, or what is wrong with it. */
  read: (entry: IndexEntry) => Promise<ResultDocument | string>;
  log: (line: string) => void;
}): Promise<SearchResult> {
  const { candidates, rule, key, history } = options;
  const sameKey = candidates.filter((e) => e.key === key);
  const pools =
    sameKey.length > 0 && sameKey.length < candidates.length ? [sameKey, candidates] : [candidates];
  let mergeBase: string | null = null;
  for (const pool of pools) {
    if (pool.length === 0) continue;
    const since = historySince(pool);
    let target: string | null;
    if (rule.target.kind === 'merge-base') {
      mergeBase = await history.mergeBase(rule.target.base, rule.target.head, since);
      target = mergeBase;
    } else {
      target = rule.target.sha;
    }
    const ancestors = target === null ? [] : await history.ancestors(target, since);
    for (const entry of rankReferences(pool, ancestors, key, rule).slice(0, READ_ATTEMPTS)) {
      const document = await options.read(entry);
      if (typeof document !== 'string') return { found: { entry, document }, mergeBase };
      options.log(`baseline: skipped ${entry.file}: ${document}`);
    }
  }
  return { found: null, mergeBase };
}

/** How the reference was chosen, in words for the report. */
export function foundReason(
  rule: ReferenceRule,
  entry: IndexEntry,
  key: string,
  mergeBase: string | null,
): string {
  const on = rule.ref === null ? '' : ` of ${rule.ref}`;
  const where =
    rule.target.kind === 'merge-base'
      ? `the newest stored run${on} at or before the merge-base ${short(mergeBase ?? '')}`
      : `the newest stored run${on} ${rule.strictlyBefore ? 'before' : 'at or before'} ${short(rule.target.sha)}`;
  const keyNote =
    entry.key === key
      ? ''
      : `; it was stored under another comparability key (${entry.key}, this run ${key}), so it is not comparable`;
  return `${where}: commit ${short(entry.commit)}, run ${entry.runId}${keyNote}`;
}
