// The fake API server's memory: objects keyed by resource, namespace and name, server-side apply,
// deletion (namespaces linger in Terminating), and the controllers that turn a Deployment or a
// DaemonSet into pods and move statuses along as the client polls.
import { randomUUID } from 'node:crypto';
import { parseLabelSelector } from './labelSelector.js';
import {
  BUILTIN_RESOURCES,
  CRD_TYPE,
  customResourceTypes,
  notFound,
  StoreError,
  type ResourceType,
} from './fakeKubeResources.js';
import {
  crdStatus,
  daemonSetNodes,
  daemonSetStatus,
  deploymentStatus,
  podSpec,
  podStatus,
  scheduleNode,
  type FakeObject,
  type FakeStoreScript,
  type Json,
} from './fakeKubeSimulation.js';

/** An object to store as is; the store adds uid, resourceVersion and timestamps. */
export interface SeedObject {
  apiVersion: string;
  kind: string;
  metadata: Partial<FakeObject['metadata']> & { name: string };
  spec?: Json;
  status?: Json;
}

const keyOf = (type: ResourceType, namespace: string | undefined, name: string): string =>
  `${type.group}/${type.plural}/${namespace ?? ''}/${name}`;

export class FakeKubeStore {
  private readonly objects = new Map<string, FakeObject>();
  private readonly reads = new Map<string, number>();
  /** Seeded objects keep the status the test gave them. */
  private readonly frozen = new Set<string>();
  private version = 1;

  constructor(private readonly script: FakeStoreScript = {}) {}

  resourceTypes(): ResourceType[] {
    return [...BUILTIN_RESOURCES, ...customResourceTypes(this.all(CRD_TYPE))];
  }

  resource(group: string, version: string, plural: string): ResourceType | undefined {
    return this.resourceTypes().find(
      (t) => t.group === group && t.version === version && t.plural === plural,
    );
  }

  private all(type: ResourceType): FakeObject[] {
    const prefix = `${type.group}/${type.plural}/`;
    return [...this.objects].filter(([k]) => k.startsWith(prefix)).map(([, o]) => o);
  }

  private type(kind: string): ResourceType {
    const type = this.resourceTypes().find((t) => t.kind === kind);
    if (!type) throw new Error(`no resource type for kind ${kind}`);
    return type;
  }

  /** Stores an object as is (status included): nodes, mesh pods and other pre-existing state. */
  seed(object: SeedObject): FakeObject {
    const type = this.type(object.kind);
    const stored = this.stamp(object as unknown as FakeObject);
    const key = keyOf(type, stored.metadata.namespace, stored.metadata.name);
    this.objects.set(key, stored);
    this.frozen.add(key);
    return stored;
  }

  private stamp(object: FakeObject): FakeObject {
    const copy = structuredClone(object);
    // Seeded and applied objects arrive without what the server fills in.
    const meta: Partial<FakeObject['metadata']> = copy.metadata;
    meta.uid ??= randomUUID();
    meta.creationTimestamp ??= new Date().toISOString();
    meta.generation ??= 1;
    copy.metadata.resourceVersion = String(this.version++);
    return copy;
  }

  /** The object as it is, without counting as a read. */
  peek(type: ResourceType, namespace: string | undefined, name: string): FakeObject {
    const object = this.objects.get(keyOf(type, namespace, name));
    if (!object) throw notFound(type, name);
    return object;
  }

  /** Every object of a kind, without counting as reads (for assertions). */
  objectsOf(kind: string): FakeObject[] {
    return this.all(this.type(kind));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): FakeObject {
    const key = keyOf(type, namespace, name);
    const object = this.objects.get(key);
    if (!object) throw notFound(type, name);
    this.observe(key, object);
    return this.objects.get(key) ?? object;
  }

