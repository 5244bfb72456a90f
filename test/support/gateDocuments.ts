// Result documents with exact per-trial values, for the gate's hand-calculated tests: each trial's
// latency percentiles, errors and resources are given, not derived from a histogram.
import { fileReference, type Reference } from '../../src/compare/gate.js';
import type { GateOptions } from '../../src/compare/gateOptions.js';
import type { MeshId } from '../../src/config/types.js';
import { buildDocument } from '../../src/results/buildDocument.js';
import type {
  Comparison,
  Resources,
  ResultDocument,
  Trial,
  Verdict,
} from '../../src/results/schema.js';
import { testConfig, testEnvironment, verifiedMtls } from './documents.js';
import { trialFrom } from './trials.js';

export interface TrialSpec {
  p50?: number;
  p99: number;
  p999?: number;
  errors?: number;
  requests?: number;
  /** cpu cores and peak MiB per component. */
  resources?: Resources;
  valid?: boolean;
  repetition?: number;
}

export function specTrial(spec: TrialSpec, position: number): Trial {
  const p50 = spec.p50 ?? spec.p99 / 2;
  const p999 = spec.p999 ?? spec.p99 * 1.5;
  const valid = spec.valid ?? true;
  return trialFrom([p50], {
    index: position,
    repetition: spec.repetition ?? position + 1,
    requests: spec.requests ?? 1000,
    errors: { total: spec.errors ?? 0, byCode: spec.errors ? { '503': spec.errors } : {} },
    latencyMs: {
      min: p50 / 2,
      mean: p50,
      p50,
      p90: spec.p99 * 0.9,
      p99: spec.p99,
      p999,
      max: p999,
    },
    resources: spec.resources ?? {},
    valid,
    invalidReasons: valid ? [] : ['achieved rate 150.0/s is under 99% of the requested 200/s'],
  });
}

export function resources(client: [number, number], server?: [number, number]): Resources {
  const one = ([cpuCores, memoryMiBPeak]: [number, number]) => ({
    cpuCores,
    cpuSeconds: cpuCores * 5,
    memoryMiBPeak,
  });
  return server ? { client: one(client), server: one(server) } : { client: one(client) };
}

export function gateDocument(
  runId: string,
  scenarios: Partial<Record<MeshId, TrialSpec[]>>,
  faults: string[] = [],
): ResultDocument {
  const meshes = Object.keys(scenarios) as MeshId[];
  const document = buildDocument({
    config: { ...testConfig, meshes },
    identity: { id: runId, commit: `commit-${runId}`, ref: 'refs/heads/main' },
    startedAt: new Date('2026-11-22T10:00:00Z'),
    finishedAt: new Date('2026-11-22T10:01:00Z'),
    environment: testEnvironment,
    scenarios: meshes.map((mesh) => ({
      mesh,
      mtls:
        mesh === 'none' ? { verified: false, method: 'not-applicable', details: [] } : verifiedMtls,
      trials: (scenarios[mesh] ?? []).map(specTrial),
    })),
    faults,
  });
  return document;
}

/** The defaults of src/config/fields.ts (test/unit/gateConfig.test.ts checks that they agree). */
export const GATE_OPTIONS: GateOptions = {
  thresholds: {
    'latency-p50': 0.1,
    'latency-p99': 0.1,
    'latency-p999': 0.2,
    'error-rate': 0.0005,
    cpu: 0.2,
    memory: 0.2,
  },
  floors: { latencyMs: 1, cpuCores: 0.005, memoryMiB: 2 },
  confidence: 0.95,
};

/** The one comparison of a metric (and component); throws when there is none. */
export function row(
  verdict: Verdict,
  metric: Comparison['metric'],
  component: Comparison['component'] = null,
  scenario: MeshId = 'none',
): Comparison {
  const found = verdict.comparisons.find(
    (c) => c.metric === metric && c.component === component && c.scenario === scenario,
  );
  if (!found) throw new Error(`no ${scenario} ${metric} ${component ?? ''} comparison`);
  return found;
}

/** A reference that is this run itself (interleaved A/B trials). */
export const sameRun = (document: ResultDocument): Reference => ({
  document,
  ref: { ...fileReference(document, 'same.json').ref, source: 'same-run', location: null },
});
