// The cluster run as data, row by row: which installs a mesh list makes and in which order, what
// each scenario's namespace and workload are, what the result records about each mesh, the
// warnings Cilium's cluster-wide encryption needs, the CLIs and their versions, how an existing
// cluster's context is chosen, parked workloads, and fortio's argv in a generator pod.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { contextOverlay, userKubeconfigFiles } from '../../src/cluster/clusterAccess.js';
import { planClusterRun, scenarioNamespace } from '../../src/cluster/clusterRunPlan.js';
import type { HostFacts } from '../../src/cluster/clusterSettings.js';
import { fortioShareArgs } from '../../src/cluster/clusterTrialLoad.js';
import { clusterNetwork, meshCatalog } from '../../src/cluster/meshCatalog.js';
import { meshInstalls, uninstallOrder } from '../../src/cluster/meshInstalls.js';
import { parkedObjects, parkingObjects } from '../../src/cluster/scenarioWorkloads.js';
import { workloadObjects } from '../../src/workload/deployWorkload.js';
import type { Config, MeshId } from '../../src/config/types.js';
import { testConfig } from '../support/documents.js';

const RUN = '3f9c1e0a-7b2d-4c68-9e8f-7a6b5c4d3e2f';
const facts: HostFacts = {
  inActions: false,
  os: 'linux',
  inotify: { maxUserWatches: 524_288, maxUserInstances: 512 },
  now: new Date('2026-12-07T10:00:00Z'),
  owner: 'tests',
};

function plan(over: Partial<Config>, env: NodeJS.ProcessEnv = {}) {
  const config: Config = { ...testConfig, provider: 'kind', ...over };
  const provider = config.provider === 'local' ? 'kind' : config.provider;
  const catalog = meshCatalog(config, provider);
  return planClusterRun({
    config,
    runId: RUN,
    facts,
    privateDir: '/tmp/mesh-perf-x',
    env,
    meshPlan: catalog.plan,
    completionAnnotations: catalog.completionAnnotations,
    network: catalog.network,
    releases: catalog.releases,
    scripts: { server: '// server', loadgen: '// loadgen' },
    tls: {
      caPem: 'CA',
      serverCertPem: 'S',
      serverKeyPem: 'SK',
      clientCertPem: 'C',
      clientKeyPem: 'CK',
    },
  });
}

const installFlags = (p: ReturnType<typeof plan>): string[] =>
  p.installs.flatMap((i) =>
    i.install.flatMap((s) => (s.kind === 'command' ? [`${s.command} ${s.args.join(' ')}`] : [])),
  );

describe('mesh installs', () => {
  it.each<[string, MeshId[], string[][], string[]]>([
    ['baselines install nothing', ['none', 'app-mtls'], [], []],
    ['istio alone: its own minimal profile', ['istio'], [['istio']], ['istio']],
    [
      'istio and ambient share one ambient install',
      ['istio', 'istio-ambient'],
      [['istio-ambient', 'istio']],
      ['istio-ambient'],
    ],
    [
      'Cilium first, Istio, then Linkerd, whatever the list order',
      ['linkerd', 'istio', 'cilium', 'none'],
      [['cilium'], ['istio'], ['linkerd']],
      ['cilium', 'istio', 'linkerd'],
    ],
  ])('%s', (_, meshes, groups, from) => {
    const p = plan({ meshes });
    expect(p.installs.map((i) => i.meshes)).toEqual(groups);
    expect(p.installs.map((i) => i.from)).toEqual(from);
  });

  it('removes in reverse order, and never Cilium (the network itself)', () => {
    const p = plan({ provider: 'existing', meshes: ['cilium', 'istio', 'linkerd'] });
    expect(uninstallOrder(p.installs).map((i) => i.from)).toEqual(['linkerd', 'istio']);
  });

  it('gives Cilium the settings Istio and Linkerd need only when they share its cluster', () => {
    const shared = installFlags(plan({ meshes: ['cilium', 'linkerd'] }));
    const alone = installFlags(plan({ meshes: ['none', 'cilium'] }));
    const settings = '--set socketLB.hostNamespaceOnly=true --set cni.exclusive=false';
    expect(shared.find((l) => l.startsWith('cilium install'))).toContain(settings);
    expect(alone.find((l) => l.startsWith('cilium install'))).not.toContain('socketLB');
  });

  it('takes the plans as data: the install order is a pure function of them', () => {
    const catalog = meshCatalog({ ...testConfig, provider: 'kind' }, 'kind');
    const plans = (['linkerd', 'istio-ambient'] as const).map((m) => catalog.plan(m, `ns-${m}`));
    expect(meshInstalls(plans).map((i) => i.from)).toEqual(['istio-ambient', 'linkerd']);
  });
});

