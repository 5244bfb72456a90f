// The cluster providers as data: kind's generated config per case, the inotify steps, GKE's argv
// and labels, the existing provider's untouched kubeconfig, and what the dry run prints.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { clusterPlan } from '../../src/cluster/clusterPlan.js';
import {
  clusterSettings,
  defaultClusterName,
  type ClusterSettings,
  type HostFacts,
} from '../../src/cluster/clusterSettings.js';
import { gkeLabels, labelValue } from '../../src/cluster/gkeCluster.js';
import { inotifySteps, kindClusterConfig } from '../../src/cluster/kindCluster.js';
import { formatStep } from '../../src/cluster/steps.js';
import { KIND_NODE_IMAGE } from '../../src/config/fields.js';
import { testConfig } from '../support/documents.js';

const settings = (over: Partial<ClusterSettings> = {}): ClusterSettings => ({
  ...clusterSettings({ ...testConfig, provider: 'kind' }, '1A2B3C4D-5e6f-4a00-8000-000000000000'),
  ...over,
});

const facts = (over: Partial<HostFacts> = {}): HostFacts => ({
  inActions: true,
  os: 'linux',
  inotify: { maxUserWatches: 65_536, maxUserInstances: 128 },
  now: new Date('2026-11-24T10:00:00Z'),
  owner: 'Example-Org/mesh-perf-action',
  ...over,
});

describe('kind cluster config', () => {
  it.each([
    [
      'default: one control plane, two workers, kind networking',
      settings(),
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        nodes: [{ role: 'control-plane' }, { role: 'worker' }, { role: 'worker' }],
      },
    ],
    [
      'cilium: no default CNI, no kube-proxy',
      settings({ cilium: true }),
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        networking: { disableDefaultCNI: true, kubeProxyMode: 'none' },
        nodes: [{ role: 'control-plane' }, { role: 'worker' }, { role: 'worker' }],
      },
    ],
    [
      'nodes=4',
      settings({ nodes: 4 }),
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        nodes: [
          { role: 'control-plane' },
          ...Array.from({ length: 4 }, () => ({ role: 'worker' })),
        ],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(parse(kindClusterConfig(input))).toEqual(expected);
  });
});

describe('inotify limits', () => {
  it.each([
    [
      'both low in Actions on Linux',
      facts(),
      ['fs.inotify.max_user_watches=524288', 'fs.inotify.max_user_instances=512'],
    ],
    [
      'only instances low',
      facts({ inotify: { maxUserWatches: 1_048_576, maxUserInstances: 128 } }),
      ['fs.inotify.max_user_instances=512'],
    ],
    [
      'already high enough',
      facts({ inotify: { maxUserWatches: 524_288, maxUserInstances: 8192 } }),
      [],
    ],
    [
      'unreadable counts as low',
      facts({ inotify: { maxUserWatches: null, maxUserInstances: 512 } }),
      ['fs.inotify.max_user_watches=524288'],
    ],
    ['not in Actions', facts({ inActions: false }), []],
    ['macOS runner', facts({ os: 'darwin' }), []],
  ])('%s', (_name, input, expected) => {
    const steps = inotifySteps(input);
    expect(steps.map((s) => (s.kind === 'command' ? s.args[2] : ''))).toEqual(expected);
    for (const step of steps) {
      expect(step).toMatchObject({
        kind: 'command',
        command: 'sudo',
        args: ['sysctl', '-w', expect.any(String)],
      });
    }
  });
});

