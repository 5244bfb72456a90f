// `mesh-perf report --format smp`: the result document rendered in the Service Mesh Performance
// spec's shapes (see smpSchema.ts), a rendering of the one model and not a second one. What the
// spec has no field for travels in its `labels` maps (p99.9, errors, valid trials, the verdict);
// histograms, per-trial data and the comparisons have no place in it and stay in our document.
import { formatDuration } from '../../config/duration.js';
import type { MeshId } from '../../config/types.js';
import type { Component, ResultDocument, Scenario } from '../../results/schema.js';
import { injectedDelayMs } from '../headline.js';
import {
  SMP_VERSION,
  type SmpEnvironmentConfig,
  type SmpExport,
  type SmpPerformanceTestResult,
  type SmpServiceMeshConfig,
} from './smpSchema.js';

const LABEL = 'mesh-perf/';
const MB_PER_MIB = 1.048576;

const mcores = (cores: number): number => Math.round(cores * 1000);
/** The spec counts memory in MB; ours is MiB. */
const megabytes = (mib: number): number => Math.round(mib * MB_PER_MIB);

type SmpMeshType = NonNullable<SmpServiceMeshConfig['meshType']>['type'];

/** The spec's ServiceMesh.Type; the two baselines are no mesh, so they have none. */
export function smpMeshType(mesh: MeshId): SmpMeshType | null {
  switch (mesh) {
    case 'none':
    case 'app-mtls':
      return null;
    case 'istio':
    case 'istio-ambient':
      return 'ISTIO';
    case 'linkerd':
      return 'LINKERD';
    case 'cilium':
      return 'CILIUM_SERVICE_MESH';
  }
}

function sumOf(scenario: Scenario, components: readonly Component[]) {
  const present = components
    .map((c) => scenario.summary.resources[c])
    .filter((r) => r !== undefined);
  if (present.length === 0) return undefined;
  return {
    count: present.length,
    cpuMcores: mcores(present.reduce((s, r) => s + r.cpuCores, 0)),
    memMb: megabytes(present.reduce((s, r) => s + r.memoryMiBPeak, 0)),
  };
}

function meshConfig(document: ResultDocument, scenario: Scenario): SmpServiceMeshConfig {
  const runId = document.run.id;
  const type = smpMeshType(scenario.mesh);
  const version = document.environment.meshVersions[scenario.mesh];
  const sidecar = sumOf(scenario, ['client-proxy', 'server-proxy']);
  const controlPlane = sumOf(scenario, ['control-plane']);
  return {
    smpVersion: SMP_VERSION,
    id: `${runId}/mesh/${scenario.mesh}`,
    labels: {
      [`${LABEL}mesh`]: scenario.mesh,
      [`${LABEL}mtls-method`]: scenario.mtls.method,
    },
    ...(sidecar ? { sidecar } : {}),
    ...(controlPlane ? { meshControlPlane: controlPlane } : {}),
    // Only mTLS that was verified on the measured path counts as enabled.
    mtlsEnabled: scenario.mtls.verified,
    ...(version === undefined ? {} : { meshBuild: version }),
    ...(scenario.mesh === 'istio-ambient' ? { profile: 'ambient' } : {}),
    ...(type === null
      ? {}
      : {
          meshType: { type, version: version ?? '', labels: { [`${LABEL}mesh`]: scenario.mesh } },
        }),
  };
}

function environmentConfig(document: ResultDocument, scenario: Scenario): SmpEnvironmentConfig {
  const env = document.environment;
  return {
    smpVersion: SMP_VERSION,
    id: `${document.run.id}/env/${scenario.mesh}`,
    labels: {
      [`${LABEL}os`]: env.os,
      [`${LABEL}kernel`]: env.kernel,
      [`${LABEL}node`]: env.nodeVersion,
    },
    ...(env.kubernetesVersion === null ? {} : { kubernetesVersion: env.kubernetesVersion }),
    nodes: [
      {
        type: env.cpuModel,
        cores: env.cpus,
        memMb: String(Math.round(env.memoryGiB * 1024 * MB_PER_MIB)),
      },
    ],
    // Each measured component (client, server, proxies, node agent, control plane) as a workload.
    individualWorkloads: Object.entries(scenario.summary.resources).map(([name, r]) => ({
      name,
      count: 1,
      cpuMcores: mcores(r.cpuCores),
      memMb: megabytes(r.memoryMiBPeak),
    })),
  };
}

function testResult(document: ResultDocument, scenario: Scenario): SmpPerformanceTestResult {
  const { summary } = scenario;
  const runId = document.run.id;
  const latency = summary.latencyMs;
  return {
    smpVersion: SMP_VERSION,
    id: `${runId}/result/${scenario.mesh}`,
    labels: {
      [`${LABEL}mesh`]: scenario.mesh,
      [`${LABEL}p999-ms`]: String(latency.p999),
      [`${LABEL}requests`]: String(summary.requests),
      [`${LABEL}errors`]: String(summary.errors.total),
      [`${LABEL}valid-trials`]: `${summary.validTrials}/${summary.trials}`,
      ...(document.verdict ? { [`${LABEL}verdict`]: document.verdict.kind } : {}),
    },
    // Scenarios are interleaved over the whole run, so each spans the run's start and end.
    startTime: document.run.startedAt,
    endTime: document.run.finishedAt,
    latenciesMs: {
      min: latency.min,
      average: latency.mean,
      p50: latency.p50,
      p90: latency.p90,
      p99: latency.p99,
      max: latency.max,
    },
    actualQps: summary.achievedRps,
    testId: runId,
    meshConfigId: `${runId}/mesh/${scenario.mesh}`,
    envId: `${runId}/env/${scenario.mesh}`,
  };
}

export function toSmp(document: ResultDocument): SmpExport {
  const { run, load } = document;
  const meshes = document.scenarios.map((s) => s.mesh);
  return {
    smpVersion: SMP_VERSION,
    performanceTestConfig: {
      smpVersion: SMP_VERSION,
      id: run.id,
      name: `mesh-perf ${meshes.join(', ')}`,
      labels: {
        [`${LABEL}commit`]: run.commit ?? '',
        [`${LABEL}ref`]: run.ref ?? '',
        [`${LABEL}provider`]: run.provider,
        [`${LABEL}config-hash`]: run.configHash,
      },
      clients: [
        {
          // In-cluster load generators are internal to the cluster; local processes are not.
          internal: run.provider !== 'local',
          loadGenerator: run.engine,
          protocol: 'PROTOCOL_HTTP',
          connections: load.connections,
          rps: String(Math.round(load.rps)),
          additionalOptions: [
            `warmup=${formatDuration(load.warmupSeconds * 1000)}`,
            `repetitions=${load.repetitions}`,
            `server-delay=${formatDuration(load.serverDelayMs)}`,
            ...(injectedDelayMs(document) > 0
              ? [`inject-delay=${formatDuration(injectedDelayMs(document))}`]
              : []),
            `payload-bytes=${load.payloadBytes}`,
            `placement=${load.placement}`,
            `protocol=${load.protocol}`,
          ].join(' '),
        },
      ],
      duration: formatDuration(load.durationSeconds * 1000),
    },
    scenarios: document.scenarios.map((scenario) => ({
      mesh: scenario.mesh,
      serviceMeshConfig: meshConfig(document, scenario),
      environmentConfig: environmentConfig(document, scenario),
      performanceTestResult: testResult(document, scenario),
    })),
  };
}
