// One error annotation per regression, naming the scenario, the metric, the change and the
// threshold, so the regression shows on the run's summary page and in the checks list.
import type { Verdict } from '../results/schema.js';
import { metricLabel, regressionSentence } from './comparisonText.js';
import { clip } from './markdownText.js';

export interface Annotation {
  title: string;
  message: string;
}

export function regressionAnnotations(verdict: Verdict | undefined): Annotation[] {
  if (!verdict) return [];
  return verdict.comparisons
    .filter((c) => c.status === 'fail')
    .map((c) => ({
      title: `mesh-perf regression: ${c.scenario} ${metricLabel(c)}`,
      message: `${regressionSentence(c)}. ${clip(c.reason)}`,
    }));
}
