// What every mesh plan is built from: the cluster provider, the benchmark namespace and the
// configured mesh releases. The timeouts bound each install command and readiness wait.
import type { CiliumEncryption, Config, MeshId, Provider } from '../config/types.js';

export type ClusterProvider = Exclude<Provider, 'local'>;

export interface MeshPlanOptions {
  provider: ClusterProvider;
  /** The run's own namespace, where the server and load generators run. */
  namespace: string;
  istioVersion: string;
  linkerdVersion: string;
  ciliumVersion: string;
  ciliumEncryption: CiliumEncryption;
  /** The other meshes measured on the same cluster in this run (none: this one alone). */
  sharedWith?: readonly MeshId[];
}

export function meshPlanOptions(
  config: Config,
  provider: ClusterProvider,
  namespace: string,
): MeshPlanOptions {
  return {
    provider,
    namespace,
    istioVersion: config.istioVersion,
    linkerdVersion: config.linkerdVersion,
    ciliumVersion: config.ciliumVersion,
    ciliumEncryption: config.ciliumEncryption,
    sharedWith: config.meshes,
  };
}

/** An install command (download of images included) may take this long. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** A readiness wait after an install. */
export const READY_TIMEOUT_MS = 5 * 60_000;
/** A CustomResourceDefinition becoming Established. */
export const CRD_TIMEOUT_MS = 60_000;
/** A removal command on an existing cluster. */
export const UNINSTALL_TIMEOUT_MS = 5 * 60_000;
