// Which comparisons a verdict holds: per scenario present on both sides, latency p50/p99/p99.9 and
// error rate, then CPU and memory of every component both sides measured. What one side lacks is
// not compared and said in a note.
import type { MeshId } from '../config/types.js';
import type { Component, MetricId, ResultDocument, Trial } from '../results/schema.js';
import type { BetweenRun } from './betweenRunTerms.js';
import { prepareComparison, type PreparedComparison } from './compareMetric.js';
import type { GateOptions } from './gateOptions.js';
import {
  componentsOf,
  independentValues,
  pairedValues,
  validTrials,
  type MetricKey,
} from './metricValues.js';

export type Method = 'paired' | 'welch';

const SCENARIO_METRICS: readonly MetricId[] = [
  'latency-p50',
  'latency-p99',
  'latency-p999',
  'error-rate',
];
const COMPONENT_METRICS: readonly MetricId[] = ['cpu', 'memory'];

function componentKeys(
  mesh: MeshId,
  baseline: readonly Trial[],
  current: readonly Trial[],
  notes: string[],
): MetricKey[] {
  const inBaseline = componentsOf(baseline);
  const inCurrent = componentsOf(current);
  let compared: Component[];
  if (baseline.length === 0 || current.length === 0) {
    // One side measured nothing: its rows show as inconclusive rather than vanish.
    compared = [...inBaseline, ...inCurrent];
  } else {
    compared = inCurrent.filter((c) => inBaseline.includes(c));
    const only = (list: Component[], other: Component[], side: string): void => {
      const missing = list.filter((c) => !other.includes(c));
      if (missing.length > 0) {
        notes.push(
          `${mesh}: CPU and memory of ${missing.join(', ')} were measured in the ${side} only, so they were not compared`,
        );
      }
    };
    only(inCurrent, inBaseline, 'current run');
    only(inBaseline, inCurrent, 'baseline');
  }
  return COMPONENT_METRICS.flatMap((metric) =>
    compared.map((component) => ({ metric, component })),
  );
}

/** `betweenRun` gives the run-to-run term of each comparison; only Welch comparisons use it. */
export function prepareAll(
  baseline: ResultDocument,
  current: ResultDocument,
  method: Method,
  options: GateOptions,
  betweenRun?: (scenario: MeshId, key: MetricKey) => BetweenRun,
): { prepared: PreparedComparison[]; notes: string[] } {
  const notes: string[] = [];
  const prepared: PreparedComparison[] = [];
  for (const scenario of current.scenarios) {
    const reference = baseline.scenarios.find((s) => s.mesh === scenario.mesh);
    if (!reference) {
      notes.push(`${scenario.mesh}: not in the baseline, so not compared`);
      continue;
    }
    const base = validTrials(reference);
    const cur = validTrials(scenario);
    const keys: MetricKey[] = [
      ...SCENARIO_METRICS.map((metric) => ({ metric, component: null })),
      ...componentKeys(scenario.mesh, base, cur, notes),
    ];
    for (const key of keys) {
      if (method === 'paired') {
        prepared.push(prepareComparison(scenario.mesh, key, pairedValues(base, cur, key), options));
      } else {
        const values = independentValues(base, cur, key);
        const between = betweenRun?.(scenario.mesh, key);
        prepared.push(prepareComparison(scenario.mesh, key, values, options, between));
      }
    }
  }
  for (const scenario of baseline.scenarios) {
    if (!current.scenarios.some((s) => s.mesh === scenario.mesh)) {
      notes.push(`${scenario.mesh}: in the baseline only, so not compared`);
    }
  }
  return { prepared, notes };
}
