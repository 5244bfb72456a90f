// A fake Kubernetes API server at the HTTP edge: HTTPS on 127.0.0.1 with client-certificate auth
// (as a kind kubeconfig has it), the endpoints the cluster path uses (discovery, namespaces, pods,
// deployments, daemonsets, services, configmaps, secrets, service accounts, CRDs and their custom
// resources, pod logs, the node proxy's kubelet Summary, version, nodes), scriptable behaviour, and
// a record of every request so tests assert on what the client really sent.
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { createRunCertificates } from '../../src/certs/runCertificates.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { writeFakeKubeconfig } from './fakeKubeconfig.js';
import {
  CONTROL_PLANE_LABEL,
  type FakeObject,
  type FakeStoreScript,
} from './fakeKubeSimulation.js';
import { answerRequest } from './fakeKubeRoutes.js';
import { FakeKubeStore } from './fakeKubeStore.js';

export interface FakeNodeSpec {
  name: string;
  controlPlane?: boolean;
  instanceType?: string;
}

/** An API error to answer instead of the real thing, e.g. a kubelet that is not reachable. */
export interface FakeFailure {
  failWith: number;
  message?: string;
}

export interface FakeKubeScript extends FakeStoreScript {
  /** Default: a kind-like cluster with one control plane and two workers. */
  nodes?: readonly FakeNodeSpec[];
  gitVersion?: string;
  podLogs?: (pod: FakeObject, container: string | undefined) => string;
  /** The Summary a node's kubelet answers on its `call`-th request (from 0). */
  statsSummary?: (node: string, call: number) => unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  body: unknown;
}

export interface FakeKubeApi {
  url: string;
  kubeconfigPath: string;
  store: FakeKubeStore;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const DEFAULT_NODES: readonly FakeNodeSpec[] = [
  { name: 'mesh-perf-control-plane', controlPlane: true },
  { name: 'mesh-perf-worker' },
  { name: 'mesh-perf-worker2' },
];

function nodeObject(spec: FakeNodeSpec, gitVersion: string): FakeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...(spec.controlPlane ? { [CONTROL_PLANE_LABEL]: '' } : {}),
        ...(spec.instanceType ? { 'node.kubernetes.io/instance-type': spec.instanceType } : {}),
      },
    } as unknown as FakeObject['metadata'],
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      capacity: { cpu: '4', memory: '16365384Ki', pods: '110' },
      nodeInfo: {
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-1021-azure',
        kubeletVersion: gitVersion,
        containerRuntimeVersion: 'containerd://2.1.1',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  };
}

export async function startFakeKubeApi(script: FakeKubeScript = {}): Promise<FakeKubeApi> {
  const cleanup = new Cleanup();
  const certs = await createRunCertificates(cleanup);
  const gitVersion = script.gitVersion ?? 'v1.33.1';
  const store = new FakeKubeStore(script);
  for (const node of script.nodes ?? DEFAULT_NODES) store.seed(nodeObject(node, gitVersion));
  const requests: RecordedRequest[] = [];
  const statsCalls = new Map<string, number>();
  const server = https.createServer(
    {
      key: await readFile(certs.serverKeyFile),
      cert: await readFile(certs.serverCertFile),
      ca: await readFile(certs.caFile),
      // Like an API server with client-certificate auth: no certificate, no answer.
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'https://fake');
        const text = Buffer.concat(chunks).toString('utf8');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType: req.headers['content-type'] ?? null,
          body: text === '' ? undefined : (parseYaml(text) as unknown),
        };
        requests.push(recorded);
        const answer = answerRequest(recorded, { store, script, gitVersion, statsCalls });
        res.writeHead(answer.code, { 'content-type': answer.type });
        res.end(answer.body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = await writeFakeKubeconfig(url, certs);
  return {
    url,
    kubeconfigPath: kubeconfig.path,
    store,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await kubeconfig.dispose();
      await certs.dispose();
    },
  };
}
