// Result documents from real short local runs (test/fixtures/report/) with hand-made verdicts in
// the exact `verdict` schema, one per verdict kind, for the report renderers and the GitHub client.
// The per-trial values are the geometric means of the fixtures' valid trials; intervals, p-values
// and Holm levels are made up by hand (the statistics are tested where they are computed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  resultDocumentSchema,
  type BaselineRef,
  type Comparison,
  type ResultDocument,
  type Verdict,
} from '../../src/results/schema.js';
import { fixturesDir } from './paths.js';

export function reportFixture(name: 'baseline' | 'current'): ResultDocument {
  const text = readFileSync(path.join(fixturesDir, 'report', `${name}.json`), 'utf8');
  return resultDocumentSchema.parse(JSON.parse(text));
}

type Row = [
  Comparison['scenario'],
  Comparison['metric'],
  Comparison['component'],
  Comparison['unit'],
  number,
  number,
];

// Baseline and current geometric means of the fixtures' valid trials (2 per side).
const ROWS: Row[] = [
  ['none', 'latency-p50', null, 'ms', 11.515, 11.317],
  ['none', 'latency-p99', null, 'ms', 14.899, 17.699],
  ['none', 'latency-p999', null, 'ms', 17.768, 20.969],
  ['none', 'error-rate', null, 'fraction', 0, 0],
  ['none', 'cpu', 'client', 'cores', 0.0922, 0.0917],
  ['none', 'cpu', 'server', 'cores', 0.0901, 0.0862],
  ['none', 'memory', 'client', 'MiB', 63.18, 62.83],
  ['none', 'memory', 'server', 'MiB', 53.46, 53.71],
  ['app-mtls', 'latency-p50', null, 'ms', 11.595, 11.595],
  ['app-mtls', 'latency-p99', null, 'ms', 20.777, 17.054],
  ['app-mtls', 'latency-p999', null, 'ms', 24.695, 24.291],
  ['app-mtls', 'error-rate', null, 'fraction', 0, 0],
  ['app-mtls', 'cpu', 'client', 'cores', 0.1042, 0.0896],
  ['app-mtls', 'cpu', 'server', 'cores', 0.1062, 0.0991],
  ['app-mtls', 'memory', 'client', 'MiB', 65.29, 65.57],
  ['app-mtls', 'memory', 'server', 'MiB', 56.46, 56.88],
];

const THRESHOLDS: Record<Comparison['metric'], number> = {
  'latency-p50': 0.1,
  'latency-p99': 0.1,
  'latency-p999': 0.2,
  'error-rate': 0.001,
  cpu: 0.2,
  memory: 0.2,
};
const FLOORS: Record<Comparison['unit'], number> = { ms: 1, cores: 0.005, MiB: 2, fraction: 0 };

function comparison(row: Row, status: Comparison['status'], index: number): Comparison {
  const [scenario, metric, component, unit, base, cur] = row;
  // The error rate is compared by absolute difference (points), everything else by ratio.
  const change = metric === 'error-rate' ? cur - base : cur / base - 1;
  const spread = metric === 'error-rate' ? 0.0004 : 0.12;
  return {
    scenario,
    metric,
    component,
    unit,
    baseline: { value: base, trials: 2 },
    current: { value: cur, trials: 2 },
    change,
    interval: { lower: change - spread, upper: change + spread },
    threshold: THRESHOLDS[metric],
    floor: FLOORS[unit],
    minDetectableChange: metric === 'error-rate' ? 0.0006 : 0.085 + index * 0.001,
    pValue: status === 'fail' ? 0.0021 : 0.41,
    alpha: 0.05 / (ROWS.length - index),
    status,
    reason:
      status === 'fail'
        ? 'the whole interval lies above zero and the change is at least the threshold'
        : status === 'pass'
          ? 'the interval lies below the threshold'
          : 'the interval reaches past the threshold: too noisy to tell',
  };
}

export const storedBaselineRef: BaselineRef = {
  source: 'git-branch',
  runId: '2925093b-1e2f-4382-9a36-5943f7a5349f',
  commit: '6d322ba4f482be3075c583526fdb2a3de25e776e',
  ref: 'refs/heads/main',
  startedAt: '2026-12-07T13:52:29.514Z',
  configHash: 'sha256:0ed228134264267b8e7debfc0bab0dc8293fdd3098018660e4cb413df76fc68e',
  location: 'mesh-perf-data:3f1c2a9b7d4e5f60/6d322ba4f482be3075c583526fdb2a3de25e776e.json',
};

const base = {
  confidence: 0.95,
  baseline: storedBaselineRef,
  comparable: true,
  method: 'welch',
} as const;

function rows(statusOf: (row: Row) => Comparison['status']): Comparison[] {
  return ROWS.map((row, i) => comparison(row, statusOf(row), i));
}

const failing = rows((r) => (r[0] === 'none' && r[1] === 'latency-p99' ? 'fail' : 'pass'));

export const VERDICTS = {
  fail: { ...base, kind: 'fail', reasons: [], comparisons: failing, regressions: 1 },
  pass: { ...base, kind: 'pass', reasons: [], comparisons: rows(() => 'pass'), regressions: 0 },
  inconclusive: {
    ...base,
    kind: 'inconclusive',
    reasons: [],
    comparisons: rows((r) => (r[1] === 'latency-p999' ? 'inconclusive' : 'pass')),
    regressions: 0,
  },
  'no-baseline': {
    ...base,
    kind: 'no-baseline',
    method: null,
    baseline: null,
    reasons: ['no stored run under this key on mesh-perf-data yet: nothing to compare with'],
    comparisons: [],
    regressions: 0,
  },
  'infra-error': {
    ...base,
    kind: 'infra-error',
    method: null,
    reasons: ['scenario app-mtls has no valid trial'],
    comparisons: [],
    regressions: 0,
  },
  'key-differs': {
    ...base,
    kind: 'inconclusive',
    method: null,
    comparable: false,
    reasons: [
      'rps: 320 (baseline) vs 200 (current)',
      'connections: 160 (baseline) vs 20 (current)',
    ],
    comparisons: [],
    regressions: 0,
  },
} satisfies Record<string, Verdict>;

export type VerdictCase = keyof typeof VERDICTS;

/** The current fixture with a verdict, validated against the result schema. */
export function documentWith(
  kind: VerdictCase,
  change: Partial<ResultDocument> = {},
): ResultDocument {
  return resultDocumentSchema.parse({
    ...reportFixture('current'),
    ...change,
    verdict: VERDICTS[kind],
  });
}