  list(type: ResourceType, namespace: string | null, labelSelector: string | null): FakeObject[] {
    let matches: (labels: Record<string, string>) => boolean;
    try {
      matches = parseLabelSelector(labelSelector);
    } catch (error) {
      throw new StoreError(400, 'BadRequest', (error as Error).message);
    }
    const found = this.all(type).filter(
      (o) =>
        (namespace === null || o.metadata.namespace === namespace) &&
        matches(o.metadata.labels ?? {}),
    );
    for (const object of found) {
      this.observe(keyOf(type, object.metadata.namespace, object.metadata.name), object);
    }
    // Observing may remove objects (a namespace that finished terminating).
    return found.filter((o) =>
      this.objects.has(keyOf(type, o.metadata.namespace, o.metadata.name)),
    );
  }

  /** Server-side apply: creates, or merges the applied fields into the live object. */
  apply(type: ResourceType, namespace: string | undefined, name: string, body: Json): FakeObject {
    const applied = body as unknown as FakeObject;
    if (applied.kind !== type.kind || applied.metadata.name !== name) {
      throw new StoreError(400, 'BadRequest', 'the body does not match the URL (kind or name)');
    }
    if (type.namespaced) {
      const ns = this.objects.get(keyOf(this.type('Namespace'), undefined, namespace ?? ''));
      if (!ns) throw notFound(this.type('Namespace'), namespace ?? '');
      if (ns.metadata.deletionTimestamp) {
        throw new StoreError(403, 'Forbidden', `namespace ${namespace ?? ''} is being terminated`);
      }
    }
    const key = keyOf(type, namespace, name);
    const live = this.objects.get(key);
    const merged: FakeObject = live
      ? {
          ...live,
          ...applied,
          metadata: {
            ...live.metadata,
            labels: { ...live.metadata.labels, ...applied.metadata.labels },
            annotations: { ...live.metadata.annotations, ...applied.metadata.annotations },
          },
          status: live.status,
        }
      : { ...applied, metadata: { ...applied.metadata, ...(namespace ? { namespace } : {}) } };
    if (live && JSON.stringify(live.spec) !== JSON.stringify(applied.spec)) {
      merged.metadata.generation = live.metadata.generation + 1;
    }
    const stored = this.stamp(merged);
    this.objects.set(key, stored);
    this.reconcile(type, stored, live);
    return stored;
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): FakeObject {
    const key = keyOf(type, namespace, name);
    const object = this.objects.get(key);
    if (!object) throw notFound(type, name);
    if (type.kind === 'Namespace') {
      object.metadata.deletionTimestamp ??= new Date().toISOString();
      object.status = { phase: 'Terminating' };
      this.reads.set(key, 0);
      return object;
    }
    this.objects.delete(key);
    if (type.kind === 'Deployment' || type.kind === 'DaemonSet') this.deleteOwnedPods(object);
    return object;
  }

  private deleteOwnedPods(owner: FakeObject): void {
    const pods = this.type('Pod');
    for (const pod of this.all(pods)) {
      if (pod.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) {
        this.objects.delete(keyOf(pods, pod.metadata.namespace, pod.metadata.name));
      }
    }
  }

  /** What the controllers and the scheduler do right after a write. */
  private reconcile(
    type: ResourceType,
    object: FakeObject,
    previous: FakeObject | undefined,
  ): void {
    switch (type.kind) {
      case 'Namespace':
        object.status = { phase: 'Active' };
        break;
      case 'Pod':
        if (!previous) this.admit(object);
        this.schedule(object);
        break;
      case 'Deployment': {
        const template = (object.spec?.template ?? {}) as Json;
        const replicas = typeof object.spec?.replicas === 'number' ? object.spec.replicas : 1;
        const same =
          previous &&
          JSON.stringify(previous.spec?.template) === JSON.stringify(template) &&
          (previous.spec?.replicas ?? 1) === replicas;
        // A changed template or replica count recreates the pods (the Recreate strategy).
        if (same) break;
        this.deleteOwnedPods(object);
        for (let i = 0; i < replicas; i++) this.createOwnedPod(object, template, `${i}`);
        break;
      }
      case 'DaemonSet': {
        this.deleteOwnedPods(object);
        const template = (object.spec?.template ?? {}) as Json;
        for (const node of daemonSetNodes(template, this.all(this.type('Node')))) {
          this.createOwnedPod(object, template, node, node);
        }
        break;
      }
      default:
        break;
    }
  }

