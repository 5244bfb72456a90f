// The result document, `schema: "mesh-perf/v1"` (DESIGN.md). One zod schema serves as the type,
// as the validator of documents read back (baselines, `mesh-perf report`), and as documentation.
import { z } from 'zod';
import { ENGINES, MESH_IDS, PLACEMENTS, PROVIDERS, SERVERS } from '../config/types.js';

export const RESULT_SCHEMA_ID = 'mesh-perf/v1';

export const COMPONENTS = [
  'client',
  'server',
  'client-proxy',
  'server-proxy',
  'node-agent',
  'control-plane',
] as const;
export type Component = (typeof COMPONENTS)[number];

const nonNegative = z.number().min(0);
const count = z.number().int().min(0);

export const latencyMsSchema = z.strictObject({
  min: nonNegative,
  mean: nonNegative,
  p50: nonNegative,
  p90: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
});

export const errorsSchema = z.strictObject({
  total: count,
  byCode: z.record(z.string(), count),
});

export const componentResourcesSchema = z.strictObject({
  cpuCores: nonNegative,
  cpuSeconds: nonNegative,
  memoryMiBPeak: nonNegative,
});
export type ComponentResources = z.infer<typeof componentResourcesSchema>;

export const resourcesSchema = z.partialRecord(z.enum(COMPONENTS), componentResourcesSchema);
export type Resources = z.infer<typeof resourcesSchema>;

export const trialSchema = z.strictObject({
  /** Position in the run's interleaved order, from 0. */
  index: count,
  /** Which repetition of its scenario, from 1. */
  repetition: z.number().int().min(1),
  startedAt: z.string(),
  requestedRps: nonNegative,
  achievedRps: nonNegative,
  requests: count,
  errors: errorsSchema,
  latencyMs: latencyMsSchema,
  /** HdrHistogram of latencies in microseconds, compressed and base64 encoded. */
  histogram: z.string(),
  resources: resourcesSchema,
  valid: z.boolean(),
  invalidReasons: z.array(z.string()),
});
export type Trial = z.infer<typeof trialSchema>;

export const mtlsSchema = z.strictObject({
  /** True only when mTLS was checked on the measured path; false for `none`. */
  verified: z.boolean(),
  /** How it was checked, e.g. "client-certificate-probe"; "not-applicable" for `none`. */
  method: z.string(),
  details: z.array(z.string()),
});
export type Mtls = z.infer<typeof mtlsSchema>;

export const summarySchema = z.strictObject({
  trials: count,
  validTrials: count,
  requests: count,
  /** Mean achieved rate over valid trials. */
  achievedRps: nonNegative,
  errors: errorsSchema,
  /** Read off the merged histogram of the valid trials. */
  latencyMs: latencyMsSchema,
  histogram: z.string(),
  /** Per component: mean over valid trials (memory: mean of the per-trial peaks). */
  resources: resourcesSchema,
});
export type Summary = z.infer<typeof summarySchema>;

/** Percent change against the `none` scenario of the same run; null where not measurable. */
export const overheadSchema = z.strictObject({
  latencyPct: z.strictObject({
    p50: z.number().nullable(),
    p99: z.number().nullable(),
    p999: z.number().nullable(),
  }),
  cpuPct: z.partialRecord(z.enum([...COMPONENTS, 'total']), z.number().nullable()),
  memoryPct: z.partialRecord(z.enum([...COMPONENTS, 'total']), z.number().nullable()),
});
export type Overhead = z.infer<typeof overheadSchema>;

/** Cluster runs: the mesh as it was installed for a scenario (release, profile, settings). */
export const meshConfigSchema = z.strictObject({
  version: z.string(),
  profile: z.string(),
  flags: z.array(z.string()),
});
export type MeshConfig = z.infer<typeof meshConfigSchema>;

