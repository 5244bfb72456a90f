// The one-line headline of a verdict kind, for reports whose verdict has no regression to name
// (src/report/headline.ts names those).
import type { ResultDocument, VerdictKind } from '../results/schema.js';

export function verdictLine(outcome: {
  verdict: VerdictKind;
  problems: readonly string[];
  document: ResultDocument;
}): string {
  const scenarios = outcome.document.scenarios.length;
  switch (outcome.verdict) {
    case 'no-baseline':
      return `**No baseline to compare with**: ${scenarios} scenario(s) measured and valid; nothing was compared.`;
    case 'infra-error':
      return `**Infrastructure error**: the run cannot be trusted (${outcome.problems.length} problem(s), listed below). This is not a pass.`;
    case 'pass':
      return '**Pass**: no regression beyond the thresholds.';
    case 'fail':
      return '**Regression**: at least one metric regressed beyond its threshold.';
    case 'inconclusive':
      return '**Inconclusive**: the measurements cannot tell a regression from noise.';
  }
}
