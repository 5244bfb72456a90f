// Names, labels, images and sizes every workload manifest shares, so builders, the orchestration
// and the attribution agree on how to find the server and the load generators.

/**
 * The stock Node image, pinned by the digest of its multi-arch index: a tag can be re-pushed, a
 * digest cannot. docker.io/library/node:22.12.0-alpine resolves to this digest in public build
 * logs (docker buildx "resolve docker.io/library/node:22.12.0-alpine@sha256:51eff88a...").
 */
export const NODE_IMAGE =
  'docker.io/library/node:22.12.0-alpine@sha256:51eff88af6dff26f59316b6e356188ffa2c422bd3c3b76f2556a2e7e89d080bd';

/**
 * fortio, the study's tool, at the version this project builds its fortio support against. Pinned
 * by tag only: no published digest of 1.68.2 could be confirmed from public sources.
 */
export const FORTIO_IMAGE = 'docker.io/fortio/fortio:1.68.2';

export const SERVER_NAME = 'mesh-perf-server';
export const CLIENT_SERVICE_ACCOUNT = 'mesh-perf-client';
export const SCRIPTS_CONFIG_MAP = 'mesh-perf-scripts';
export const SERVER_TLS_SECRET = 'mesh-perf-server-tls';
export const CLIENT_TLS_SECRET = 'mesh-perf-client-tls';
export const SERVER_PORT = 8080;
/** Container names: the app containers attribution charges to client and server. */
export const SERVER_CONTAINER = 'server';
export const GENERATOR_CONTAINER = 'loadgen';

export const SCRIPTS_DIR = '/opt/mesh-perf';
export const TLS_DIR = '/etc/mesh-perf/tls';

export const LABELS = {
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  name: 'app.kubernetes.io/name',
  runId: 'mesh-perf/run-id',
  role: 'mesh-perf/role',
  trial: 'mesh-perf/trial',
  generator: 'mesh-perf/generator',
} as const;

export type Role = 'server' | 'client';

/** A label value: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric. */
export function labelValue(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '') || 'x';
}

/** Labels of every object of a run; the namespace is per run too, so these mainly help people. */
export function commonLabels(runId: string): Record<string, string> {
  return {
    [LABELS.partOf]: 'mesh-perf',
    [LABELS.managedBy]: 'mesh-perf',
    [LABELS.runId]: labelValue(runId),
  };
}

/** Selects the pods of one role of one run. */
export function roleSelector(runId: string, role: Role): Record<string, string> {
  return { [LABELS.runId]: labelValue(runId), [LABELS.role]: role };
}

/** The same, as a label-selector string for list calls. */
export function selectorString(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** The server's DNS names inside the cluster, for its certificate and the client's SNI. */
export function serverDnsNames(namespace: string): string[] {
  return [
    SERVER_NAME,
    `${SERVER_NAME}.${namespace}`,
    `${SERVER_NAME}.${namespace}.svc`,
    `${SERVER_NAME}.${namespace}.svc.cluster.local`,
  ];
}

/** CPU and memory of one container, as Kubernetes quantities ("1", "500m"; "512Mi"). */
export interface ResourceSize {
  cpu: string;
  memory: string;
}

/**
 * Requests equal limits, so pods get the Guaranteed QoS class: never evicted first, the same CPU
 * share on every run, and exclusive cores where the kubelet's static CPU manager is on. A generator
 * at its 4000 RPS ceiling uses about a third of its core; the server carries the whole rate, and
 * its second core leaves room for garbage collection and I/O threads beside the JavaScript one, so
 * CFS throttling stays out of the tail. An injected proxy brings its own sizes.
 */
export const DEFAULT_RESOURCES: Readonly<Record<Role, ResourceSize>> = {
  server: { cpu: '2', memory: '512Mi' },
  client: { cpu: '1', memory: '512Mi' },
};

/** Cores in a CPU quantity: "2" -> 2, "1500m" -> 1.5; anything else throws. */
export function cpuCores(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity.trim());
  if (!match) throw new RangeError(`not a CPU quantity: "${quantity}"`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value / 1000 : value;
}
