// KubeApi on @kubernetes/client-node 2.x (promise API, object parameters). Objects are created and
// updated by server-side apply, waits poll typed checks with a bounded interval, and every failure
// becomes an InfraError whose message and cause hold no API response body, header or credential.
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
} from '@kubernetes/client-node';
import { describeWait, type KubeObject, type WaitTarget } from '../cluster/steps.js';
import { InfraError } from '../errors.js';
import type { KubeApi, NodeInfo, PodInfo } from './kubeApi.js';
import { httpStatusOf, kubeFailure, withTimeout } from './kubeErrors.js';
import { toNodeInfo, toPodInfo } from './podInfo.js';
import { pollUntil } from './pollUntil.js';
import { rawGet } from './rawGet.js';
import {
  crdEstablished,
  daemonSetReady,
  deploymentAvailable,
  nodesReady,
  podCompleted,
  podsReady,
  type Check,
} from './waitConditions.js';

export const FIELD_MANAGER = 'mesh-perf';

export interface ClientNodeKubeApiOptions {
  /**
   * Path of the kubeconfig; read once, never printed. Several paths are merged as kubectl merges
   * KUBECONFIG: the first file to name a context, cluster or user wins, and the first
   * current-context is the current one.
   */
  kubeconfigPath: string | readonly string[];
  /** A context other than the file's current one. */
  context?: string;
  /** Bound on each API request (default 30 s). */
  requestTimeoutMs?: number;
  /** Interval between polls of a wait (default 2 s). */
  pollIntervalMs?: number;
}

/** Loads the kubeconfig; its contents and path stay out of every message. */
export function loadKubeConfig(path: string | readonly string[], context?: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    const [first, ...rest] = typeof path === 'string' ? [path] : path;
    kc.loadFromFile(first ?? '');
    for (const file of rest) mergeFirstWins(kc, file);
  } catch (error) {
    // YAML and file errors quote the offending text, which may be a token: keep only the kind.
    const kind = error instanceof Error ? error.name : typeof error;
    throw new InfraError(`could not load the kubeconfig file (${kind})`);
  }
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      throw new InfraError(`the kubeconfig has no context named "${context}"`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw new InfraError('the kubeconfig names no current context with a cluster');
  }
  return kc;
}

/** Adds what a later kubeconfig file names that the earlier ones did not (kubectl's merge rule). */
function mergeFirstWins(kc: KubeConfig, file: string): void {
  const next = new KubeConfig();
  next.loadFromFile(file);
  const add = <T extends { name: string }>(
    items: readonly T[],
    have: readonly T[],
    put: (item: T) => void,
  ): void => {
    for (const item of items) if (!have.some((h) => h.name === item.name)) put(item);
  };
  add(next.clusters, kc.clusters, (c) => {
    kc.addCluster(c);
  });
  add(next.users, kc.users, (u) => {
    kc.addUser(u);
  });
  add(next.contexts, kc.contexts, (c) => {
    kc.addContext(c);
  });
  if (kc.currentContext === '' && next.currentContext !== '')
    kc.setCurrentContext(next.currentContext);
}

export function createClientNodeKubeApi(options: ClientNodeKubeApiOptions): KubeApi {
  return new ClientNodeKubeApi(loadKubeConfig(options.kubeconfigPath, options.context), options);
}

