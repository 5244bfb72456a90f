// Load-generator pods and the trial plan: one pod per share, the LoadSpec through the start gate,
// placement as required (anti-)affinity, fortio arguments passed through, and when results are due.
import { describe, expect, it } from '@jest/globals';
import type { Placement } from '../../src/config/types.js';
import { parseLoadSpec } from '../../src/load/builtin/loadSpecJson.js';
import { generatorPods, START_GATE_SCRIPT } from '../../src/workload/generatorManifests.js';
import { parseLoadgenLog } from '../../src/workload/generatorResults.js';
import {
  clusterTrialSpec,
  describeClusterTrial,
  type TrialLoad,
} from '../../src/workload/trialPlan.js';
import { plan, podSpec, tls, trial } from '../support/workloadPlans.js';

describe('generatorPods', () => {
  it('one pod per share, each running its LoadSpec through the start gate', () => {
    const pods = generatorPods(plan({ tls }), trial());
    expect(pods.map((p) => p.metadata.name)).toEqual(
      [0, 1, 2, 3].map((i) => `mesh-perf-gen-t3-${i}`),
    );
    const spec = podSpec(pods[1]);
    expect(spec.restartPolicy).toBe('Never');
    const command = spec.containers[0]?.command as string[];
    expect(command.slice(0, 7)).toEqual([
      'node',
      '-e',
      START_GATE_SCRIPT,
      '--',
      '1800000000000',
      '20000',
      '/opt/mesh-perf/loadgen.mjs',
    ]);
    expect(parseLoadSpec(command[7] ?? '')).toEqual({
      url: 'https://mesh-perf-server.mesh-perf-run-42-istio.svc:8080/echo',
      rps: 3200,
      connections: 1600,
      durationMs: 30_000,
      warmupMs: 5_000,
      requestTimeoutMs: 10_000,
      workers: 1,
      tls: {
        caFile: '/etc/mesh-perf/tls/ca.pem',
        certFile: '/etc/mesh-perf/tls/cert.pem',
        keyFile: '/etc/mesh-perf/tls/key.pem',
        serverName: 'mesh-perf-server.mesh-perf-run-42-istio.svc',
      },
    });
    expect(pods[1]?.metadata.labels).toMatchObject({
      'mesh-perf/role': 'client',
      'mesh-perf/trial': '3',
      'mesh-perf/generator': '1',
      'mesh-perf/run-id': 'run-42',
    });
  });

  it.each<[Placement, string]>([
    ['same-node', 'podAffinity'],
    ['cross-node', 'podAntiAffinity'],
  ])('%s placement is a required %s to the server on the same hostname', (placement, rule) => {
    const [pod] = generatorPods(plan({ placement }), trial());
    expect(podSpec(pod).affinity).toEqual({
      [rule]: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: {
              matchLabels: { 'mesh-perf/run-id': 'run-42', 'mesh-perf/role': 'server' },
            },
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    });
  });

  it('passes fortio the arguments the caller built for each share', () => {
    const pods = generatorPods(
      plan({ engine: 'fortio', scripts: null }),
      trial({
        fortioArgs: (share) => ['load', '-qps', String(share.rps), '-c', String(share.connections)],
      }),
    );
    expect(podSpec(pods[0]).containers[0]).toMatchObject({
      image: 'docker.io/fortio/fortio:1.68.2',
      args: ['load', '-qps', '3200', '-c', '1600'],
    });
    expect(() => generatorPods(plan({ engine: 'fortio', scripts: null }), trial())).toThrow(
      'fortio generators need their arguments',
    );
  });

  it('refuses a share the load generator would refuse', () => {
    expect(() => generatorPods(plan(), trial({ durationMs: 0 }))).toThrow(
      /^durationMs: expected a number > 0/,
    );
  });
});

describe('clusterTrialSpec', () => {
  const load: TrialLoad = {
    trialIndex: 5,
    rps: 12800,
    connections: 6400,
    durationMs: 30_000,
    warmupMs: 5_000,
    requestTimeoutMs: 10_000,
  };
  const attribution = {
    proxyContainers: ['istio-proxy'],
    meshPods: [
      {
        namespace: 'istio-system',
        labelSelector: 'app=istiod',
        component: 'control-plane' as const,
      },
    ],
  };

  it('starts every generator together a little ahead and knows when their results are due', () => {
    const spec = clusterTrialSpec(plan(), load, attribution, 1_000_000);
    expect(spec.generators.pods).toHaveLength(4);
    expect(spec.generators.selector).toBe(
      'mesh-perf/run-id=run-42,mesh-perf/role=client,mesh-perf/trial=5',
    );
    expect(spec.generators.parseResult).toBe(parseLoadgenLog);
    // Start 15 s ahead, then warm-up, window and drain.
    expect(spec.generators.expectedEndMs).toBe(1_000_000 + 15_000 + 5_000 + 30_000 + 10_000);
    expect(spec.serverSelector).toBe('mesh-perf/run-id=run-42,mesh-perf/role=server');
    expect(spec.meshPods).toBe(attribution.meshPods);
    const command = podSpec(spec.generators.pods[0]).containers[0]?.command as string[];
    expect(command[4]).toBe(String(1_000_000 + 15_000));
  });

  it('needs the fortio parser for fortio generators, and describes the pods for the dry run', () => {
    const fortio = plan({ engine: 'fortio', scripts: null });
    expect(() =>
      clusterTrialSpec(fortio, { ...load, fortioArgs: () => ['load'] }, attribution),
    ).toThrow('fortio generators need the parser of their output');
    const step = describeClusterTrial(plan(), load, 0);
    expect(step.kind === 'apply' && step.objects.length).toBe(4);
    expect(step.title).toMatch(/^trial 5: 4 load generator pod\(s\)/);
  });
});
