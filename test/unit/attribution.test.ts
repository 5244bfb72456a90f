// Attribution on saved real kubelet Summaries: which pods count as what (the mesh's rules), and CPU
// from cumulative counters interpolated at the window's edges, memory as the peak working set.
import { describe, expect, it } from '@jest/globals';
import type { PodInfo } from '../../src/kube/kubeApi.js';
import { attributionTargets, nodesToSample } from '../../src/metrics/attribution.js';
import { parseKubeletSummary } from '../../src/metrics/kubeletSummary.js';
import { resourcesInWindow, type SummarySample } from '../../src/metrics/summaryWindow.js';
import { advanceSummary, kubeletFixture } from '../support/kubeletFixtures.js';

const NODE = 'pool-k1f1it7zb-ekz6u';

function pod(
  namespace: string,
  name: string,
  nodeName: string | null,
  containers: string[],
  sidecars: string[] = [],
): PodInfo {
  const container = (n: string) => ({ name: n, image: 'x', ready: true, restarts: 0 });
  return {
    namespace,
    name,
    nodeName,
    phase: 'Running',
    ready: true,
    labels: {},
    annotations: {},
    serviceAccount: null,
    containers: containers.map(container),
    initContainers: sidecars.map((n) => ({ ...container(n), sidecar: true })),
  };
}

// Roles given to real pods of the DigitalOcean node: the mechanics do not care what they run.
const client = pod('default', 'appsignal-kubernetes-0-2-0-d94f47b8d-8z2g5', NODE, [
  'appsignal-kubernetes',
]);
const server = pod('kube-system', 'hubble-ui-79957d9f7b-sh75m', NODE, ['backend', 'frontend']);
const agent = pod('kube-system', 'cilium-z2c2n', NODE, ['cilium-agent']);
const agentElsewhere = pod('kube-system', 'cilium-far', 'another-node', ['cilium-agent']);
const dns = [
  pod('kube-system', 'coredns-c5c6457c-57lf8', NODE, ['coredns']),
  pod('kube-system', 'coredns-c5c6457c-tnxjn', NODE, ['coredns']),
];

const targets = attributionTargets({
  client: [client],
  server: [server],
  meshPods: [
    {
      selector: {
        namespace: 'kube-system',
        labelSelector: 'k8s-app=cilium',
        component: 'node-agent',
      },
      pods: [agent, agentElsewhere],
    },
    {
      selector: {
        namespace: 'kube-system',
        labelSelector: 'k8s-app=kube-dns',
        component: 'control-plane',
      },
      pods: dns,
    },
  ],
  proxyContainers: ['frontend'],
});

/** Four samples 10 s apart: the verbatim Summary, then the README's rule applied 10, 20, 30 s on. */
function samples(): SummarySample[] {
  const base = kubeletFixture('digitalocean-cilium-2025.json');
  return [0, 10, 20, 30].map((seconds) => ({
    node: NODE,
    receivedAtMs: Date.parse('2025-02-03T13:53:30Z') + seconds * 1000,
    summary: parseKubeletSummary(advanceSummary(base, seconds)),
  }));
}

/** What the kubelet itself reported as the container's rate, for an independent expectation. */
function reportedCores(podName: string, container: string): number {
  const raw = kubeletFixture('digitalocean-cilium-2025.json') as {
    pods: {
      podRef: { name: string };
      containers: { name: string; cpu: { usageNanoCores: number } }[];
    }[];
  };
  const found = raw.pods
    .find((p) => p.podRef.name === podName)
    ?.containers.find((c) => c.name === container);
  if (!found) throw new Error(`no ${podName}/${container} in the fixture`);
  return found.cpu.usageNanoCores / 1e9;
}

