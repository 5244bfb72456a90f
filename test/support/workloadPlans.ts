// Workload plans and trials for the manifest tests: an Istio scenario with a PeerAuthentication,
// app-mtls key material, and a 12800 RPS trial split into four generators.
import type { KubeObject } from '../../src/cluster/steps.js';
import type { GeneratorTrial } from '../../src/workload/generatorManifests.js';
import { splitLoad } from '../../src/workload/splitLoad.js';
import type { WorkloadPlan } from '../../src/workload/workloadPlan.js';

export const KEY =
  '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';

export const plan = (overrides: Partial<WorkloadPlan> = {}): WorkloadPlan => ({
  runId: 'run-42',
  namespace: 'mesh-perf-run-42-istio',
  mesh: 'istio',
  namespaceLabels: { 'istio-injection': 'enabled' },
  namespaceAnnotations: {},
  enforce: [
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'mesh-perf-run-42-istio' },
      spec: { mtls: { mode: 'STRICT' } },
    },
  ],
  engine: 'builtin',
  placement: 'same-node',
  serverDelayMs: 200,
  payloadBytes: 0,
  tls: null,
  scripts: { server: '// server bundle\n', loadgen: '// loadgen bundle\n'.repeat(100) },
  ...overrides,
});

export const tls = {
  caPem: 'CA PEM',
  serverCertPem: 'SERVER CERT',
  serverKeyPem: KEY,
  clientCertPem: 'CLIENT CERT',
  clientKeyPem: KEY,
};

export const trial = (overrides: Partial<GeneratorTrial> = {}): GeneratorTrial => ({
  trialIndex: 3,
  shares: splitLoad(12800, 6400),
  durationMs: 30_000,
  warmupMs: 5_000,
  requestTimeoutMs: 10_000,
  startAtMs: 1_800_000_000_000,
  lingerMs: 20_000,
  ...overrides,
});

export const byKind = (objects: KubeObject[], kind: string): KubeObject[] =>
  objects.filter((o) => o.kind === kind);
export type PodSpec = {
  containers: Record<string, unknown>[];
  affinity: unknown;
  restartPolicy?: string;
};
export const podSpec = (pod: KubeObject | undefined): PodSpec => (pod?.spec ?? {}) as PodSpec;
export const deploymentPod = (objects: KubeObject[], index = 0): PodSpec =>
  (byKind(objects, 'Deployment')[index]?.spec as { template: { spec: PodSpec } }).template.spec;