class ClientNodeKubeApi implements KubeApi {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly crds: ApiextensionsV1Api;
  private readonly objects: KubernetesObjectApi;
  private readonly version: VersionApi;
  private readonly requestTimeoutMs: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly kc: KubeConfig,
    options: ClientNodeKubeApiOptions,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.crds = kc.makeApiClient(ApiextensionsV1Api);
    this.version = kc.makeApiClient(VersionApi);
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
  }

  /** One request, bounded in time; failures are described, never dumped. */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(request(), this.requestTimeoutMs, what);
    } catch (error) {
      throw kubeFailure(what, error);
    }
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    for (const object of objects) {
      // The client fills in defaults (namespace, apiVersion) on the object it is handed.
      const copy = structuredClone(object);
      await this.call(`apply ${describeObject(object)}`, () =>
        // Server-side apply: creates or updates in one call, owned by our field manager; force
        // takes over fields a previous run (or kubectl) set, as a re-run must win.
        this.objects.patch(
          copy,
          undefined,
          undefined,
          FIELD_MANAGER,
          true,
          PatchStrategy.ServerSideApply,
        ),
      );
    }
  }

  async deleteObjects(objects: readonly KubeObject[]): Promise<void> {
    for (const object of objects) {
      const what = `delete ${describeObject(object)}`;
      try {
        await withTimeout(
          this.objects.delete(
            structuredClone(object),
            undefined,
            undefined,
            undefined,
            undefined,
            'Background',
          ),
          this.requestTimeoutMs,
          what,
        );
      } catch (error) {
        if (httpStatusOf(error) !== 404) throw kubeFailure(what, error);
      }
    }
  }

  async deleteNamespace(name: string, timeoutMs: number): Promise<void> {
    const what = `delete namespace ${name}`;
    try {
      await withTimeout(this.core.deleteNamespace({ name }), this.requestTimeoutMs, what);
    } catch (error) {
      if (httpStatusOf(error) === 404) return;
      throw kubeFailure(what, error);
    }
    await pollUntil(
      async (): Promise<Check> => {
        try {
          const ns = await withTimeout(
            this.core.readNamespace({ name }),
            this.requestTimeoutMs,
            `read namespace ${name}`,
          );
          return { kind: 'pending', why: `phase ${ns.status?.phase ?? 'unknown'}` };
        } catch (error) {
          if (httpStatusOf(error) === 404) return { kind: 'holds' };
          throw error;
        }
      },
      { timeoutMs, intervalMs: this.pollIntervalMs, what: `namespace ${name} is gone` },
    );
  }

  async listNodes(): Promise<NodeInfo[]> {
    const list = await this.call('list nodes', () => this.core.listNode());
    return list.items.map(toNodeInfo);
  }

  async listPods(namespace: string | null, labelSelector?: string): Promise<PodInfo[]> {
    const where = namespace === null ? 'all namespaces' : namespace;
    const list = await this.call(`list pods in ${where}`, () =>
      namespace === null
        ? this.core.listPodForAllNamespaces({ labelSelector })
        : this.core.listNamespacedPod({ namespace, labelSelector }),
    );
    return list.items.map(toPodInfo);
  }

  async podLogs(namespace: string, pod: string, container?: string): Promise<string> {
    return this.call(`read the log of pod ${namespace}/${pod}`, () =>
      this.core.readNamespacedPodLog({ namespace, name: pod, container }),
    );
  }

  async wait(target: WaitTarget, timeoutMs: number): Promise<void> {
    await pollUntil(() => this.check(target), {
      timeoutMs,
      intervalMs: this.pollIntervalMs,
      what: describeWait(target),
    });
  }

  private async check(target: WaitTarget): Promise<Check> {
    const bound = <T>(promise: Promise<T>): Promise<T> =>
      withTimeout(promise, this.requestTimeoutMs, describeWait(target));
    switch (target.type) {
      case 'nodes-ready':
        return nodesReady((await bound(this.core.listNode())).items);
      case 'crd-established':
        return crdEstablished(
          await bound(this.crds.readCustomResourceDefinition({ name: target.name })),
        );
      case 'deployment-available':
        return deploymentAvailable(await bound(this.apps.readNamespacedDeployment(target)));
      case 'daemonset-ready':
        return daemonSetReady(await bound(this.apps.readNamespacedDaemonSet(target)));
      case 'pods-ready':
        return podsReady((await bound(this.core.listNamespacedPod(target))).items);
      case 'pod-completed':
        return podCompleted(await bound(this.core.readNamespacedPod(target)));
    }
  }

  async nodeStatsSummary(node: string): Promise<unknown> {
    // only_cpu_and_memory skips the filesystem and network stats the attribution does not use.
    const path = `/api/v1/nodes/${encodeURIComponent(node)}/proxy/stats/summary?only_cpu_and_memory=true`;
    const response = await this.call(`read the kubelet Summary of node ${node}`, () =>
      rawGet(this.kc, path, this.requestTimeoutMs),
    );
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      // The parser's message quotes the body; the size and type say enough.
      throw new InfraError(
        `the kubelet Summary of node ${node} is not JSON (${response.body.length} bytes of ${response.contentType || 'unknown type'})`,
      );
    }
  }

  async serverVersion(): Promise<string> {
    const info = await this.call('read the server version', () => this.version.getCode());
    return info.gitVersion;
  }
}

function describeObject(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace === undefined ? name : `${namespace}/${name}`}`;
}
