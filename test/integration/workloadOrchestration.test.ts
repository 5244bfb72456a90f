// The cluster orchestration end to end against the fake API server: the workload deploys and its
// server becomes ready, generator pods are placed by affinity and run, their results come back from
// pod logs (real loadgen output), the kubelets of the nodes involved are sampled while CPU rises,
// and every component's CPU and memory is attributed by the mesh's rules. Failures become faults.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../src/cluster/steps.js';
import type { Placement } from '../../src/config/types.js';
import { createClientNodeKubeApi } from '../../src/kube/clientNodeKubeApi.js';
import { runClusterTrial, type ClusterTrialOutcome } from '../../src/workload/clusterTrial.js';
import { deployWorkload } from '../../src/workload/deployWorkload.js';
import { generatorPods, trialSelector } from '../../src/workload/generatorManifests.js';
import { parseLoadgenLog } from '../../src/workload/generatorResults.js';
import { splitLoad } from '../../src/workload/splitLoad.js';
import {
  GENERATOR_CONTAINER,
  LABELS,
  roleSelector,
  selectorString,
} from '../../src/workload/workloadNames.js';
import type { WorkloadPlan } from '../../src/workload/workloadPlan.js';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeScript } from '../support/fakeKubeApi.js';
import {
  kubelet,
  logs,
  meshPods,
  seedIstio,
  WINDOW,
  WINDOW_S,
  type IstioMesh,
} from '../support/fakeIstioCluster.js';

interface Scenario {
  mesh: IstioMesh;
  placement: Placement;
  /** The injector adds istio-proxy as a native sidecar instead of a plain container. */
  nativeSidecar?: boolean;
  script?: FakeKubeScript;
  /** Changes the generator pods before they are created. */
  editPods?: (pods: KubeObject[]) => void;
}

let fake: FakeKubeApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function runScenario(
  scenario: Scenario,
): Promise<{ outcome: ClusterTrialOutcome; fake: FakeKubeApi }> {
  const started = await startFakeKubeApi({
    podReadyAfterReads: 2,
    podCompleteAfterReads: 3,
    // Istio's injector, as the namespace label asks for it.
    admitPod: (pod, namespace) => {
      if (namespace?.metadata.labels?.['istio-injection'] !== 'enabled') return;
      const spec = pod.spec as { containers: object[]; initContainers?: object[] };
      const proxy = { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.26.0' };
      if (scenario.nativeSidecar) spec.initContainers = [{ ...proxy, restartPolicy: 'Always' }];
      else spec.containers.push(proxy);
    },
    // A classic sidecar outlives the generator, so the pod stays Running.
    podExit: () =>
      scenario.nativeSidecar || scenario.mesh === 'istio-ambient'
        ? {}
        : { stillRunning: ['istio-proxy'] },
    podLogs: (pod) => logs[Number(pod.metadata.labels?.[LABELS.generator] ?? -1)] ?? '',
    statsSummary: (node, call) => kubelet(() => started, node, call),
    ...scenario.script,
  });
  fake = started;
  seedIstio(started, scenario.mesh);
  const kube = createClientNodeKubeApi({
    kubeconfigPath: started.kubeconfigPath,
    pollIntervalMs: 20,
  });
  const plan: WorkloadPlan = {
    runId: 'run-7',
    namespace: `mesh-perf-run-7-${scenario.mesh}`,
    mesh: scenario.mesh,
    namespaceLabels:
      scenario.mesh === 'istio'
        ? { 'istio-injection': 'enabled' }
        : { 'istio.io/dataplane-mode': 'ambient' },
    namespaceAnnotations: {},
    enforce: [
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: `mesh-perf-run-7-${scenario.mesh}` },
        spec: { mtls: { mode: 'STRICT' } },
      },
    ],
    engine: 'builtin',
    placement: scenario.placement,
    serverDelayMs: 10,
    payloadBytes: 0,
    tls: null,
    scripts: { server: '// server.mjs', loadgen: '// loadgen.mjs' },
  };
  const deployed = await deployWorkload(kube, plan, 5_000);
  expect(deployed.server.ready).toBe(true);
  // The verification probe sits where the generators will: with the server, or away from it.
  expect(deployed.client.nodeName === deployed.server.nodeName).toBe(
    scenario.placement === 'same-node',
  );
  const pods = generatorPods(plan, {
    trialIndex: 0,
    shares: splitLoad(300, 20, 150),
    durationMs: 3000,
    warmupMs: 1000,
    requestTimeoutMs: 2000,
    startAtMs: Date.now() + 100,
    lingerMs: 20_000,
  });
  scenario.editPods?.(pods);
  const outcome = await runClusterTrial(kube, {
    generators: {
      namespace: plan.namespace,
      pods,
      selector: selectorString(trialSelector(plan.runId, 0)),
      container: GENERATOR_CONTAINER,
      parseResult: parseLoadgenLog,
      expectedEndMs: Date.now(),
      graceMs: 3_000,
      pollIntervalMs: 20,
    },
    serverSelector: selectorString(roleSelector(plan.runId, 'server')),
    meshPods: meshPods(scenario.mesh),
    proxyContainers: ['istio-proxy'],
    samplerIntervalMs: 20,
    settleTimeoutMs: 2_000,
  });
  return { outcome, fake: started };
}

