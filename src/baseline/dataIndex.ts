// The data branch's index.json: one entry per stored run (key, commit, ref, run id, dates, file),
// plus the readable parts of each comparability key. Pure: parse, add-and-prune, order, write.
// Every writer re-reads the newest index and applies its one change to it, so concurrent writers
// never drop each other's entries.
import { z } from 'zod';
import { InfraError } from '../errors.js';
import type { KeyParts } from '../results/comparabilityKey.js';

export const INDEX_SCHEMA_ID = 'mesh-perf-index/v1';
export const INDEX_FILE = 'index.json';

// Loose objects: fields a newer writer adds survive a round trip through an older one.
export const indexEntrySchema = z.looseObject({
  key: z.string().regex(/^[0-9a-z-]{1,64}$/),
  commit: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  /** Full ref the run measured, e.g. refs/heads/main; null when unknown. */
  ref: z.string().nullable(),
  runId: z.string(),
  startedAt: z.string(),
  /** Committer date of `commit` (UTC ISO); orders runs along history. Null when unknown. */
  commitDate: z.string().nullable(),
  configHash: z.string(),
  /** Path of the result document on the data branch: `<key>/<commit>.json`. */
  file: z.string(),
});
export type IndexEntry = z.infer<typeof indexEntrySchema>;

export const dataIndexSchema = z.looseObject({
  schema: z.literal(INDEX_SCHEMA_ID),
  /** For people browsing the branch: what each key directory stands for. */
  keys: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))),
  entries: z.array(indexEntrySchema),
});
export type DataIndex = z.infer<typeof dataIndexSchema>;

export function emptyIndex(): DataIndex {
  return { schema: INDEX_SCHEMA_ID, keys: {}, entries: [] };
}

export function entryFile(key: string, commit: string): string {
  return `${key}/${commit}.json`;
}

/** Parses index.json; anything else is an error, so an index we do not understand is never overwritten. */
export function parseIndex(text: string, where: string): DataIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InfraError(`${where} is not JSON; it was left untouched`, { cause: error });
  }
  const parsed = dataIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join('.') ?? '';
    throw new InfraError(
      `${where} is not a ${INDEX_SCHEMA_ID} index (${at === '' ? '' : `${at}: `}${issue?.message ?? 'invalid'}); it was left untouched`,
    );
  }
  return parsed.data;
}

const time = (iso: string | null): number => {
  const ms = iso === null ? NaN : Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/** Along history: commit date, then when the run started, then the commit id (for a stable order). */
export function commitOrder(a: IndexEntry, b: IndexEntry): number {
  return (
    time(a.commitDate ?? a.startedAt) - time(b.commitDate ?? b.startedAt) ||
    time(a.startedAt) - time(b.startedAt) ||
    a.commit.localeCompare(b.commit)
  );
}

/** A key's entries, oldest first. */
export function entriesFor(index: DataIndex, key: string): IndexEntry[] {
  return index.entries.filter((e) => e.key === key).sort(commitOrder);
}

export type AddResult =
  | { status: 'added'; index: DataIndex; removed: IndexEntry[] }
  /** The same key and commit is stored already: saving is idempotent per commit. */
  | { status: 'present'; existing: IndexEntry }
  /** Older than the `keep` newest runs of its key: it would be pruned at once. */
  | { status: 'too-old' };

/** Adds one entry and prunes its key to the `keep` newest, in one new index (the input is not changed). */
export function addEntry(
  index: DataIndex,
  entry: IndexEntry,
  parts: KeyParts,
  keep: number,
): AddResult {
  const existing = index.entries.find((e) => e.key === entry.key && e.commit === entry.commit);
  if (existing) return { status: 'present', existing };
  const sameKey = [...entriesFor(index, entry.key), entry].sort(commitOrder);
  const removed = sameKey.slice(0, Math.max(0, sameKey.length - keep));
  if (removed.includes(entry)) return { status: 'too-old' };
  const entries = [...index.entries, entry].filter((e) => !removed.includes(e));
  const keys = { ...index.keys, [entry.key]: parts };
  return { status: 'added', index: { ...index, keys, entries }, removed };
}

/** Stable bytes: entries grouped by key, each key in commit order, so diffs stay small. */
export function serializeIndex(index: DataIndex): string {
  const entries = [...index.entries].sort(
    (a, b) => a.key.localeCompare(b.key) || commitOrder(a, b),
  );
  const used = new Set(entries.map((e) => e.key));
  const keys = Object.fromEntries(
    Object.keys(index.keys)
      .filter((k) => used.has(k))
      .sort()
      .map((k) => [k, index.keys[k]]),
  );
  return `${JSON.stringify({ ...index, keys, entries }, null, 2)}\n`;
}
