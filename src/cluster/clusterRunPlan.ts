// A whole cluster run as data, built by one pure function from the configuration, the machine's
// facts and each mesh's plan: the CLIs it needs, the cluster it brings up, the mesh installs in
// order, and one namespace with its workload per scenario. The dry run prints it; the cluster
// provider executes exactly it.
import path from 'node:path';
import type { Config, MeshId } from '../config/types.js';
import type { MeshPlan } from '../mesh/meshPlan.js';
import type { MeshConfig } from '../results/schema.js';
import { FORTIO_IMAGE, NODE_IMAGE } from '../workload/workloadNames.js';
import {
  usesBundles,
  type BundledScripts,
  type WorkloadPlan,
  type WorkloadTls,
} from '../workload/workloadPlan.js';
import { KUBECONFIG_FILE, clusterCommandEnv } from './clusterAccess.js';
import { clusterPlan } from './clusterPlan.js';
import {
  clusterSettings,
  type ClusterPlan,
  type ClusterSettings,
  type HostFacts,
} from './clusterSettings.js';
import { toolsNeeded, type MeshReleases, type ToolNeed } from './clusterTools.js';
import { installFor, meshInstalls, type MeshInstall } from './meshInstalls.js';

/** The cluster's network when it is not the provider's default (Cilium, chosen for `cilium`). */
export interface ClusterNetwork {
  /** e.g. "Cilium 1.19.6 with wireguard encryption". */
  description: string;
  /** WireGuard and IPsec encrypt every pod's traffic between nodes, not only the cilium scenario's. */
  encryptsAllBetweenNodes: boolean;
}

export interface ClusterRunInputs {
  config: Config;
  runId: string;
  facts: HostFacts;
  /** The run's private directory (kubeconfig, context overlay); "<tmp>" in a dry run. */
  privateDir: string;
  env: NodeJS.ProcessEnv;
  meshPlan: (mesh: MeshId, namespace: string) => MeshPlan;
  /** The mesh's annotations for pods that run to completion (the load generators). */
  completionAnnotations: (mesh: MeshId) => Readonly<Record<string, string>>;
  network: ClusterNetwork | null;
  releases: MeshReleases;
  /** The builtin server's and generator's bundles (null when fortio runs both sides). */
  scripts: BundledScripts | null;
  /** app-mtls key material; placeholders in a dry run, where Secrets are shown redacted. */
  tls: WorkloadTls | null;
}

export interface ScenarioPlan {
  mesh: MeshId;
  namespace: string;
  meshPlan: MeshPlan;
  workload: WorkloadPlan;
  /** What the result records about the mesh as it was installed for this scenario. */
  meshConfig: MeshConfig;
}

export interface ClusterRunPlan {
  settings: ClusterSettings;
  cluster: ClusterPlan;
  /** Environment of every CLI the run starts (which kubeconfig and context). */
  env: Record<string, string>;
  tools: ToolNeed[];
  installs: MeshInstall[];
  scenarios: ScenarioPlan[];
  /** Caveats the user must read before trusting the numbers; printed loudly. */
  warnings: string[];
}

/** One namespace per run and scenario, e.g. mesh-perf-3f9c1e0a-istio-ambient (a DNS label). */
export function scenarioNamespace(runId: string, mesh: MeshId): string {
  const short = runId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  return `mesh-perf-${short || 'run'}-${mesh}`;
}

export function workloadImages(config: Config): string[] {
  return config.engine === 'fortio' ? [NODE_IMAGE, FORTIO_IMAGE] : [NODE_IMAGE];
}

