// What each mesh contributes to a cluster run, as data: how it is installed and enrolled, how mTLS
// is enforced and verified, and which pods and containers are the mesh's when CPU and memory are
// attributed. src/cluster/ composes these; src/mesh/<mesh>/ builds them.
import type { MeshId, Placement } from '../config/types.js';
import type { KubeApi, PodInfo } from '../kube/kubeApi.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { Component, Mtls } from '../results/schema.js';
import type { KubeObject, Step } from '../cluster/steps.js';

/** Pods that belong to the mesh rather than to the workload, found by namespace and labels. */
export interface MeshPodSelector {
  namespace: string;
  labelSelector: string;
  /** node-agent: only pods on the client's and server's nodes count; control-plane: all of them. */
  component: Extract<Component, 'node-agent' | 'control-plane'>;
}

export interface Attribution {
  /** Containers inside the workload pods that are the mesh's proxy (client-proxy / server-proxy). */
  proxyContainers: readonly string[];
  meshPods: readonly MeshPodSelector[];
}

export interface MeshInstallInfo {
  version: string;
  profile: string;
  /** Flags and settings that shape the data path, recorded in the result. */
  flags: readonly string[];
}

export interface MeshPlan {
  mesh: MeshId;
  info: MeshInstallInfo;
  /** Cluster-wide install, with the waits that prove it is ready. Empty for none and app-mtls. */
  install: readonly Step[];
  /** Labels and annotations that enroll the benchmark namespace. */
  namespaceLabels: Readonly<Record<string, string>>;
  namespaceAnnotations: Readonly<Record<string, string>>;
  /** Objects that enforce mTLS in the benchmark namespace (PeerAuthentication, policies). */
  enforce: readonly KubeObject[];
  /** What verification checks, for the dry run; the checks themselves are in `verify`. */
  verifyStep: Step;
  attribution: Attribution;
  /** Removes what install added on a cluster the run did not create (provider existing). */
  uninstall: readonly Step[];
}

export interface VerifyContext {
  kube: KubeApi;
  runner: ProcessRunner;
  /** Paths of the CLIs, as resolved by src/tools/. */
  tools: Readonly<Record<string, string>>;
  namespace: string;
  client: PodInfo;
  server: PodInfo;
  placement: Placement;
  /**
   * The server as the load generators reach it, through its Service: e.g.
   * `http://server.<namespace>.svc.cluster.local:8080` (https for app-mtls).
   */
  serverUrl: string;
  /**
   * Path on the server that answers with the request headers it received: `/debug/headers` on the
   * builtin server (the default), `/debug` on fortio's server.
   */
  serverHeadersPath?: string;
  /** An image with `node` on PATH for short-lived probe pods (the workload's pinned Node image). */
  probeImage: string;
  /** app-mtls: the Secret in `namespace` holding the run's certificates (APP_MTLS_SECRET_KEYS). */
  certificatesSecret?: string;
}

export interface MeshVerifier {
  /** Checks mTLS on the path the next trial measures; verified only if every check passed. */
  verify(context: VerifyContext): Promise<Mtls>;
}