const summaryNodes = (api: FakeKubeApi): string[] =>
  [
    ...new Set(
      api.requests
        .filter((r) => r.path.endsWith('/proxy/stats/summary'))
        .map((r) => r.path.split('/')[4] ?? ''),
    ),
  ].sort();

describe('a trial in a cluster, against the fake API server', () => {
  it('istio sidecars, same node: every component measured, generators merged, pods removed', async () => {
    const { outcome, fake: api } = await runScenario({ mesh: 'istio', placement: 'same-node' });
    expect(outcome.faults).toEqual([]);
    expect(outcome.engine).toMatchObject({ requestedRps: 300, achievedRps: 300, requests: 900 });
    expect(outcome.engine?.measureStartMs).toBe(WINDOW.startMs);
    const cores = Object.fromEntries(
      Object.entries(outcome.resources).map(([c, r]) => [c, r.cpuCores]),
    );
    expect(cores).toEqual({
      client: 0.2,
      'client-proxy': 0.6,
      server: 0.25,
      'server-proxy': 0.35,
      'control-plane': 0.02,
    });
    expect(outcome.resources.client?.cpuSeconds).toBeCloseTo(0.2 * WINDOW_S, 3);
    expect(outcome.resources.client?.memoryMiBPeak).toBe(160);
    expect(outcome.resources['server-proxy']?.memoryMiBPeak).toBe(60);
    // Both generators landed with the server; the control plane's node was sampled for istiod.
    expect(summaryNodes(api)).toEqual(['mesh-perf-control-plane', 'mesh-perf-worker']);
    expect(
      api.store.objectsOf('Pod').filter((p) => p.metadata.labels?.[LABELS.trial] !== undefined),
    ).toEqual([]);
  });

  it('istio native sidecars: the proxy in initContainers is still the proxy', async () => {
    const { outcome } = await runScenario({
      mesh: 'istio',
      placement: 'same-node',
      nativeSidecar: true,
    });
    expect(outcome.faults).toEqual([]);
    expect(outcome.resources['client-proxy']?.cpuCores).toBe(0.6);
    expect(outcome.resources['server-proxy']?.cpuCores).toBe(0.35);
  });

  it('istio ambient, cross node: the ztunnels of the two workload nodes are the node agent', async () => {
    const { outcome, fake: api } = await runScenario({
      mesh: 'istio-ambient',
      placement: 'cross-node',
    });
    expect(outcome.faults).toEqual([]);
    expect(outcome.resources['node-agent']).toEqual({
      cpuCores: 0.1,
      cpuSeconds: expect.closeTo(0.1 * WINDOW_S, 3),
      memoryMiBPeak: 80,
    });
    expect(outcome.resources['client-proxy']).toBeUndefined();
    expect(summaryNodes(api)).toEqual([
      'mesh-perf-control-plane',
      'mesh-perf-worker',
      'mesh-perf-worker2',
    ]);
  });

  it('a generator that restarted makes the trial invalid', async () => {
    const { outcome } = await runScenario({
      mesh: 'istio',
      placement: 'same-node',
      script: {
        podExit: (pod) => (pod.metadata.labels?.[LABELS.generator] === '1' ? { restarts: 1 } : {}),
      },
    });
    expect(outcome.faults).toEqual([
      'load generator mesh-perf-gen-t0-1 restarted during the trial',
    ]);
    expect(outcome.engine?.requests).toBe(900);
  });

  it('a generator that printed no result makes the trial invalid, and the other one still counts', async () => {
    const { outcome } = await runScenario({
      mesh: 'istio',
      placement: 'same-node',
      script: {
        podLogs: (pod) =>
          pod.metadata.labels?.[LABELS.generator] === '0'
            ? (logs[0] ?? '')
            : 'loadgen: ECONNREFUSED\n',
        podExit: (pod) => (pod.metadata.labels?.[LABELS.generator] === '1' ? { exitCode: 3 } : {}),
      },
    });
    expect(outcome.faults).toEqual([
      'load generator mesh-perf-gen-t0-1 exited with code 3 (Error)',
      'load generator mesh-perf-gen-t0-1 printed no result',
    ]);
    expect(outcome.engine?.requests).toBe(450);
  });

  it('a generator that cannot be placed never runs: a fault per generator, no result', async () => {
    const { outcome } = await runScenario({
      mesh: 'istio',
      placement: 'same-node',
      editPods: (pods) => {
        for (const pod of pods) {
          const spec = pod.spec as { affinity: Record<string, unknown> };
          const term = {
            labelSelector: { matchLabels: { app: 'nowhere' } },
            topologyKey: 'kubernetes.io/hostname',
          };
          spec.affinity = {
            podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
          };
        }
      },
    });
    expect(outcome.engine).toBeUndefined();
    expect(outcome.faults).toEqual([
      'load generator mesh-perf-gen-t0-0 did not finish in time: it was never scheduled (is the placement possible?)',
      'load generator mesh-perf-gen-t0-1 did not finish in time: it was never scheduled (is the placement possible?)',
    ]);
  });

  it('an impossible placement stops the scenario before any trial, at the probe', async () => {
    await expect(
      runScenario({
        mesh: 'istio',
        placement: 'cross-node',
        script: {
          nodes: [
            { name: 'mesh-perf-control-plane', controlPlane: true },
            { name: 'mesh-perf-worker' },
          ],
        },
      }),
    ).rejects.toThrow(
      /^timed out after 5 s waiting until deployment mesh-perf-run-7-istio\/mesh-perf-client-probe is Available/,
    );
  });
});
