// The data branch's index: idempotent per commit, pruned to the newest N per key in commit order,
// stable on disk, and never overwritten when it cannot be understood.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addEntry,
  commitOrder,
  emptyIndex,
  entriesFor,
  entryFile,
  parseIndex,
  serializeIndex,
  type DataIndex,
  type IndexEntry,
} from '../../src/baseline/dataIndex.js';
import { InfraError } from '../../src/errors.js';

const KEY_A = '1111aaaa2222bbbb';
const KEY_B = '3333cccc4444dddd';
const PARTS = { provider: 'local', rps: 320 };

const sha = (n: number): string => n.toString(16).padStart(40, '0');

function entry(n: number, key = KEY_A, day = n): IndexEntry {
  const commit = sha(n);
  return {
    key,
    commit,
    ref: 'refs/heads/main',
    runId: `run-${n}`,
    startedAt: `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`,
    commitDate: `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    configHash: 'h',
    file: entryFile(key, commit),
  };
}

function build(entries: IndexEntry[], keep = 50): DataIndex {
  let index = emptyIndex();
  for (const e of entries) {
    const result = addEntry(index, e, PARTS, keep);
    if (result.status === 'added') index = result.index;
  }
  return index;
}

describe('addEntry', () => {
  it('adds, and is idempotent per key and commit', () => {
    const once = addEntry(emptyIndex(), entry(1), PARTS, 50);
    expect(once.status).toBe('added');
    if (once.status !== 'added') return;
    expect(once.index.entries).toEqual([entry(1)]);
    expect(once.index.keys).toEqual({ [KEY_A]: PARTS });
    // A re-run of the same commit (another run id) is not a second entry.
    const again = addEntry(once.index, { ...entry(1), runId: 'rerun' }, PARTS, 50);
    expect(again).toEqual({ status: 'present', existing: entry(1) });
    // The same commit under another key is another entry.
    expect(addEntry(once.index, entry(1, KEY_B), PARTS, 50).status).toBe('added');
  });

  it('keeps the newest N of a key in commit order, and names what it pruned', () => {
    const index = build([entry(1), entry(2), entry(3, KEY_B)], 2);
    const result = addEntry(index, entry(4), PARTS, 2);
    expect(result.status).toBe('added');
    if (result.status !== 'added') return;
    expect(result.removed).toEqual([entry(1)]);
    expect(entriesFor(result.index, KEY_A).map((e) => e.runId)).toEqual(['run-2', 'run-4']);
    // Other keys are never pruned by this key's writes.
    expect(entriesFor(result.index, KEY_B).map((e) => e.runId)).toEqual(['run-3']);
  });

  it('orders by commit date, not by when the run was saved', () => {
    // Commit 9 is older in history (day 1) though it is saved last.
    const index = build([entry(2, KEY_A, 2), entry(3, KEY_A, 3)], 3);
    const result = addEntry(index, entry(9, KEY_A, 1), PARTS, 3);
    expect(result.status).toBe('added');
    if (result.status !== 'added') return;
    expect(entriesFor(result.index, KEY_A).map((e) => e.runId)).toEqual([
      'run-9',
      'run-2',
      'run-3',
    ]);
    // With room for two only, that older commit would be pruned at once: nothing changes.
    expect(addEntry(index, entry(9, KEY_A, 1), PARTS, 2)).toEqual({ status: 'too-old' });
  });

  it('falls back to the start time when a commit date is unknown', () => {
    const a = { ...entry(1), commitDate: null, startedAt: '2026-03-05T00:00:00.000Z' };
    const b = { ...entry(2), commitDate: '2026-03-04T00:00:00.000Z' };
    expect([a, b].sort(commitOrder).map((e) => e.runId)).toEqual(['run-2', 'run-1']);
  });

  it('never drops another key, never keeps more than N, and never duplicates (any order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (writes, keep) => {
          const index = build(
            writes.map(([n, b]) => entry(n, b ? KEY_B : KEY_A)),
            keep,
          );
          for (const key of [KEY_A, KEY_B]) {
            const commits = entriesFor(index, key).map((e) => e.commit);
            expect(new Set(commits).size).toBe(commits.length);
            expect(commits.length).toBeLessThanOrEqual(keep);
            // What is kept is the newest of what was written under that key.
            const written = [
              ...new Set(writes.filter(([, b]) => (key === KEY_B) === b).map(([n]) => n)),
            ];
            const newest = written
              .sort((x, y) => x - y)
              .slice(-keep)
              .map(sha);
            expect(commits).toEqual(newest.filter((c) => commits.includes(c)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('serializeIndex / parseIndex', () => {
  it('round-trips, sorted by key then commit order, keys only where entries remain', () => {
    const index = build([entry(3, KEY_B), entry(2), entry(1)]);
    const withStaleKey = { ...index, keys: { ...index.keys, deadbeefdeadbeef: PARTS } };
    const text = serializeIndex(withStaleKey);
    const parsed = parseIndex(text, 'index.json');
    expect(parsed.entries.map((e) => e.runId)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(Object.keys(parsed.keys)).toEqual([KEY_A, KEY_B]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(serializeIndex(parsed)).toBe(text);
  });

  it('keeps fields a newer writer added', () => {
    const text = serializeIndex(build([entry(1)])).replace(
      '"file":',
      '"durationNote": "from a newer writer",\n      "file":',
    );
    expect(serializeIndex(parseIndex(text, 'index.json'))).toContain('"durationNote"');
  });

  it.each([
    ['not JSON', '{', 'index.json on data is not JSON; it was left untouched'],
    [
      'another schema',
      '{"schema":"mesh-perf-index/v2","keys":{},"entries":[]}',
      'index.json on data is not a mesh-perf-index/v1 index (schema: Invalid input: expected "mesh-perf-index/v1"); it was left untouched',
    ],
    [
      'a bad commit id',
      JSON.stringify({ ...build([entry(1)]), entries: [{ ...entry(1), commit: '../../etc' }] }),
      'index.json on data is not a mesh-perf-index/v1 index (entries.0.commit: Invalid string: must match pattern /^[0-9a-f]{40}([0-9a-f]{24})?$/); it was left untouched',
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseIndex(text, 'index.json on data')).toThrow(InfraError);
    expect(() => parseIndex(text, 'index.json on data')).toThrow(message);
  });
});
