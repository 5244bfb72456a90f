// The production KubeApi (@kubernetes/client-node) against the fake API server over HTTPS with a
// kind-style kubeconfig: what it sends (server-side apply, selectors, the Summary query), how it
// waits, and that its failures are short InfraErrors that print no response body or credential.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { KubeObject } from '../../src/cluster/steps.js';
import { InfraError } from '../../src/errors.js';
import type { KubeApi } from '../../src/kube/kubeApi.js';
import { createClientNodeKubeApi } from '../../src/kube/clientNodeKubeApi.js';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeScript } from '../support/fakeKubeApi.js';

let fake: FakeKubeApi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function connect(script: FakeKubeScript = {}): Promise<{ kube: KubeApi; fake: FakeKubeApi }> {
  fake = await startFakeKubeApi(script);
  return {
    kube: createClientNodeKubeApi({ kubeconfigPath: fake.kubeconfigPath, pollIntervalMs: 20 }),
    fake,
  };
}

const namespace = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'istio-injection': 'enabled' } },
});

const deployment = (ns: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'server', namespace: ns, labels: { app: 'server' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'server' } },
    template: {
      metadata: { labels: { app: 'server' } },
      spec: { containers: [{ name: 'server', image: 'node:22' }] },
    },
  },
});

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'peerauthentications.security.istio.io' },
  spec: {
    group: 'security.istio.io',
    scope: 'Namespaced',
    names: { kind: 'PeerAuthentication', plural: 'peerauthentications' },
    versions: [{ name: 'v1', served: true, storage: true }],
  },
};