export const scenarioSchema = z.strictObject({
  mesh: z.enum(MESH_IDS),
  /** Absent for the local provider, which installs nothing. */
  meshConfig: meshConfigSchema.optional(),
  mtls: mtlsSchema,
  trials: z.array(trialSchema),
  summary: summarySchema,
  overheadVsNone: overheadSchema.nullable(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const environmentSchema = z.strictObject({
  os: z.string(),
  kernel: z.string(),
  cpuModel: z.string(),
  cpus: z.number().int().min(1),
  memoryGiB: nonNegative,
  nodeVersion: z.string(),
  kubernetesVersion: z.string().nullable(),
  meshVersions: z.record(z.string(), z.string()),
  /** Cluster runs: the nodes' instance type (node.kubernetes.io/instance-type), when known. */
  machineType: z.string().nullable().optional(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const loadSchema = z.strictObject({
  rps: z.number().positive(),
  connections: z.number().int().positive(),
  durationSeconds: z.number().positive(),
  warmupSeconds: nonNegative,
  repetitions: z.number().int().positive(),
  serverDelayMs: nonNegative,
  payloadBytes: count,
  protocol: z.string(),
  placement: z.enum(PLACEMENTS),
  /**
   * Calibration delay the server added on top of serverDelayMs (`inject-delay`); absent means 0.
   * Not part of the comparability key: a run with it is compared with one without.
   */
  injectedDelayMs: nonNegative.optional(),
  /** The program that answered: our echo server or `fortio server`; absent in older documents. */
  server: z.enum(SERVERS).optional(),
});
export type LoadProfile = z.infer<typeof loadSchema>;

export const runSchema = z.strictObject({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  commit: z.string().nullable(),
  ref: z.string().nullable(),
  provider: z.enum(PROVIDERS),
  engine: z.enum(ENGINES),
  /** The engine's version: fortio's `fortio version` ("1.68.2"), or mesh-perf's for builtin. */
  engineVersion: z.string().optional(),
  /** sha256 of what makes two runs comparable (provider, load profile, scenarios). */
  configHash: z.string(),
  /** Infrastructure faults met during the run; a run with any is never a pass. */
  faults: z.array(z.string()),
});
export type RunInfo = z.infer<typeof runSchema>;

export const VERDICTS = ['pass', 'fail', 'inconclusive', 'no-baseline', 'infra-error'] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** What the gate compares, per scenario; cpu and memory are per component. */
export const METRICS = [
  'latency-p50',
  'latency-p99',
  'latency-p999',
  'error-rate',
  'cpu',
  'memory',
] as const;
export type MetricId = (typeof METRICS)[number];

export const COMPARISON_STATUSES = ['pass', 'fail', 'inconclusive'] as const;
export type ComparisonStatus = (typeof COMPARISON_STATUSES)[number];

const sideSchema = z.strictObject({
  /**
   * Geometric mean of the per-trial values of the valid trials (arithmetic mean for error-rate,
   * and where a value of 0 rules out logarithms); null when there were none.
   */
  value: z.number().nullable(),
  /** Valid trials that went into it. */
  trials: count,
});

/** One metric of one scenario (and one component, for cpu and memory), baseline vs current. */
export const comparisonSchema = z.strictObject({
  scenario: z.enum(MESH_IDS),
  metric: z.enum(METRICS),
  /** For cpu and memory; null for latency and error rate. */
  component: z.enum(COMPONENTS).nullable(),
  unit: z.enum(['ms', 'cores', 'MiB', 'fraction']),
  baseline: sideSchema,
  current: sideSchema,
  /**
   * Estimated relative change, current / baseline - 1 (0.12 is +12 %); null when not estimable
   * or when it rose from a baseline of 0 (no ratio exists; the reason gives the amount).
   * For error-rate (unit fraction) this, the interval, threshold and minDetectableChange are
   * absolute differences of the error fraction instead (0.0005 is +0.05 percentage points).
   */
  change: z.number().nullable(),
  /**
   * Bounds of the one-sided t intervals, as changes like `change` (lower: the FAIL test, at the
   * Holm-adjusted level 1 - alpha; upper: the PASS test, at `confidence`); null when not
   * estimable (too few trials).
   */
  interval: z.strictObject({ lower: z.number().nullable(), upper: z.number().nullable() }),
  /** Relative change at or above which a significant increase fails (0.1 is 10 %). */
  threshold: z.number().min(0),
  /** Absolute change, in `unit`, below which this metric never fails. */
  floor: z.number().min(0),
  /**
   * Smallest change these trials could have detected (80 % power, Bonferroni level
   * (1 - confidence) / number of tests); null when not estimable.
   */
  minDetectableChange: z.number().nullable(),
  /** One-sided p-value of "no increase"; null when not estimable. */
  pValue: z.number().min(0).max(1).nullable(),
  /** The significance level this comparison was held to after the Holm correction. */
  alpha: z.number().min(0).max(1).nullable(),
  status: z.enum(COMPARISON_STATUSES),
  /** Why this status, in words for the report. */
  reason: z.string(),
  /**
   * Run-to-run noise added to a comparison across runs (Welch; absent when paired): τ, the
   * standard deviation of a run's mean log value around the code's own, went into the standard
   * error twice (once per run). Source: `history` (estimated from `runs` stored runs under the
   * key), `prior` (the default measured from `runs` runs) or `none` (nothing added: compared on
   * differences, or no history and no default).
   */
  betweenRun: z
    .strictObject({
      source: z.enum(['history', 'prior', 'none']),
      tau: z.number().min(0),
      df: z.number().positive().nullable(),
      runs: count,
    })
    .optional(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** Where the reference came from: a file, a stored run on the data branch, or this run itself. */
export const baselineRefSchema = z.strictObject({
  source: z.enum(['file', 'git-branch', 'same-run']),
  runId: z.string(),
  commit: z.string().nullable(),
  ref: z.string().nullable(),
  startedAt: z.string(),
  configHash: z.string(),
  /** File path, or `branch:path` for the git store. */
  location: z.string().nullable(),
});
export type BaselineRef = z.infer<typeof baselineRefSchema>;

export const verdictSchema = z.strictObject({
  kind: z.enum(VERDICTS),
  /** paired: interleaved trials of one run; welch: against a stored run; null: nothing compared. */
  method: z.enum(['paired', 'welch']).nullable(),
  /** Confidence of each one-sided interval before the Holm correction (0.95). */
  confidence: z.number().gt(0).lt(1),
  baseline: baselineRefSchema.nullable(),
  /** False when nothing was compared: no reference, or its comparability key differs. */
  comparable: z.boolean(),
  /** Why the verdict is what it is, beyond the per-metric rows (no baseline, key differs, ...). */
  reasons: z.array(z.string()),
  comparisons: z.array(comparisonSchema),
  /** Comparisons with status fail. */
  regressions: count,
});
export type Verdict = z.infer<typeof verdictSchema>;

export const resultDocumentSchema = z.strictObject({
  schema: z.literal(RESULT_SCHEMA_ID),
  run: runSchema,
  environment: environmentSchema,
  load: loadSchema,
  scenarios: z.array(scenarioSchema),
  verdict: verdictSchema.optional(),
});
export type ResultDocument = z.infer<typeof resultDocumentSchema>;
