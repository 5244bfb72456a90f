// Which stored run is the reference (pure). A pull request compares with the newest run of its
// base branch at or before the merge-base; a push with the previous run before this commit on the
// same branch; anything else with the newest run at or before this commit. Runs under the same
// comparability key come first; a run under another key is still returned when none matches, so
// the verdict can say why nothing was compared.
import type { DataIndex, IndexEntry } from './dataIndex.js';
import { branchRef, type RunContext } from './runContext.js';

export interface ReferenceRule {
  /** Only runs stored from this ref (full form); null for any ref. */
  ref: string | null;
  /** Leave out runs of the target commit itself ("before this commit"). */
  strictlyBefore: boolean;
  /** How history is walked: from the merge-base of base and head, or from one commit. */
  target: { kind: 'merge-base'; base: string; head: string } | { kind: 'commit'; sha: string };
}

export type RuleResult = { rule: ReferenceRule } | { rule: null; reason: string };

/** The rule for this context; `commit` is the current run's commit (GITHUB_SHA or HEAD). */
export function referenceRule(context: RunContext, commit: string | null): RuleResult {
  switch (context.kind) {
    case 'pull-request': {
      const head = context.headSha ?? commit;
      if (context.baseSha === null || head === null) {
        return {
          rule: null,
          reason: `the ${context.event} event names no base or head commit, so no merge-base can be found`,
        };
      }
      return {
        rule: {
          ref: context.baseRef,
          strictlyBefore: false,
          target: { kind: 'merge-base', base: context.baseSha, head },
        },
      };
    }
    case 'push':
      return {
        rule: {
          ref: context.ref,
          strictlyBefore: true,
          target: { kind: 'commit', sha: context.sha },
        },
      };
    case 'other': {
      const sha = context.sha ?? commit;
      if (sha === null) return { rule: null, reason: `the ${context.event} run has no commit` };
      return {
        rule: { ref: context.ref, strictlyBefore: false, target: { kind: 'commit', sha } },
      };
    }
    case 'local':
      if (commit === null)
        return { rule: null, reason: 'this run has no commit (not in a git repository)' };
      return {
        rule: { ref: null, strictlyBefore: false, target: { kind: 'commit', sha: commit } },
      };
  }
}

/** Stored runs the rule allows, leaving out this run itself (a re-read after saving). */
export function candidateEntries(
  index: DataIndex,
  rule: ReferenceRule,
  currentRunId: string,
): IndexEntry[] {
  const ref = rule.ref === null ? null : branchRef(rule.ref);
  return index.entries.filter(
    (e) =>
      e.runId !== currentRunId && (ref === null || (e.ref !== null && branchRef(e.ref) === ref)),
  );
}

const DAY_MS = 86_400_000;

/**
 * How far back history must be read to see every candidate: the oldest commit date, a day earlier
 * for clock skew; a run without a commit date counts from a month before it started.
 */
export function historySince(candidates: readonly IndexEntry[]): Date | null {
  let oldest = Infinity;
  for (const e of candidates) {
    const known = e.commitDate === null ? NaN : Date.parse(e.commitDate);
    const at = Number.isNaN(known) ? Date.parse(e.startedAt) - 30 * DAY_MS : known;
    if (!Number.isNaN(at)) oldest = Math.min(oldest, at);
  }
  return Number.isFinite(oldest) ? new Date(oldest - DAY_MS) : null;
}

/**
 * Candidates in the order to try them: those under `key` first, then the rest; within each, the
 * newest along `ancestors` (the target's history, newest first, the target itself at 0).
 */
export function rankReferences(
  candidates: readonly IndexEntry[],
  ancestors: readonly string[],
  key: string,
  rule: ReferenceRule,
): IndexEntry[] {
  const position = new Map(ancestors.map((sha, i) => [sha, i]));
  const target = ancestors[0];
  const reachable = candidates.filter(
    (e) => position.has(e.commit) && !(rule.strictlyBefore && e.commit === target),
  );
  const byHistory = (a: IndexEntry, b: IndexEntry): number =>
    (position.get(a.commit) ?? 0) - (position.get(b.commit) ?? 0) ||
    Date.parse(b.startedAt) - Date.parse(a.startedAt);
  return [
    ...reachable.filter((e) => e.key === key).sort(byHistory),
    ...reachable.filter((e) => e.key !== key).sort(byHistory),
  ];
}

/** Why no run qualified, in words for the report. */
export function noReferenceReason(
  rule: ReferenceRule,
  stored: number,
  candidates: number,
  mergeBase: string | null,
): string {
  const on = rule.ref === null ? '' : ` of ${rule.ref}`;
  if (stored === 0) return 'no runs are stored yet';
  if (candidates === 0) return `no stored run${on} (${stored} stored from other refs)`;
  switch (rule.target.kind) {
    case 'merge-base':
      return mergeBase === null
        ? `no stored run${on} is at or before the merge-base of ${short(rule.target.base)} and ${short(rule.target.head)} (no common history found back to the oldest stored run)`
        : `no stored run${on} is at or before the merge-base ${short(mergeBase)}`;
    case 'commit':
      return `no stored run${on} is ${rule.strictlyBefore ? 'before' : 'at or before'} ${short(rule.target.sha)} in its history`;
  }
}

export const short = (sha: string): string => sha.slice(0, 12);