describe('scenarios', () => {
  it('get one namespace each, their mesh enrollment, and app-mtls keys only where needed', () => {
    const p = plan({ meshes: ['none', 'app-mtls', 'istio', 'linkerd'], injectDelayMs: 5 });
    expect(p.scenarios.map((s) => s.namespace)).toEqual([
      'mesh-perf-3f9c1e0a-none',
      'mesh-perf-3f9c1e0a-app-mtls',
      'mesh-perf-3f9c1e0a-istio',
      'mesh-perf-3f9c1e0a-linkerd',
    ]);
    const byMesh = Object.fromEntries(p.scenarios.map((s) => [s.mesh, s.workload]));
    expect(byMesh.none?.tls).toBeNull();
    expect(byMesh['app-mtls']?.tls?.caPem).toBe('CA');
    expect(byMesh.istio?.namespaceLabels).toEqual({ 'istio-injection': 'enabled' });
    expect(byMesh.istio?.generatorAnnotations).toEqual({
      'sidecar.istio.io/nativeSidecar': 'true',
    });
    expect(byMesh.linkerd?.namespaceAnnotations).toMatchObject({
      'config.linkerd.io/default-inbound-policy': 'all-authenticated',
    });
    expect(byMesh.none?.serverDelayMs).toBe(testConfig.serverDelayMs + 5);
  });

  it('namespaces are DNS labels for every mesh id', () => {
    for (const mesh of [
      'none',
      'app-mtls',
      'istio',
      'istio-ambient',
      'linkerd',
      'cilium',
    ] as const) {
      expect(scenarioNamespace('A1B2-C3D4-E5F6', mesh)).toMatch(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      );
    }
  });

  it('record the mesh as installed for them; istio names the shared ambient install', () => {
    const p = plan({
      meshes: ['istio', 'istio-ambient'],
      provider: 'gke',
      gkeProject: 'bench-project',
      gkeZone: 'us-central1-a',
    });
    const [istio, ambient] = p.scenarios;
    expect(ambient?.meshConfig).toEqual({
      version: testConfig.istioVersion,
      profile: 'ambient',
      flags: [
        '--set values.global.platform=gke',
        'namespace label istio.io/dataplane-mode=ambient (ztunnel, no waypoint)',
        'PeerAuthentication mtls.mode=STRICT in the benchmark namespace',
      ],
    });
    expect(istio?.meshConfig.profile).toBe('ambient (one install shared with istio-ambient)');
    expect(istio?.meshConfig.flags[0]).toBe('--set values.global.platform=gke');
    expect(istio?.meshConfig.flags).toContain('namespace label istio-injection=enabled');
  });
});

describe('Cilium as the network of every scenario', () => {
  it.each<[string, Partial<Config>, RegExp[]]>([
    [
      'alone, cross-node: nothing to warn about',
      { meshes: ['cilium'], placement: 'cross-node' },
      [],
    ],
    [
      'same-node: WireGuard leaves the path in clear',
      { meshes: ['cilium'], placement: 'same-node' },
      [/does not encrypt traffic between pods on the same node/],
    ],
    [
      'with others cross-node: their traffic is encrypted too',
      { meshes: ['none', 'cilium'], placement: 'cross-node' },
      [/encrypts all pod traffic between nodes, so none also pass through it/],
    ],
    [
      'ztunnel mode enrolls by namespace: no warning',
      { meshes: ['none', 'cilium'], placement: 'cross-node', ciliumEncryption: 'ztunnel' },
      [],
    ],
  ])('%s', (_, over, warnings) => {
    const p = plan(over);
    expect(p.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => {
      expect(p.warnings[i]).toMatch(w);
    });
  });

  it('is recorded in the other scenarios', () => {
    const p = plan({ meshes: ['none', 'cilium'], placement: 'cross-node' });
    expect(p.scenarios[0]?.meshConfig.flags).toEqual([
      'cluster network: Cilium 1.19.6 with wireguard encryption',
      "this scenario's traffic between nodes is encrypted by Cilium as well",
    ]);
    expect(clusterNetwork({ ...testConfig, meshes: ['none'] })).toBeNull();
  });
});

describe('tools', () => {
  it.each<[string, Partial<Config>, string[]]>([
    ['kind with the baselines', { meshes: ['none'] }, ['kind 0.32.0', 'kubectl 1.36.1']],
    ['existing needs no kind', { provider: 'existing', meshes: ['none'] }, ['kubectl 1.36.1']],
    [
      'mesh CLIs at the mesh releases',
      {
        meshes: ['istio', 'linkerd', 'cilium'],
        istioVersion: '1.29.1',
        linkerdVersion: 'edge-25.5.2',
      },
      ['kind 0.32.0', 'kubectl 1.36.1', 'istioctl 1.29.1', 'linkerd edge-25.5.2', 'cilium 0.19.7'],
    ],
    [
      'tool-versions wins',
      { meshes: ['istio'], toolVersions: { istioctl: '1.30.2', kind: '0.31.0' } },
      ['kind 0.31.0', 'kubectl 1.36.1', 'istioctl 1.30.2'],
    ],
  ])('%s', (_, over, tools) => {
    expect(plan(over).tools.map((t) => `${t.tool} ${t.version}`)).toEqual(tools);
  });
});

