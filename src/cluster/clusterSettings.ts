// What the cluster providers need from the configuration and from the machine they run on, as
// plain data, so every plan is a pure function of it.
import type { Config } from '../config/types.js';
import type { Leftover } from '../lifecycle/cleanup.js';
import type { Step } from './steps.js';

export type ClusterProvider = Exclude<Config['provider'], 'local'>;

export interface ClusterSettings {
  provider: ClusterProvider;
  name: string;
  /** Worker nodes (kind adds one control-plane node; GKE's control plane is managed). */
  nodes: number;
  kindNodeImage: string;
  gkeProject: string | null;
  gkeZone: string | null;
  gkeMachineType: string;
  gkeExpiryMs: number;
  kubeContext: string | null;
  /** Cilium replaces the CNI and kube-proxy, so kind must start without them. */
  cilium: boolean;
  /** Images pulled once on the runner and loaded into kind's nodes. */
  images: readonly string[];
}

/** Facts about the machine, read once before planning (see hostFacts.ts). */
export interface HostFacts {
  inActions: boolean;
  os: NodeJS.Platform;
  inotify: { maxUserWatches: number | null; maxUserInstances: number | null };
  now: Date;
  /** Who started the run: the repository in Actions, else the user; becomes the owner label. */
  owner: string;
}

/** How kubectl and the API client reach the cluster. undefined: the user's own kubeconfig. */
export interface ClusterAccess {
  kubeconfig: string | undefined;
  context: string | undefined;
}

export interface ClusterPlan {
  up: Step[];
  down: Step[];
  access: ClusterAccess;
  /** Environment for every command of the plan (KUBECONFIG of the private kubeconfig). */
  env: Readonly<Record<string, string>>;
  /** What the post step must remove if the run is killed; null when nothing is created. */
  leftover: Leftover | null;
}

/** A short DNS label, also valid as a GKE cluster name (at most 40 characters). */
export function defaultClusterName(runId: string): string {
  return `mesh-perf-${runId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8)}`;
}

export function clusterSettings(
  config: Config,
  runId: string,
  images: readonly string[] = [],
): ClusterSettings {
  if (config.provider === 'local') {
    throw new Error('the local provider has no cluster settings');
  }
  return {
    provider: config.provider,
    name: config.clusterName ?? defaultClusterName(runId),
    nodes: config.nodes,
    kindNodeImage: config.kindNodeImage,
    gkeProject: config.gkeProject,
    gkeZone: config.gkeZone,
    gkeMachineType: config.gkeMachineType,
    gkeExpiryMs: config.gkeExpiryMs,
    kubeContext: config.kubeContext,
    cilium: config.meshes.includes('cilium'),
    images,
  };
}
