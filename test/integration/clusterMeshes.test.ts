// Every mesh through the whole cluster path on provider `kind`: fake kind, docker, kubectl,
// istioctl, linkerd and cilium on PATH (recording their argv, answering with saved real outputs),
// the fake API server as the cluster kind "created". Installs run in order, each scenario is
// verified by its mesh's own checks, every component is measured, and the cluster is deleted.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Component } from '../../src/results/schema.js';
import type { FakeKubeApi } from '../support/fakeKubeApi.js';
import { commandLines } from '../support/fakeClis.js';
import { RUN_ID, runClusterScenario } from '../support/clusterRuns.js';

let api: FakeKubeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const cluster = `mesh-perf-${RUN_ID.replace(/-/g, '').slice(0, 8)}`;

const COMPONENTS: Record<string, Component[]> = {
  istio: ['client', 'client-proxy', 'control-plane', 'server', 'server-proxy'],
  'istio-ambient': ['client', 'control-plane', 'node-agent', 'server'],
  linkerd: ['client', 'client-proxy', 'control-plane', 'server', 'server-proxy'],
  cilium: ['client', 'control-plane', 'node-agent', 'server'],
};

describe('provider kind with istio, istio-ambient, linkerd and cilium', () => {
  it('installs each mesh once and in order, verifies each, measures every component, deletes the cluster', async () => {
    const run = await runClusterScenario({
      provider: 'kind',
      meshes: ['istio', 'istio-ambient', 'linkerd', 'cilium'],
      // WireGuard encrypts only between nodes: Cilium is verifiable cross-node only.
      placement: 'cross-node',
    });
    api = run.api;
    expect(run.outcome.problems).toEqual([]);
    expect(run.outcome.exitCode).toBe(0);
    for (const scenario of run.written.scenarios) {
      expect({ mesh: scenario.mesh, verified: scenario.mtls.verified }).toEqual({
        mesh: scenario.mesh,
        verified: true,
      });
      const trial = scenario.trials[0];
      expect(trial?.invalidReasons).toEqual([]);
      expect(Object.keys(trial?.resources ?? {}).sort()).toEqual(COMPONENTS[scenario.mesh]);
    }
    const methods = Object.fromEntries(run.written.scenarios.map((s) => [s.mesh, s.mtls.method]));
    expect(methods).toEqual({
      istio: 'istio-sidecar-xfcc-probe',
      'istio-ambient': 'ztunnel-hbone-identity-probe',
      linkerd: 'linkerd-client-id-probe',
      cilium: 'cilium-wireguard-encrypt-status',
    });
    // One Istio install (the ambient profile serves the sidecars too), recorded as such.
    const istio = run.written.scenarios.find((s) => s.mesh === 'istio');
    expect(istio?.meshConfig?.profile).toBe('ambient (one install shared with istio-ambient)');
    expect(run.written.environment.meshVersions).toEqual({
      istio: '1.30.3',
      'istio-ambient': '1.30.3',
      linkerd: 'edge-25.5.2',
      cilium: '1.19.6',
    });
    const lines = commandLines(run.calls.filter((c) => c.args[0] !== 'version'));
    expect(lines.filter((l) => l.startsWith('istioctl install'))).toEqual([
      'istioctl install --skip-confirmation --set profile=ambient --readiness-timeout 300s',
    ]);
    // The image is pulled and the cluster created without a CNI; Cilium goes in before the
    // meshes that chain onto it, Linkerd last.
    const installs = lines
      .filter((l) =>
        /^(docker pull|kind create|kind load|cilium install|istioctl install|linkerd install)/.test(
          l,
        ),
      )
      .map((l) =>
        l
          .split(' ')
          .slice(0, l.startsWith('linkerd install --crds') ? 3 : 2)
          .join(' '),
      );
    expect(installs).toEqual([
      'docker pull',
      'kind create',
      'kind load',
      'cilium install',
      'istioctl install',
      'linkerd install --crds',
      'linkerd install',
    ]);
    expect(lines.find((l) => l.startsWith('cilium install'))).toContain(
      '--set socketLB.hostNamespaceOnly=true --set cni.exclusive=false',
    );
    // Verification ran the meshes' own tools against the cluster kind wrote credentials for.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^istioctl ztunnel-config workloads --node \S+ --workload-namespace/),
        expect.stringMatching(/^linkerd check --proxy --namespace \S+-linkerd/),
        expect.stringMatching(
          /^kubectl exec --namespace kube-system cilium-\S+ --container cilium-agent -- cilium-dbg encrypt status$/,
        ),
      ]),
    );
    const kubeconfigs = new Set(run.calls.filter((c) => c.cli !== 'kind').map((c) => c.kubeconfig));
    expect([...kubeconfigs].every((k) => k !== null && k.endsWith('/kubeconfig'))).toBe(true);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^kind delete cluster --name ${cluster} --kubeconfig `),
    );
    expect(run.cleanupPending).toBe(0);
  });
});
