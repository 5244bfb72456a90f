// Which stored run is the reference: the rule per event, the candidates it allows, how far back
// history is read, and the order in which candidates are tried.
import { describe, expect, it } from '@jest/globals';
import type { CommitHistory } from '../../src/baseline/commitHistory.js';
import { emptyIndex, entryFile, type IndexEntry } from '../../src/baseline/dataIndex.js';
import { searchReference } from '../../src/baseline/referenceSearch.js';
import type { RunContext } from '../../src/baseline/runContext.js';
import {
  candidateEntries,
  historySince,
  noReferenceReason,
  rankReferences,
  referenceRule,
  type ReferenceRule,
} from '../../src/baseline/selectReference.js';
import { sampleDocument } from '../support/documents.js';

const KEY = 'aaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbb';
const c = (n: number): string => String(n).repeat(40).slice(0, 40);

function stored(n: number, options: Partial<IndexEntry> = {}): IndexEntry {
  const key = options.key ?? KEY;
  return {
    key,
    commit: c(n),
    ref: 'refs/heads/main',
    runId: `run-${n}`,
    startedAt: `2026-04-0${n}T12:00:00.000Z`,
    commitDate: `2026-04-0${n}T10:00:00.000Z`,
    configHash: 'h',
    file: entryFile(key, c(n)),
    ...options,
  };
}

const push: RunContext = {
  kind: 'push',
  ref: 'refs/heads/main',
  sha: c(5),
  defaultBranch: 'main',
  deleted: false,
};
const pr: RunContext = {
  kind: 'pull-request',
  event: 'pull_request',
  baseRef: 'refs/heads/main',
  baseSha: c(4),
  headSha: c(9),
  number: 7,
};

describe('referenceRule', () => {
  it.each<[string, RunContext, string | null, ReturnType<typeof referenceRule>]>([
    [
      'pull request: the base branch, from the merge-base, at or before',
      pr,
      c(8),
      {
        rule: {
          ref: 'refs/heads/main',
          strictlyBefore: false,
          target: { kind: 'merge-base', base: c(4), head: c(9) },
        },
      },
    ],
    [
      'push: the same branch, strictly before this commit',
      push,
      c(5),
      {
        rule: {
          ref: 'refs/heads/main',
          strictlyBefore: true,
          target: { kind: 'commit', sha: c(5) },
        },
      },
    ],
    [
      'schedule: the same branch, at or before',
      {
        kind: 'other',
        event: 'schedule',
        ref: 'refs/heads/main',
        sha: c(5),
        defaultBranch: 'main',
      },
      c(5),
      {
        rule: {
          ref: 'refs/heads/main',
          strictlyBefore: false,
          target: { kind: 'commit', sha: c(5) },
        },
      },
    ],
    [
      'local: any ref, at or before HEAD',
      { kind: 'local' },
      c(6),
      { rule: { ref: null, strictlyBefore: false, target: { kind: 'commit', sha: c(6) } } },
    ],
    [
      'local outside a repository',
      { kind: 'local' },
      null,
      { rule: null, reason: 'this run has no commit (not in a git repository)' },
    ],
    [
      'pull request without a base commit',
      { ...pr, baseSha: null },
      c(8),
      {
        rule: null,
        reason:
          'the pull_request event names no base or head commit, so no merge-base can be found',
      },
    ],
  ])('%s', (_what, context, commit, expected) => {
    expect(referenceRule(context, commit)).toEqual(expected);
  });
});

describe('candidateEntries', () => {
  const index = {
    ...emptyIndex(),
    entries: [
      stored(1),
      stored(2, { ref: 'main' }), // a local run's short ref names the same branch
      stored(3, { ref: 'refs/heads/release' }),
      stored(4, { ref: null }),
      stored(5, { runId: 'current' }),
    ],
  };
  const rule = (ref: string | null): ReferenceRule => ({
    ref,
    strictlyBefore: false,
    target: { kind: 'commit', sha: c(5) },
  });

  it('keeps the rule ref (either spelling) and leaves out this run', () => {
    expect(candidateEntries(index, rule('refs/heads/main'), 'current').map((e) => e.runId)).toEqual(
      ['run-1', 'run-2'],
    );
    expect(candidateEntries(index, rule(null), 'current').map((e) => e.runId)).toEqual([
      'run-1',
      'run-2',
      'run-3',
      'run-4',
    ]);
  });
});

describe('historySince', () => {
  it('reaches a day before the oldest candidate commit', () => {
    expect(historySince([stored(3), stored(2)])?.toISOString()).toBe('2026-04-01T10:00:00.000Z');
  });

  it('without a commit date, a month before the run started', () => {
    expect(historySince([stored(3, { commitDate: null })])?.toISOString()).toBe(
      '2026-03-03T12:00:00.000Z',
    );
  });

  it('is null with no candidates', () => {
    expect(historySince([])).toBeNull();
  });
});

