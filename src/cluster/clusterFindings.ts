// What a cluster run learned that the result records: the fingerprint of the nodes the client and
// the server ran on (instead of the runner's), the mesh releases, and each scenario's meshConfig,
// where a mesh found already installed on an existing cluster is recorded as found.
import type { MeshId } from '../config/types.js';
import type { NodeInfo } from '../kube/kubeApi.js';
import { clusterEnvironment } from '../results/clusterEnvironment.js';
import type { Environment, MeshConfig } from '../results/schema.js';

export interface ClusterFacts {
  nodes: readonly NodeInfo[];
  /** null until the cluster answered. */
  kubernetesVersion: string | null;
  /** Nodes the client and server pods ran on. */
  usedNodes: ReadonlySet<string>;
}

/** The planned meshConfig, or the one of a mesh found running (its release as the image names it). */
export function recordedMeshConfig(planned: MeshConfig, found: string | undefined): MeshConfig {
  if (found === undefined) return planned;
  return {
    version: found,
    profile: 'found installed on the cluster (not installed or removed by this run)',
    flags: planned.flags.filter((flag) => !flag.startsWith('--set')),
  };
}

export function clusterRunEnvironment(
  base: Environment,
  facts: ClusterFacts,
  meshConfigs: ReadonlyMap<MeshId, MeshConfig>,
): Environment {
  const meshVersions: Record<string, string> = {};
  for (const [mesh, config] of meshConfigs) {
    if (config.version !== 'n/a') meshVersions[mesh] = config.version;
  }
  if (facts.kubernetesVersion === null) return { ...base, meshVersions };
  return {
    ...clusterEnvironment(base, facts.nodes, facts.kubernetesVersion, [...facts.usedNodes]),
    meshVersions,
  };
}
