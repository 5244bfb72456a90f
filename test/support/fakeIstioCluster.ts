// A small Istio cluster for the fake API server: recorded load-generator logs, kubelets that report
// steady CPU per container around those logs' measured window, and istiod / ztunnel pods.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MeshPodSelector } from '../../src/mesh/meshPlan.js';
import { parseLoadgenLog } from '../../src/workload/generatorResults.js';
import { LABELS } from '../../src/workload/workloadNames.js';
import type { FakeKubeApi } from './fakeKubeApi.js';
import type { FakeObject } from './fakeKubeSimulation.js';
import { summaryAt, type FakePodLoad } from './kubeletFixtures.js';
import { fixturesDir } from './paths.js';

export type IstioMesh = 'istio' | 'istio-ambient';

export const logs = [0, 1].map((i) =>
  readFileSync(path.join(fixturesDir, 'loadgen', `generator-${i}.jsonl`), 'utf8'),
);
const results = logs.map((l) => parseLoadgenLog(l));
// The window both recorded generators measured: where resources are attributed.
export const WINDOW = {
  startMs: Math.max(...results.map((r) => r?.measureStartMs ?? 0)),
  endMs: Math.min(...results.map((r) => r?.measureEndMs ?? 0)),
};
export const WINDOW_S = (WINDOW.endMs - WINDOW.startMs) / 1000;

/** Steady use per container, by what the container is (cores, MiB of working set). */
const LOAD: Record<string, [number, number]> = {
  'client/loadgen': [0.1, 80],
  'client/istio-proxy': [0.3, 60],
  'server/server': [0.25, 120],
  'server/istio-proxy': [0.35, 60],
  'ztunnel/istio-proxy': [0.05, 40],
  'istiod/discovery': [0.02, 90],
};

function kindOf(pod: FakeObject): string {
  return pod.metadata.labels?.[LABELS.role] ?? pod.metadata.labels?.app ?? 'other';
}

/** What each node's kubelet reports: before the window, inside it, then after it. */
export function kubelet(fake: () => FakeKubeApi, node: string, call: number): unknown {
  const atMs =
    call === 0 ? WINDOW.startMs - 4000 : call === 1 ? WINDOW.startMs + 1000 : WINDOW.endMs + 2000;
  const pods: FakePodLoad[] = fake()
    .store.objectsOf('Pod')
    .filter((p) => (p.spec as { nodeName?: string }).nodeName === node)
    .map((p) => {
      const spec = p.spec as {
        containers: { name: string }[];
        initContainers?: { name: string }[];
      };
      const names = [...spec.containers, ...(spec.initContainers ?? [])].map((c) => c.name);
      const containers: FakePodLoad['containers'] = {};
      for (const name of names) {
        const [cores, mib] = LOAD[`${kindOf(p)}/${name}`] ?? [0.001, 1];
        containers[name] = { cores, workingSetBytes: mib * 1024 * 1024 };
      }
      const startedAtMs = kindOf(p) === 'client' ? WINDOW.startMs - 3000 : WINDOW.startMs - 600_000;
      return {
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name,
        startedAtMs,
        containers,
      };
    });
  return summaryAt(node, pods, atMs);
}

export const ISTIO_SYSTEM = 'istio-system';
export const meshPods = (mesh: IstioMesh): MeshPodSelector[] => [
  { namespace: ISTIO_SYSTEM, labelSelector: 'app=istiod', component: 'control-plane' },
  ...(mesh === 'istio-ambient'
    ? [{ namespace: ISTIO_SYSTEM, labelSelector: 'app=ztunnel', component: 'node-agent' } as const]
    : []),
];

export function seedIstio(api: FakeKubeApi, mesh: IstioMesh): void {
  const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
  api.store.seed({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'peerauthentications.security.istio.io' },
    spec: {
      group: 'security.istio.io',
      scope: 'Namespaced',
      names: { kind: 'PeerAuthentication', plural: 'peerauthentications' },
      versions: [{ name: 'v1' }],
    },
    status: { conditions: [{ type: 'Established', status: 'True' }] },
  });
  api.store.seed({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ISTIO_SYSTEM },
    status: { phase: 'Active' },
  });
  api.store.seed({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'istiod-5d8f7c9b4-x2x7q',
      namespace: ISTIO_SYSTEM,
      labels: { app: 'istiod' },
    },
    spec: {
      nodeName: 'mesh-perf-control-plane',
      containers: [{ name: 'discovery', image: 'pilot' }],
    },
    status: running,
  });
  if (mesh !== 'istio-ambient') return;
  for (const node of ['mesh-perf-control-plane', 'mesh-perf-worker', 'mesh-perf-worker2']) {
    api.store.seed({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `ztunnel-${node}`, namespace: ISTIO_SYSTEM, labels: { app: 'ztunnel' } },
      spec: { nodeName: node, containers: [{ name: 'istio-proxy', image: 'ztunnel' }] },
      status: running,
    });
  }
}
