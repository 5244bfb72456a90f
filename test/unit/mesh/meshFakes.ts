// Fakes at the two edges the mesh verifiers use: the Kubernetes API (KubeApi) and the process
// runner. Probe pods "run" by answering, per request of the spec they were created with, what the
// test says the network would have done; everything they receive is recorded for assertions.
import type { KubeObject, WaitTarget } from '../../../src/cluster/steps.js';
import type { KubeApi, NodeInfo, PodInfo } from '../../../src/kube/kubeApi.js';
import type { VerifyContext } from '../../../src/mesh/meshPlan.js';
import type { ProbeOutcome, ProbeRequest, ProbeSpec } from '../../../src/mesh/probe/probePod.js';
import { PROBE_MARK, PROBE_SPEC_ENV } from '../../../src/mesh/probe/probeScript.js';
import type { CommandResult, ProcessRunner } from '../../../src/process/processRunner.js';

export interface PodShape {
  name: string;
  node: string | null;
  namespace?: string;
  serviceAccount?: string | null;
  containers?: { name: string; ready?: boolean }[];
  initContainers?: { name: string; ready?: boolean; sidecar: boolean }[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  ready?: boolean;
}

export function pod(shape: PodShape): PodInfo {
  return {
    namespace: shape.namespace ?? 'bench',
    name: shape.name,
    nodeName: shape.node,
    phase: 'Running',
    ready: shape.ready ?? true,
    labels: shape.labels ?? {},
    annotations: shape.annotations ?? {},
    serviceAccount:
      shape.serviceAccount === undefined
        ? (shape.name.split('-')[0] ?? null)
        : shape.serviceAccount,
    containers: (shape.containers ?? [{ name: 'app' }]).map((c) => ({
      name: c.name,
      image: `example.test/${c.name}`,
      ready: c.ready ?? true,
      restarts: 0,
    })),
    initContainers: (shape.initContainers ?? []).map((c) => ({
      name: c.name,
      image: `example.test/${c.name}`,
      ready: c.ready ?? true,
      restarts: 0,
      sidecar: c.sidecar,
    })),
  };
}

/** What the network does with one probe request, decided by the test. */
export type ProbeBehaviour = (probe: {
  namespace: string;
  pod: KubeObject;
  request: ProbeRequest;
}) => ProbeOutcome;

export const refused = (reason = 'ECONNRESET: socket hang up'): ProbeOutcome => ({
  kind: 'refused',
  reason,
});
export const answered = (status: number, headers: Record<string, string> = {}): ProbeOutcome => ({
  kind: 'response',
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ headers }),
  tls: null,
});

export class FakeKube implements KubeApi {
  readonly applied: KubeObject[] = [];
  readonly deleted: string[] = [];
  readonly waits: WaitTarget[] = [];
  readonly logReads: string[] = [];
  pods: PodInfo[] = [];
  nodes = 3;
  /** Pod names (namespace/name) that never complete. */
  stuck = new Set<string>();
  /** Logs of non-probe pods, per read: the last entry repeats. */
  logs = new Map<string, string[]>();

  constructor(private readonly behaviour: ProbeBehaviour) {}

  apply(objects: readonly KubeObject[]): Promise<void> {
    this.applied.push(...objects);
    return Promise.resolve();
  }
  deleteNamespace(name: string): Promise<void> {
    this.deleted.push(name);
    return Promise.resolve();
  }
  deleteObjects(objects: readonly KubeObject[]): Promise<void> {
    this.deleted.push(...objects.map((o) => `${o.kind}/${o.metadata.name}`));
    return Promise.resolve();
  }
  listNodes(): Promise<NodeInfo[]> {
    return Promise.resolve(
      Array.from({ length: this.nodes }, (_, i) => ({
        name: `node-${i}`,
        ready: true,
        labels: {},
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0',
        kubeletVersion: 'v1.33.1',
        containerRuntimeVersion: 'containerd://2.1.1',
        instanceType: null,
        cpuCapacity: '4',
        memoryCapacity: '16Gi',
      })),
    );
  }
  listPods(namespace: string | null, labelSelector?: string): Promise<PodInfo[]> {
    const [key, value] = (labelSelector ?? '').split('=');
    return Promise.resolve(
      this.pods.filter(
        (p) =>
          (namespace === null || p.namespace === namespace) &&
          (key === undefined || key === '' || p.labels[key] === value),
      ),
    );
  }
  podLogs(namespace: string, name: string): Promise<string> {
    const key = `${namespace}/${name}`;
    this.logReads.push(key);
    const probe = this.applied.find(
      (o) => o.kind === 'Pod' && o.metadata.name === name && o.metadata.namespace === namespace,
    );
    if (probe) return Promise.resolve(this.probeLog(namespace, probe));
    const reads = this.logs.get(key) ?? [''];
    const next = reads.length > 1 ? reads.shift() : reads[0];
    return Promise.resolve(next ?? '');
  }
  wait(target: WaitTarget): Promise<void> {
    this.waits.push(target);
    if (target.type === 'pod-completed' && this.stuck.has(`${target.namespace}/${target.name}`)) {
      return Promise.reject(
        new Error(`pod ${target.namespace}/${target.name} has not completed after 300 s`),
      );
    }
    return Promise.resolve();
  }
  nodeStatsSummary(): Promise<unknown> {
    return Promise.resolve({});
  }
  serverVersion(): Promise<string> {
    return Promise.resolve('v1.33.1');
  }

  /** The probe pods created, by namespace/name. */
  probePods(): KubeObject[] {
    return this.applied.filter((o) => o.kind === 'Pod');
  }

  private probeLog(namespace: string, probe: KubeObject): string {
    const spec = probeSpecOf(probe);
    const lines = spec.requests.map((request) => {
      const outcome = this.behaviour({ namespace, pod: probe, request });
      return PROBE_MARK + JSON.stringify({ name: request.name, attempts: 1, ...outcome });
    });
    return ['some sidecar line', ...lines, ''].join('\n');
  }
}

export function probeSpecOf(probe: KubeObject): ProbeSpec {
  const spec = probe.spec as { containers: { env: { name: string; value: string }[] }[] };
  const value = spec.containers[0]?.env.find((e) => e.name === PROBE_SPEC_ENV)?.value ?? '{}';
  return JSON.parse(value) as ProbeSpec;
}

type Reply = CommandResult | ((args: readonly string[]) => CommandResult);

export class FakeRunner implements ProcessRunner {
  readonly calls: { command: string; args: readonly string[] }[] = [];
  constructor(private readonly reply: (command: string, args: readonly string[]) => Reply) {}
  run(command: string, args: readonly string[]): Promise<CommandResult> {
    this.calls.push({ command, args });
    const reply = this.reply(command, args);
    return Promise.resolve(typeof reply === 'function' ? reply(args) : reply);
  }
}

export const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

export function context(
  kube: FakeKube,
  runner: ProcessRunner,
  client: PodInfo,
  server: PodInfo,
  over: Partial<VerifyContext> = {},
): VerifyContext {
  return {
    kube,
    runner,
    tools: { istioctl: '/tools/istioctl', linkerd: '/tools/linkerd', kubectl: '/tools/kubectl' },
    namespace: 'bench',
    client,
    server,
    placement: client.nodeName === server.nodeName ? 'same-node' : 'cross-node',
    serverUrl: 'http://server.bench.svc.cluster.local:8080',
    probeImage: 'node:22-alpine',
    ...over,
  };
}

export const noSleep = { suffix: () => 'abc123', sleep: () => Promise.resolve() };
