// `--format smp`: a real result document in the Service Mesh Performance spec's shapes (v0.6.1
// protos, proto3 JSON), checked against a strict schema of those messages and field by field.
import { describe, expect, it } from '@jest/globals';
import { smpExportSchema } from '../../src/report/smp/smpSchema.js';
import { smpMeshType, toSmp } from '../../src/report/smp/smpExport.js';
import { MESH_IDS } from '../../src/config/types.js';
import { documentWith, reportFixture } from '../support/verdicts.js';

describe('SMP export', () => {
  const document = reportFixture('current');
  const smp = toSmp(document);

  it('has only fields the spec defines, in their proto3 JSON types', () => {
    expect(() => smpExportSchema.parse(smp)).not.toThrow();
    // A field the spec does not have fails the strict schema: the check can fail.
    expect(smpExportSchema.safeParse({ ...smp, verdict: 'pass' }).success).toBe(false);
  });

  it('maps the load profile onto PerformanceTestConfig', () => {
    expect(smp.performanceTestConfig).toMatchObject({
      smpVersion: 'v0.6.1',
      id: document.run.id,
      name: 'mesh-perf none, app-mtls',
      duration: '2s',
      clients: [
        {
          internal: false,
          loadGenerator: 'builtin',
          protocol: 'PROTOCOL_HTTP',
          connections: 20,
          rps: '200',
          additionalOptions:
            'warmup=1s repetitions=2 server-delay=10ms payload-bytes=0 placement=same-node protocol=http/1.1',
        },
      ],
    });
  });

  it('maps each scenario onto a mesh config, an environment and a result', () => {
    const [none, app] = smp.scenarios;
    const summary = document.scenarios[1]?.summary;
    expect(app?.performanceTestResult).toEqual({
      smpVersion: 'v0.6.1',
      id: `${document.run.id}/result/app-mtls`,
      labels: {
        'mesh-perf/mesh': 'app-mtls',
        'mesh-perf/p999-ms': String(summary?.latencyMs.p999),
        'mesh-perf/requests': String(summary?.requests),
        'mesh-perf/errors': '0',
        'mesh-perf/valid-trials': '2/2',
      },
      startTime: document.run.startedAt,
      endTime: document.run.finishedAt,
      latenciesMs: {
        min: summary?.latencyMs.min,
        average: summary?.latencyMs.mean,
        p50: summary?.latencyMs.p50,
        p90: summary?.latencyMs.p90,
        p99: summary?.latencyMs.p99,
        max: summary?.latencyMs.max,
      },
      actualQps: summary?.achievedRps,
      testId: document.run.id,
      meshConfigId: `${document.run.id}/mesh/app-mtls`,
      envId: `${document.run.id}/env/app-mtls`,
    });
    expect(app?.serviceMeshConfig.mtlsEnabled).toBe(true);
    expect(none?.serviceMeshConfig.mtlsEnabled).toBe(false);
    // The baselines are no mesh: no meshType, no sidecar.
    expect(app?.serviceMeshConfig.meshType).toBeUndefined();
    expect(app?.serviceMeshConfig.sidecar).toBeUndefined();
    const client = document.scenarios[1]?.summary.resources.client;
    expect(app?.environmentConfig.individualWorkloads[0]).toEqual({
      name: 'client',
      count: 1,
      cpuMcores: Math.round((client?.cpuCores ?? 0) * 1000),
      memMb: Math.round((client?.memoryMiBPeak ?? 0) * 1.048576),
    });
    expect(app?.environmentConfig.nodes).toEqual([
      { type: 'AMD EPYC', cores: 2, memMb: String(Math.round(23.5 * 1024 * 1.048576)) },
    ]);
  });

  it('maps proxies onto the sidecar and names mesh types the spec knows', () => {
    const base = documentWith('pass');
    const [, app] = base.scenarios;
    if (!app) throw new Error('fixture has two scenarios');
    const resources = {
      ...app.summary.resources,
      'client-proxy': { cpuCores: 0.25, cpuSeconds: 0.5, memoryMiBPeak: 40 },
      'server-proxy': { cpuCores: 0.2, cpuSeconds: 0.4, memoryMiBPeak: 42 },
      'control-plane': { cpuCores: 0.01, cpuSeconds: 0.02, memoryMiBPeak: 90 },
    };
    const istio = {
      ...base,
      environment: { ...base.environment, meshVersions: { istio: '1.28.0' } },
      scenarios: [{ ...app, mesh: 'istio' as const, summary: { ...app.summary, resources } }],
    };
    const [scenario] = toSmp(istio).scenarios;
    expect(scenario?.serviceMeshConfig).toMatchObject({
      sidecar: { count: 2, cpuMcores: 450, memMb: 86 },
      meshControlPlane: { count: 1, cpuMcores: 10, memMb: 94 },
      meshBuild: '1.28.0',
      meshType: { type: 'ISTIO', version: '1.28.0' },
    });
    expect(scenario?.performanceTestResult.labels['mesh-perf/verdict']).toBe('pass');
    expect(MESH_IDS.map(smpMeshType)).toEqual([
      null,
      null,
      'ISTIO',
      'ISTIO',
      'LINKERD',
      'CILIUM_SERVICE_MESH',
    ]);
  });
});
