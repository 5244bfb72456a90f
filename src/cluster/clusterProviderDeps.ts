// What the cluster provider is built from: the seams tests replace (process runner, host facts,
// tool installer, Kubernetes client, timings) and the mesh catalog, with the production defaults.
import type { MeshId } from '../config/types.js';
import { createClientNodeKubeApi } from '../kube/clientNodeKubeApi.js';
import type { KubeApi } from '../kube/kubeApi.js';
import type { MeshPlan, MeshVerifier } from '../mesh/meshPlan.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { Mtls } from '../results/schema.js';
import { installTool } from '../tools/installTool.js';
import { platformOf, type Platform } from '../tools/platform.js';
import { TOOLS } from '../tools/registry.js';
import { actionsToolCache } from '../tools/toolCacheSeam.js';
import type { KubeObject } from './steps.js';
import type { RunMaterial } from './appMtlsMaterial.js';
import type { ClusterAccess, HostFacts } from './clusterSettings.js';
import type { ClusterNetwork, ScenarioPlan } from './clusterRunPlan.js';
import type { MeshReleases, ToolNeed } from './clusterTools.js';
import { hostFacts } from './hostFacts.js';
import { userKubeconfigFiles } from './clusterAccess.js';
import type { ScenarioTimings } from './scenarioWorkloads.js';
import type { DeployedWorkload } from '../workload/deployWorkload.js';

/** The meshes' side of the composition (src/mesh/), behind one small interface. */
export interface MeshCatalog {
  plan: (mesh: MeshId, namespace: string) => MeshPlan;
  verifier: (mesh: MeshId) => MeshVerifier;
  /** Annotations for the scenario's load-generator pods (the proxy as a native sidecar). */
  completionAnnotations: (mesh: MeshId) => Readonly<Record<string, string>>;
  /** The cluster's network when Cilium provides it for every scenario. */
  network: ClusterNetwork | null;
  releases: MeshReleases;
  /** Objects a scenario needs besides its workload (the app-mtls verifier's certificates). */
  extraObjects: (scenario: ScenarioPlan, material: RunMaterial) => KubeObject[];
  /** Everything the scenario's verifier gets: pods, URLs, images, the tools and the API. */
  verifyContext: (
    scenario: ScenarioPlan,
    deployed: DeployedWorkload,
    base: { kube: KubeApi; runner: ProcessRunner; tools: Readonly<Record<string, string>> },
  ) => Parameters<MeshVerifier['verify']>[0];
}

export interface ClusterTimings extends ScenarioTimings {
  /** Between polls of the API client's readiness waits. */
  apiPollIntervalMs: number;
  /** How long before the generators' common start their pods are created. */
  startDelayMs: number;
  /** How long past their due time generators may take before they count as not finished. */
  graceMs: number;
  samplerIntervalMs: number;
  /** After the window, how long to wait for one more kubelet collection of every container. */
  settleTimeoutMs: number;
  namespaceDeleteTimeoutMs: number;
}

export const DEFAULT_CLUSTER_TIMINGS: ClusterTimings = {
  deployTimeoutMs: 180_000,
  parkTimeoutMs: 120_000,
  pollIntervalMs: 1_000,
  apiPollIntervalMs: 2_000,
  startDelayMs: 15_000,
  graceMs: 60_000,
  samplerIntervalMs: 1_000,
  settleTimeoutMs: 30_000,
  namespaceDeleteTimeoutMs: 180_000,
};

export interface ClusterProviderDeps {
  /** Names the cluster, namespaces and labels; the result document's run id. */
  runId: string;
  runner: ProcessRunner;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  meshes: MeshCatalog;
  /** The builtin engine's bundles (dist/server.mjs, dist/loadgen.mjs). */
  scripts: { server: string; loadgen: string };
  hostFacts?: () => Promise<HostFacts>;
  /** Makes a CLI available and returns its path. */
  installTool?: (need: ToolNeed) => Promise<string>;
  kubeApi?: (access: ClusterAccess, pollIntervalMs: number) => KubeApi;
  platform?: Platform | null;
  timings?: Partial<ClusterTimings>;
}

export interface ScenarioState {
  plan: ScenarioPlan;
  /** Set when the scenario cannot run (its workload never came up): its trials are faults. */
  broken?: string;
  /** The check before its latest trial. */
  lastCheck?: Mtls;
}

export type ResolvedDeps = Required<Omit<ClusterProviderDeps, 'timings'>> & {
  timings: ClusterTimings;
};

export function resolveDeps(deps: ClusterProviderDeps): ResolvedDeps {
  const platform = deps.platform === undefined ? platformOf() : deps.platform;
  return {
    ...deps,
    platform,
    hostFacts: deps.hostFacts ?? (() => hostFacts(deps.env)),
    installTool:
      deps.installTool ??
      (async (need) =>
        (
          await installTool(TOOLS[need.tool], need.version, {
            runner: deps.runner,
            cache: actionsToolCache,
            platform,
            pathEnv: deps.env.PATH,
            log: deps.log,
          })
        ).path),
    kubeApi:
      deps.kubeApi ??
      ((access, pollIntervalMs) =>
        createClientNodeKubeApi({
          // An existing cluster: the user's own files, as kubectl would read them.
          kubeconfigPath: access.kubeconfig ?? userKubeconfigFiles(deps.env),
          ...(access.context === undefined ? {} : { context: access.context }),
          pollIntervalMs,
        })),
    timings: { ...DEFAULT_CLUSTER_TIMINGS, ...deps.timings },
  };
}
