// Whether a run is stored as a baseline (pure): only when asked (by default, a push to the
// repository's default branch), and never a run that cannot serve as a reference.
import type { SaveBaseline } from '../config/types.js';
import type { ResultDocument } from '../results/schema.js';
import { branchRef, type RunContext } from './runContext.js';

export interface SaveWanted {
  save: boolean;
  reason: string;
}

export function saveWanted(setting: SaveBaseline, context: RunContext): SaveWanted {
  if (setting === true) return { save: true, reason: 'save-baseline is true' };
  if (setting === false) return { save: false, reason: 'save-baseline is false' };
  if (context.kind !== 'push') {
    return {
      save: false,
      reason: 'save-baseline is auto and this run is not a push to the default branch',
    };
  }
  if (context.deleted) return { save: false, reason: 'the push deleted its ref' };
  if (context.defaultBranch === null) {
    return {
      save: false,
      reason: 'save-baseline is auto and the event does not name the default branch',
    };
  }
  const defaultRef = branchRef(context.defaultBranch);
  return context.ref === defaultRef
    ? { save: true, reason: `a push to the default branch ${defaultRef}` }
    : {
        save: false,
        reason: `save-baseline is auto and ${context.ref} is not the default branch ${defaultRef}`,
      };
}

/** Why this document must not become a reference; empty when it may. */
export function saveBlockers(document: ResultDocument): string[] {
  const blockers: string[] = [];
  if (document.verdict?.kind === 'infra-error') blockers.push('its verdict is infra-error');
  if (document.run.faults.length > 0) {
    blockers.push(`the run had ${document.run.faults.length} infrastructure fault(s)`);
  }
  if (document.scenarios.length === 0) blockers.push('it has no scenario');
  for (const s of document.scenarios) {
    if (s.summary.validTrials === 0) blockers.push(`scenario ${s.mesh} has no valid trial`);
  }
  return blockers;
}
