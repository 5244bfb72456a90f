// The one-line headline of a run, shared by the terminal, the job summary and the action log.
import type { RunOutcome } from '../run/runBenchmark.js';

export function verdictLine(
  outcome: Pick<RunOutcome, 'verdict' | 'problems' | 'document'>,
): string {
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