describe('ClientNodeKubeApi against the fake API server', () => {
  it('reads the server version and the nodes', async () => {
    const { kube } = await connect({ gitVersion: 'v1.32.5' });
    await expect(kube.serverVersion()).resolves.toBe('v1.32.5');
    const nodes = await kube.listNodes();
    expect(nodes.map((n) => [n.name, n.ready, n.kubeletVersion])).toEqual([
      ['mesh-perf-control-plane', true, 'v1.32.5'],
      ['mesh-perf-worker', true, 'v1.32.5'],
      ['mesh-perf-worker2', true, 'v1.32.5'],
    ]);
    expect(nodes[0]?.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(nodes[1]).toMatchObject({ osImage: 'Debian GNU/Linux 12 (bookworm)', cpuCapacity: '4' });
  });

  it('applies objects by server-side apply as field manager mesh-perf, without touching them', async () => {
    const { kube, fake } = await connect();
    const objects = [namespace('bench'), deployment('bench')];
    const before = structuredClone(objects);
    await kube.apply(objects);
    expect(objects).toEqual(before);
    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.path)).toEqual([
      '/api/v1/namespaces/bench',
      '/apis/apps/v1/namespaces/bench/deployments/server',
    ]);
    for (const patch of patches) {
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.query).toMatchObject({ fieldManager: 'mesh-perf', force: 'true' });
    }
    expect(patches[1]?.body).toMatchObject({ spec: { replicas: 1 } });
    // A second apply updates in place (same calls, no create).
    await kube.apply([deployment('bench')]);
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('waits for a deployment by polling until its pod is ready', async () => {
    const { kube, fake } = await connect({ podReadyAfterReads: 3 });
    await kube.apply([namespace('bench'), deployment('bench')]);
    await kube.wait({ type: 'deployment-available', namespace: 'bench', name: 'server' }, 5_000);
    const polls = fake.requests.filter(
      (r) => r.path.endsWith('/deployments/server') && r.method === 'GET',
    );
    expect(polls.length).toBeGreaterThanOrEqual(3);
    const pods = await kube.listPods('bench', 'app=server');
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatchObject({ ready: true, phase: 'Running', nodeName: 'mesh-perf-worker' });
    await expect(kube.listPods('bench', 'app=client')).resolves.toEqual([]);
    expect(fake.requests.at(-1)?.query.labelSelector).toBe('app=client');
  });

  it('times out with an InfraError naming the target and what it last saw', async () => {
    const { kube } = await connect();
    const waiting = kube.wait({ type: 'deployment-available', namespace: 'none', name: 'x' }, 300);
    await expect(waiting).rejects.toThrow(InfraError);
    await expect(waiting).rejects.toThrow(
      /timed out after 0 s waiting until deployment none\/x is Available.*HTTP 404 NotFound: deployments.apps "x" not found/,
    );
  });

  it('creates a custom resource once its CRD is established', async () => {
    const { kube, fake } = await connect({ crdEstablishedAfterReads: 2 });
    await kube.apply([crd, namespace('bench')]);
    await kube.wait({ type: 'crd-established', name: crd.metadata.name }, 5_000);
    await kube.apply([
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'bench' },
        spec: { mtls: { mode: 'STRICT' } },
      },
    ]);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/apis/security.istio.io/v1/namespaces/bench/peerauthentications/default',
      body: { spec: { mtls: { mode: 'STRICT' } } },
    });
  });

  it('reads pod logs and sees a run-to-completion pod finish', async () => {
    const { kube } = await connect({ podLogs: (pod) => `hello from ${pod.metadata.name}\n` });
    await kube.apply([
      namespace('bench'),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gen', namespace: 'bench' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'loadgen', image: 'node:22' }] },
      },
    ]);
    await kube.wait({ type: 'pod-completed', namespace: 'bench', name: 'gen' }, 5_000);
    await expect(kube.podLogs('bench', 'gen', 'loadgen')).resolves.toBe('hello from gen\n');
    const [pod] = await kube.listPods('bench');
    expect(pod?.containers[0]?.state).toEqual({
      kind: 'terminated',
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('fails a pod-completed wait at once when the pod failed', async () => {
    const { kube } = await connect({ podExit: () => ({ exitCode: 3 }) });
    await kube.apply([
      namespace('bench'),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gen', namespace: 'bench' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'loadgen', image: 'node:22' }] },
      },
    ]);
    await expect(
      kube.wait({ type: 'pod-completed', namespace: 'bench', name: 'gen' }, 5_000),
    ).rejects.toThrow(
      'gave up waiting until pod bench/gen has completed: loadgen exited with code 3 (Error)',
    );
  });

  it('deletes a namespace and waits until it is gone; an absent one is fine', async () => {
    const { kube, fake } = await connect({ namespaceGoneAfterReads: 3 });
    await kube.apply([namespace('bench'), deployment('bench')]);
    await kube.deleteNamespace('bench', 5_000);
    expect(fake.store.objectsOf('Namespace')).toEqual([]);
    expect(fake.store.objectsOf('Deployment')).toEqual([]);
    await kube.deleteNamespace('bench', 1_000);
  });

  it('deletes objects, ignoring those already gone', async () => {
    const { kube, fake } = await connect();
    await kube.apply([namespace('bench'), deployment('bench')]);
    await kube.deleteObjects([deployment('bench'), deployment('bench')]);
    expect(fake.store.objectsOf('Deployment')).toEqual([]);
    expect(fake.store.objectsOf('Pod')).toEqual([]);
  });

  it('reads the kubelet Summary through the node proxy, CPU and memory only', async () => {
    const { kube, fake } = await connect({
      statsSummary: (node, call) => ({ node: { nodeName: node }, pods: [], call }),
    });
    await expect(kube.nodeStatsSummary('mesh-perf-worker')).resolves.toEqual({
      node: { nodeName: 'mesh-perf-worker' },
      pods: [],
      call: 0,
    });
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/api/v1/nodes/mesh-perf-worker/proxy/stats/summary',
      query: { only_cpu_and_memory: 'true' },
    });
  });

  it('reports API failures briefly: status, reason and message, never the body or headers', async () => {
    const { kube } = await connect({
      statsSummary: () => ({
        failWith: 503,
        message: 'error trying to reach service: dial tcp 10.0.0.3:10250',
      }),
    });
    const failure = kube.nodeStatsSummary('mesh-perf-worker');
    await expect(failure).rejects.toThrow(
      'read the kubelet Summary of node mesh-perf-worker failed: HTTP 503 ServiceUnavailable: error trying to reach service: dial tcp 10.0.0.3:10250',
    );
    await kube.apply([namespace('bench')]);
    await kube.deleteNamespace('bench', 1).catch(() => undefined);
    const error = await kube.apply([deployment('bench')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^apply Deployment bench\/server failed: HTTP 403 Forbidden: namespace bench is being terminated$/,
    );
    expect(String((error as Error).cause)).not.toMatch(/Headers|Body|"kind"/);
  });
});

describe('loading the kubeconfig', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says the file is unusable without quoting it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-test-'));
    const file = path.join(dir, 'config');
    await writeFile(file, 'users:\n- name: x\n  user: {token: s3cr3t-token\n');
    let thrown: unknown;
    try {
      createClientNodeKubeApi({ kubeconfigPath: file });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InfraError);
    expect(String(thrown)).not.toContain('s3cr3t');
    expect(String(thrown)).not.toContain(file);
  });

  it('is refused by the server without the client certificate', async () => {
    fake = await startFakeKubeApi();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-test-'));
    const file = path.join(dir, 'config');
    const config = parse(await readFile(fake.kubeconfigPath, 'utf8')) as {
      users: { user: Record<string, string> }[];
    };
    for (const entry of config.users) entry.user = { token: 'not-a-certificate' };
    await writeFile(file, stringify(config));
    const kube = createClientNodeKubeApi({ kubeconfigPath: file, requestTimeoutMs: 5_000 });
    await expect(kube.serverVersion()).rejects.toThrow(
      /^read the server version failed: .*alert certificate required/,
    );
  });
});