describe('attributionTargets', () => {
  it('applies the mesh rules: proxies in workload pods, node agents on their nodes only', () => {
    expect(targets.map((t) => [t.pod, t.component, t.containers])).toEqual([
      ['appsignal-kubernetes-0-2-0-d94f47b8d-8z2g5', 'client', {}],
      ['hubble-ui-79957d9f7b-sh75m', 'server', { frontend: 'server-proxy' }],
      ['cilium-z2c2n', 'node-agent', {}],
      ['coredns-c5c6457c-57lf8', 'control-plane', {}],
      ['coredns-c5c6457c-tnxjn', 'control-plane', {}],
    ]);
    expect(nodesToSample(targets)).toEqual([NODE]);
  });

  it('counts a control plane on any node, and native sidecars as proxies', () => {
    const found = attributionTargets({
      client: [pod('bench', 'gen', 'w1', ['loadgen'], ['istio-proxy'])],
      server: [
        pod('bench', 'srv', 'w2', ['server', 'istio-proxy']),
        pod('bench', 'pending', null, ['server']),
      ],
      meshPods: [
        {
          selector: {
            namespace: 'istio-system',
            labelSelector: 'app=istiod',
            component: 'control-plane',
          },
          pods: [pod('istio-system', 'istiod', 'cp', ['discovery'])],
        },
        {
          selector: {
            namespace: 'istio-system',
            labelSelector: 'app=ztunnel',
            component: 'node-agent',
          },
          pods: ['w1', 'w2', 'cp'].map((n) =>
            pod('istio-system', `ztunnel-${n}`, n, ['istio-proxy']),
          ),
        },
      ],
      proxyContainers: ['istio-proxy'],
    });
    expect(found.map((t) => [t.pod, t.node, t.component, t.containers])).toEqual([
      ['gen', 'w1', 'client', { 'istio-proxy': 'client-proxy' }],
      ['srv', 'w2', 'server', { 'istio-proxy': 'server-proxy' }],
      ['istiod', 'cp', 'control-plane', {}],
      ['ztunnel-w1', 'w1', 'node-agent', {}],
      ['ztunnel-w2', 'w2', 'node-agent', {}],
    ]);
    expect(nodesToSample(found)).toEqual(['cp', 'w1', 'w2']);
  });
});

describe('resourcesInWindow on the real Summaries', () => {
  // Every container was collected between 13:53:10 and :29 in the first Summary, so a window from
  // :30 to :40 lies between collections of each of them in the derived ones.
  const window = {
    startMs: Date.parse('2025-02-03T13:53:30Z'),
    endMs: Date.parse('2025-02-03T13:53:40Z'),
  };

  it('charges each component the CPU its containers used in the window', () => {
    const { resources, faults, notes } = resourcesInWindow(samples(), targets, window);
    expect(faults).toEqual([]);
    expect(notes).toEqual([]);
    expect(resources['node-agent']).toEqual({
      cpuCores: 0.0113,
      cpuSeconds: 0.113,
      memoryMiBPeak: 307.77,
    });
    const expectations: [string, number][] = [
      [
        'client',
        reportedCores('appsignal-kubernetes-0-2-0-d94f47b8d-8z2g5', 'appsignal-kubernetes'),
      ],
      ['server', reportedCores('hubble-ui-79957d9f7b-sh75m', 'backend')],
      ['server-proxy', reportedCores('hubble-ui-79957d9f7b-sh75m', 'frontend')],
      [
        'control-plane',
        reportedCores('coredns-c5c6457c-57lf8', 'coredns') +
          reportedCores('coredns-c5c6457c-tnxjn', 'coredns'),
      ],
    ];
    for (const [component, cores] of expectations) {
      const figures = resources[component as keyof typeof resources];
      expect(figures?.cpuSeconds).toBeCloseTo(cores * 10, 3);
      expect(figures?.cpuCores).toBeCloseTo(cores, 4);
    }
    // Memory: the sum of the two coredns peaks (23080960 + 23646208 bytes).
    expect(resources['control-plane']?.memoryMiBPeak).toBe(44.56);
    expect(resources['client-proxy']).toBeUndefined();
  });

  it('interpolates inside a collection interval: half the interval, half the CPU', () => {
    const agentOnly = targets.filter((t) => t.component === 'node-agent');
    // cilium-agent was collected at :29 and :39 (read as :29.5 and :39.5).
    const half = {
      startMs: Date.parse('2025-02-03T13:53:31Z'),
      endMs: Date.parse('2025-02-03T13:53:36Z'),
    };
    const { resources } = resourcesInWindow(samples().slice(0, 2), agentOnly, half);
    expect(resources['node-agent']?.cpuSeconds).toBeCloseTo(0.011320407 * 5, 3);
  });

  it('reports a fault, not a number, when no collection encloses the window', () => {
    const late = {
      startMs: Date.parse('2025-02-03T13:54:30Z'),
      endMs: Date.parse('2025-02-03T13:54:40Z'),
    };
    const { resources, faults } = resourcesInWindow(samples(), targets, late);
    expect(resources).toEqual({});
    expect(faults).toContain(
      'no kubelet stats around the measured window for node-agent container kube-system/cilium-z2c2n/cilium-agent',
    );
  });

  it('reports pods the kubelet does not list at all', () => {
    const ghost = attributionTargets({
      client: [pod('bench', 'gen-0', NODE, ['loadgen'])],
      server: [],
      meshPods: [],
      proxyContainers: [],
    });
    expect(resourcesInWindow(samples(), ghost, window).faults).toEqual([
      `no kubelet stats for pod bench/gen-0 (client) on node ${NODE}`,
    ]);
  });
});