describe('cluster access', () => {
  it('kind: every CLI gets the private kubeconfig', () => {
    expect(plan({}).env).toEqual({ KUBECONFIG: '/tmp/mesh-perf-x/kubeconfig' });
  });

  it("existing with a context: an overlay first, then the user's own files, unchanged", () => {
    const p = plan(
      { provider: 'existing', kubeContext: 'bench' },
      { KUBECONFIG: ['/home/u/a.yaml', '/home/u/b.yaml'].join(path.delimiter) },
    );
    expect(p.env.KUBECONFIG?.split(path.delimiter)).toEqual([
      '/tmp/mesh-perf-x/context.kubeconfig',
      '/home/u/a.yaml',
      '/home/u/b.yaml',
    ]);
    expect(contextOverlay('bench')).toBe(
      'apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: bench\n',
    );
  });

  it('existing without a context: nothing changes', () => {
    expect(plan({ provider: 'existing' }).env).toEqual({});
    expect(userKubeconfigFiles({}, '/home/u')).toEqual(['/home/u/.kube/config']);
  });
});

describe('workloads', () => {
  it('are created parked: Deployments at 0 replicas, everything else as it is', () => {
    const workload = plan({ meshes: ['istio'] }).scenarios[0]?.workload;
    if (!workload) throw new Error('no scenario');
    const parked = parkedObjects(workload);
    expect(parked.map((o) => o.kind)).toEqual([
      'Namespace',
      'PeerAuthentication',
      'ServiceAccount',
      'ServiceAccount',
      'ConfigMap',
      'Deployment',
      'Service',
      'Deployment',
    ]);
    const replicas = parked
      .filter((o) => o.kind === 'Deployment')
      .map((o) => (o.spec as { replicas: number }).replicas);
    expect(replicas).toEqual([0, 0]);
    // Parking applies the whole Deployments, so server-side apply keeps every field.
    expect(parkingObjects(workload)).toEqual(parked.filter((o) => o.kind === 'Deployment'));
  });

  it('fortio generator pods call the Service with the pod-mounted keys for app-mtls', () => {
    const config: Config = {
      ...testConfig,
      provider: 'kind',
      engine: 'fortio',
      meshes: ['app-mtls'],
    };
    const workload = plan(config).scenarios[0]?.workload;
    if (!workload) throw new Error('no scenario');
    const args = fortioShareArgs(workload, config, { index: 0, rps: 160, connections: 80 });
    expect(args.slice(0, 5)).toEqual(['load', '-qps', '160', '-c', '80']);
    expect(args).toEqual(
      expect.arrayContaining([
        '-cacert',
        '/etc/mesh-perf/tls/ca.pem',
        '-cert',
        '/etc/mesh-perf/tls/cert.pem',
        '-key',
        '/etc/mesh-perf/tls/key.pem',
      ]),
    );
    expect(args.at(-1)).toBe('https://mesh-perf-server.mesh-perf-3f9c1e0a-app-mtls.svc:8080/echo');
    expect(args).not.toContain('-resolve');
  });

  it.each<[string, Partial<Config>, string, boolean]>([
    ['builtin engine and server', { engine: 'builtin', server: 'builtin' }, 'node', true],
    ['fortio generators against our server', { engine: 'fortio', server: 'builtin' }, 'node', true],
    ['the study pair: fortio both sides', { engine: 'fortio', server: 'fortio' }, 'fortio', false],
    [
      'our generators against fortio server',
      { engine: 'builtin', server: 'fortio' },
      'fortio',
      true,
    ],
  ])(
    '%s: the server runs as asked, the bundles only where a side needs them',
    (_, over, image, bundles) => {
      const workload = plan({ meshes: ['none'], ...over }).scenarios[0]?.workload;
      if (!workload) throw new Error('no scenario');
      const objects = workloadObjects(workload);
      const server = objects.find(
        (o) => o.kind === 'Deployment' && o.metadata.name === 'mesh-perf-server',
      );
      const pod = (server?.spec as { template: { spec: { containers: { image: string }[] } } })
        .template.spec;
      expect(pod.containers[0]?.image).toContain(image);
      expect(objects.some((o) => o.kind === 'ConfigMap')).toBe(bundles);
    },
  );
});
