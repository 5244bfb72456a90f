// What one scenario's workload in a cluster is made of, as plain data: the cluster provider fills
// it from the configuration and the MeshPlan, and the manifest builders turn it into objects.
import type { KubeObject } from '../cluster/steps.js';
import type { EngineId, MeshId, Placement, ServerId } from '../config/types.js';
import type { ResourceSize, Role } from './workloadNames.js';

/** PEM text of the run's certificates (src/certs/runCertificates.ts), for app-mtls only. */
export interface WorkloadTls {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** The two bundles the builtin engine runs in the stock Node image (dist/server.mjs, loadgen.mjs). */
export interface BundledScripts {
  server: string;
  loadgen: string;
}

export interface WorkloadPlan {
  runId: string;
  /** One namespace per run and scenario, created and deleted by the run. */
  namespace: string;
  mesh: MeshId;
  /** From the MeshPlan: what enrolls the namespace in the mesh. */
  namespaceLabels: Readonly<Record<string, string>>;
  namespaceAnnotations: Readonly<Record<string, string>>;
  /** From the MeshPlan: objects that enforce mTLS in the namespace, applied before the server. */
  enforce: readonly KubeObject[];
  /**
   * The mesh's annotations for pods that run to completion (its proxy as a native sidecar, which
   * ends with the generator instead of keeping the pod running); none when absent.
   */
  generatorAnnotations?: Readonly<Record<string, string>>;
  /** The load generators: the builtin engine's Node generator, or fortio. */
  engine: EngineId;
  /** The program answering: our Node server or fortio's; absent, the engine's own. */
  server?: ServerId;
  placement: Placement;
  serverDelayMs: number;
  payloadBytes: number;
  /** Set for app-mtls: the server requires client certificates from the run's CA. */
  tls: WorkloadTls | null;
  /** Required for the builtin engine. */
  scripts: BundledScripts | null;
  /** Overrides of the pinned images (a mirror, a newer tag). */
  images?: { node?: string; fortio?: string };
  resources?: Partial<Record<Role, ResourceSize>>;
}

/** The server the plan runs: the one asked for, else the engine's own. */
export function serverOf(plan: Pick<WorkloadPlan, 'engine' | 'server'>): ServerId {
  return plan.server ?? plan.engine;
}

/** Whether any pod runs one of the bundles (the builtin server or the builtin generator). */
export function usesBundles(plan: Pick<WorkloadPlan, 'engine' | 'server'>): boolean {
  return plan.engine === 'builtin' || serverOf(plan) === 'builtin';
}