export function planClusterRun(inputs: ClusterRunInputs): ClusterRunPlan {
  const { config, runId } = inputs;
  const settings = clusterSettings(config, runId, workloadImages(config));
  const kubeconfig = path.join(inputs.privateDir, KUBECONFIG_FILE);
  const cluster = clusterPlan(settings, inputs.facts, kubeconfig, runId);
  const plans = config.meshes.map((mesh) => {
    const namespace = scenarioNamespace(runId, mesh);
    return { mesh, namespace, meshPlan: inputs.meshPlan(mesh, namespace) };
  });
  const installs = meshInstalls(plans.map((p) => p.meshPlan));
  const byMesh = new Map(plans.map((p) => [p.mesh, p.meshPlan]));
  const scenarios = plans.map(({ mesh, namespace, meshPlan }): ScenarioPlan => ({
    mesh,
    namespace,
    meshPlan,
    workload: {
      runId,
      namespace,
      mesh,
      namespaceLabels: meshPlan.namespaceLabels,
      namespaceAnnotations: meshPlan.namespaceAnnotations,
      enforce: meshPlan.enforce,
      generatorAnnotations: inputs.completionAnnotations(mesh),
      engine: config.engine,
      server: config.server,
      placement: config.placement,
      // inject-delay is a calibration knob: a known regression the gate must catch.
      serverDelayMs: config.serverDelayMs + config.injectDelayMs,
      payloadBytes: config.payloadBytes,
      tls: mesh === 'app-mtls' ? inputs.tls : null,
      scripts: usesBundles(config) ? inputs.scripts : null,
    },
    meshConfig: scenarioMeshConfig(meshPlan, installFor(installs, mesh), byMesh, {
      network: mesh === 'cilium' ? null : inputs.network,
      placement: config.placement,
    }),
  }));
  return {
    settings,
    cluster,
    env: clusterCommandEnv(cluster.access, cluster.env, inputs.privateDir, inputs.env),
    tools: toolsNeeded(config, inputs.releases),
    installs,
    scenarios,
    warnings: runWarnings(config, inputs.network),
  };
}

/**
 * The mesh as installed for one scenario: its plan's release, profile and flags; for `istio`
 * sharing the ambient install, that install's profile and settings; and the cluster's network
 * when Cilium provides it for every scenario.
 */
export function scenarioMeshConfig(
  plan: MeshPlan,
  install: MeshInstall | undefined,
  plans: ReadonlyMap<MeshId, MeshPlan>,
  context: { network: ClusterNetwork | null; placement: Config['placement'] },
): MeshConfig {
  const config: MeshConfig = {
    version: plan.info.version,
    profile: plan.info.profile,
    flags: [...plan.info.flags],
  };
  const source = install && install.from !== plan.mesh ? plans.get(install.from) : undefined;
  if (source) {
    config.profile = `${source.info.profile} (one install shared with ${source.mesh})`;
    config.flags = [
      ...source.info.flags.filter((flag) => flag.startsWith('--set')),
      ...plan.info.flags.filter((flag) => !flag.startsWith('--set')),
      `the ${source.info.profile} profile's istiod injects the sidecars too`,
    ];
  }
  if (context.network) {
    config.flags.push(`cluster network: ${context.network.description}`);
    if (context.network.encryptsAllBetweenNodes && context.placement === 'cross-node') {
      config.flags.push("this scenario's traffic between nodes is encrypted by Cilium as well");
    }
  }
  return config;
}

function runWarnings(config: Config, network: ClusterNetwork | null): string[] {
  const warnings: string[] = [];
  if (!network?.encryptsAllBetweenNodes) return warnings;
  if (config.placement === 'same-node') {
    warnings.push(
      `cilium: ${network.description} does not encrypt traffic between pods on the same node, so with placement same-node its mTLS is NOT verified and its trials are invalid; use placement cross-node`,
    );
  }
  const others = config.meshes.filter((mesh) => mesh !== 'cilium');
  if (others.length > 0 && config.placement === 'cross-node') {
    warnings.push(
      `cilium: ${network.description} encrypts all pod traffic between nodes, so ${others.join(', ')} also pass through it in this run (none is not plain here); compare cilium with a plain network through a none run on a cluster without Cilium`,
    );
  }
  return warnings;
}