  private createOwnedPod(
    owner: FakeObject,
    template: Json,
    suffix: string,
    node?: string,
  ): FakeObject {
    const meta = (template.metadata ?? {}) as { labels?: Record<string, string> };
    const pod = this.stamp({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${owner.metadata.name}-${suffix}-${randomUUID().slice(0, 5)}`,
        namespace: owner.metadata.namespace,
        labels: { ...meta.labels },
        ownerReferences: [{ kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid }],
      } as FakeObject['metadata'],
      spec: {
        ...structuredClone((template.spec ?? {}) as Json),
        ...(node ? { nodeName: node } : {}),
      },
    });
    this.objects.set(keyOf(this.type('Pod'), pod.metadata.namespace, pod.metadata.name), pod);
    this.admit(pod);
    this.schedule(pod);
    return pod;
  }

  private admit(pod: FakeObject): void {
    const namespaces = this.type('Namespace');
    this.script.admitPod?.(
      pod,
      this.objects.get(keyOf(namespaces, undefined, pod.metadata.namespace ?? '')),
    );
  }

  private schedule(pod: FakeObject): void {
    const node = scheduleNode(pod, this.all(this.type('Node')), this.all(this.type('Pod')));
    if (node !== undefined) podSpec(pod).nodeName = node;
    pod.status ??= podStatus(pod, 0, this.timing(), {});
  }

  private timing(): { readyAfterReads: number; completeAfterReads: number } {
    return {
      readyAfterReads: this.script.podReadyAfterReads ?? 2,
      completeAfterReads: this.script.podCompleteAfterReads ?? 3,
    };
  }

  /** One read by the client: advances the simulated state of the object. */
  private observe(key: string, object: FakeObject): void {
    const reads = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, reads);
    if (this.frozen.has(key)) return;
    switch (object.kind) {
      case 'Namespace':
        if (
          object.metadata.deletionTimestamp &&
          reads >= (this.script.namespaceGoneAfterReads ?? 2)
        ) {
          for (const k of [...this.objects.keys()]) {
            if (this.objects.get(k)?.metadata.namespace === object.metadata.name)
              this.objects.delete(k);
          }
          this.objects.delete(key);
        }
        break;
      case 'Pod': {
        if (!podSpec(object).nodeName) this.schedule(object);
        const runsToEnd = podSpec(object).restartPolicy === 'Never';
        const exit = runsToEnd ? (this.script.podExit?.(object) ?? {}) : {};
        object.status = podStatus(object, reads, this.timing(), exit);
        break;
      }
      case 'Deployment':
        this.observeOwned(object, (ready, total) => deploymentStatus(object, ready, total));
        break;
      case 'DaemonSet': {
        const settled = reads >= (this.script.daemonSetReadyAfterReads ?? 1);
        this.observeOwned(object, (_, total) =>
          daemonSetStatus(object, settled ? total : 0, total),
        );
        break;
      }
      case 'CustomResourceDefinition':
        object.status = crdStatus(reads > (this.script.crdEstablishedAfterReads ?? 0));
        break;
      default:
        break;
    }
  }

  /** A controller watches its pods: reading the owner advances them too. */
  private observeOwned(owner: FakeObject, status: (ready: number, total: number) => Json): void {
    const type = this.type('Pod');
    const pods = this.all(type).filter((p) =>
      p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid),
    );
    for (const pod of pods)
      this.observe(keyOf(type, pod.metadata.namespace, pod.metadata.name), pod);
    const ready = pods.filter((p) => p.status?.phase === 'Running').length;
    owner.status = status(ready, pods.length);
  }
}