describe('rankReferences', () => {
  // History of the target, newest first: 7 (target) 6 5 4 3 2 1; 8 is on another line.
  const history = [7, 6, 5, 4, 3, 2, 1].map(c);
  const commitRule = (strictlyBefore: boolean): ReferenceRule => ({
    ref: 'refs/heads/main',
    strictlyBefore,
    target: { kind: 'commit', sha: c(7) },
  });

  it.each<[string, IndexEntry[], boolean, string[]]>([
    [
      'newest ancestor first',
      [stored(2), stored(5), stored(3)],
      false,
      ['run-5', 'run-3', 'run-2'],
    ],
    ['the target itself when allowed', [stored(7), stored(5)], false, ['run-7', 'run-5']],
    ['not the target on a push', [stored(7), stored(5)], true, ['run-5']],
    ['not a commit off the target history', [stored(8), stored(1)], false, ['run-1']],
    [
      'same key before another key, even when older',
      [stored(6, { key: OTHER }), stored(2)],
      false,
      ['run-2', 'run-6'],
    ],
    [
      'history order beats commit dates (a skewed clock)',
      [stored(4, { commitDate: '2030-01-01T00:00:00.000Z' }), stored(6)],
      false,
      ['run-6', 'run-4'],
    ],
  ])('%s', (_what, candidates, strict, expected) => {
    expect(
      rankReferences(candidates, history, KEY, commitRule(strict)).map((e) => e.runId),
    ).toEqual(expected);
  });

  it('nothing when the target is unknown', () => {
    expect(rankReferences([stored(1)], [], KEY, commitRule(false))).toEqual([]);
  });
});

describe('noReferenceReason', () => {
  const rule = (target: ReferenceRule['target'], strictlyBefore = false): ReferenceRule => ({
    ref: 'refs/heads/main',
    strictlyBefore,
    target,
  });
  const mb = { kind: 'merge-base', base: c(4), head: c(9) } as const;

  it.each<[string, ReferenceRule, number, number, string | null, string]>([
    ['nothing stored', rule(mb), 0, 0, null, 'no runs are stored yet'],
    [
      'only other refs',
      rule(mb),
      3,
      0,
      null,
      'no stored run of refs/heads/main (3 stored from other refs)',
    ],
    [
      'merge-base not found',
      rule(mb),
      3,
      2,
      null,
      'no stored run of refs/heads/main is at or before the merge-base of 444444444444 and 999999999999 (no common history found back to the oldest stored run)',
    ],
    [
      'all after the merge-base',
      rule(mb),
      3,
      2,
      c(2),
      'no stored run of refs/heads/main is at or before the merge-base 222222222222',
    ],
    [
      'push',
      rule({ kind: 'commit', sha: c(5) }, true),
      3,
      2,
      null,
      'no stored run of refs/heads/main is before 555555555555 in its history',
    ],
  ])('%s', (_what, r, storedCount, candidates, mergeBase, reason) => {
    expect(noReferenceReason(r, storedCount, candidates, mergeBase)).toBe(reason);
  });
});

describe('searchReference', () => {
  // History of the target (7), newest first; every stored commit here is on it.
  const history = [7, 6, 5, 4, 3, 2, 1].map(c);
  const recorder = () => {
    const sinces: (string | null)[] = [];
    const fake: CommitHistory = {
      ancestors: (_target, since) => {
        sinces.push(since?.toISOString() ?? null);
        return Promise.resolve(history);
      },
      mergeBase: () => Promise.resolve(null),
      commitDate: () => Promise.resolve(null),
      limitation: () => Promise.resolve(null),
    };
    return { sinces, fake };
  };
  const rule: ReferenceRule = {
    ref: 'refs/heads/main',
    strictlyBefore: false,
    target: { kind: 'commit', sha: c(7) },
  };
  const read = (entry: IndexEntry) =>
    Promise.resolve(entry.runId === 'run-5' ? 'not JSON' : sampleDocument());

  it('reads history only as far back as runs under its own key need', async () => {
    const { sinces, fake } = recorder();
    const candidates = [stored(1, { key: OTHER }), stored(4), stored(5)];
    const logs: string[] = [];
    const result = await searchReference({
      candidates,
      rule,
      key: KEY,
      history: fake,
      read,
      log: (l) => logs.push(l),
    });
    // run-5 is unreadable and skipped; run-4 under the key is found in the first, short pass.
    expect(result.found?.entry.runId).toBe('run-4');
    expect(sinces).toEqual(['2026-04-03T10:00:00.000Z']);
    expect(logs).toEqual([`baseline: skipped ${KEY}/${c(5)}.json: not JSON`]);
  });

  it('widens to other keys, and further back, only when nothing under its key qualifies', async () => {
    const { sinces, fake } = recorder();
    const candidates = [stored(1, { key: OTHER }), stored(8)];
    const result = await searchReference({
      candidates,
      rule,
      key: KEY,
      history: fake,
      read,
      log: () => undefined,
    });
    expect(result.found?.entry.runId).toBe('run-1');
    expect(sinces).toEqual(['2026-04-07T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
  });
});