describe('kind plan', () => {
  const images = ['fortio/fortio:1.68.2', 'node:22-slim'];
  const plan = clusterPlan(settings({ images }), facts(), '/tmp/mesh-perf-x/kubeconfig', 'run');

  it('raises limits, pulls each image once, creates, loads, waits, and deletes at the end', () => {
    expect(
      plan.up.map((s) => (s.kind === 'command' ? [s.command, ...s.args].join(' ') : s.kind)),
    ).toEqual([
      'sudo sysctl -w fs.inotify.max_user_watches=524288',
      'sudo sysctl -w fs.inotify.max_user_instances=512',
      'docker pull fortio/fortio:1.68.2',
      'docker pull node:22-slim',
      `kind create cluster --name mesh-perf-1a2b3c4d --config - --image ${KIND_NODE_IMAGE} --kubeconfig /tmp/mesh-perf-x/kubeconfig --wait 5m`,
      'kind load docker-image fortio/fortio:1.68.2 node:22-slim --name mesh-perf-1a2b3c4d',
      'wait',
    ]);
    const create = plan.up[4];
    expect(create?.kind === 'command' ? create.stdin : undefined).toBe(
      kindClusterConfig(settings()),
    );
    expect(plan.down).toEqual([
      {
        kind: 'command',
        title: 'Delete kind cluster mesh-perf-1a2b3c4d',
        command: 'kind',
        args: [
          'delete',
          'cluster',
          '--name',
          'mesh-perf-1a2b3c4d',
          '--kubeconfig',
          '/tmp/mesh-perf-x/kubeconfig',
        ],
        timeoutMs: 300_000,
      },
    ]);
    expect(plan.access).toEqual({
      kubeconfig: '/tmp/mesh-perf-x/kubeconfig',
      context: 'kind-mesh-perf-1a2b3c4d',
    });
    expect(plan.env).toEqual({ KUBECONFIG: '/tmp/mesh-perf-x/kubeconfig' });
    expect(plan.leftover).toEqual({
      kind: 'kind-cluster',
      name: 'mesh-perf-1a2b3c4d',
      kubeconfig: '/tmp/mesh-perf-x/kubeconfig',
    });
  });

  it('with cilium, neither waits for Ready nodes nor passes --wait (no CNI until the mesh is in)', () => {
    const cilium = clusterPlan(
      settings({ cilium: true }),
      facts({ inActions: false }),
      '/k',
      'run',
    );
    const create = cilium.up.find((s) => s.kind === 'command');
    expect(create?.kind === 'command' ? create.args : []).not.toContain('--wait');
    expect(cilium.up.some((s) => s.kind === 'wait')).toBe(false);
  });

  it('prints as the dry run shows it', () => {
    const create = plan.up[4];
    expect(create && formatStep(create)).toBe(
      `Create kind cluster mesh-perf-1a2b3c4d (1 control plane, 2 workers)\n  $ kind create cluster --name mesh-perf-1a2b3c4d --config - --image ${KIND_NODE_IMAGE} --kubeconfig /tmp/mesh-perf-x/kubeconfig --wait 5m\n  (with ${kindClusterConfig(settings()).length} bytes on stdin)`,
    );
  });
});

describe('gke plan', () => {
  const gke = settings({
    provider: 'gke',
    gkeProject: 'bench-project',
    gkeZone: 'us-central1-a',
    nodes: 3,
  });

  it('creates with machine type, node count, zone and janitor labels; gets credentials; deletes async', () => {
    const plan = clusterPlan(gke, facts(), '/tmp/mesh-perf-y/kubeconfig', 'run 42/Attempt');
    const argv = [...plan.up, ...plan.down].map((s) =>
      s.kind === 'command' ? [s.command, ...s.args] : [s.kind],
    );
    expect(argv).toEqual([
      [
        'gcloud',
        'container',
        'clusters',
        'create',
        'mesh-perf-1a2b3c4d',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
        '--machine-type',
        'n2-standard-4',
        '--num-nodes',
        '3',
        '--labels',
        'created-by=mesh-perf,owner=example-org_mesh-perf-action,run-id=run_42_attempt,expiry=1795536000',
        '--release-channel',
        'regular',
        '--quiet',
      ],
      [
        'gcloud',
        'container',
        'clusters',
        'get-credentials',
        'mesh-perf-1a2b3c4d',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
      ],
      ['wait'],
      [
        'gcloud',
        'container',
        'clusters',
        'delete',
        'mesh-perf-1a2b3c4d',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
        '--async',
        '--quiet',
      ],
    ]);
    expect(plan.env).toEqual({ KUBECONFIG: '/tmp/mesh-perf-y/kubeconfig' });
    expect(plan.leftover).toEqual({
      kind: 'gke-cluster',
      name: 'mesh-perf-1a2b3c4d',
      zone: 'us-central1-a',
      project: 'bench-project',
    });
  });

  it('expires gke-expiry after creation, in epoch seconds', () => {
    expect(gkeLabels({ ...gke, gkeExpiryMs: 3_600_000 }, facts(), 'r').expiry).toBe(
      String(Date.parse('2026-11-24T11:00:00Z') / 1000),
    );
  });

  it.each([
    ['Example-Org/Repo', 'example-org_repo'],
    ['', 'unknown'],
    ['x'.repeat(70), 'x'.repeat(63)],
  ])('label value of %j is %j', (input, expected) => {
    expect(labelValue(input)).toBe(expected);
  });
});

describe('existing plan', () => {
  it("uses the user's kubeconfig and context, creates nothing, deletes nothing", () => {
    const plan = clusterPlan(
      settings({ provider: 'existing', kubeContext: 'staging' }),
      facts(),
      '/unused',
      'r',
    );
    expect(plan.up.map((s) => s.kind)).toEqual(['wait']);
    expect(plan.down).toEqual([]);
    expect(plan.access).toEqual({ kubeconfig: undefined, context: 'staging' });
    expect(plan.env).toEqual({});
    expect(plan.leftover).toBeNull();
  });
});

describe('cluster names', () => {
  it.each([
    ['1A2B3C4D-5e6f', 'mesh-perf-1a2b3c4d'],
    ['ab-cd', 'mesh-perf-abcd'],
  ])('from run id %s', (runId, expected) => {
    expect(defaultClusterName(runId)).toBe(expected);
    expect(expected).toMatch(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/);
  });

  it('prefers the configured name', () => {
    expect(
      clusterSettings({ ...testConfig, provider: 'gke', clusterName: 'nightly' }, 'x').name,
    ).toBe('nightly');
  });
});
