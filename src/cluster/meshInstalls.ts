// Which cluster-wide installs a run makes, in which order, for the meshes it measures side by side
// on one cluster (every scenario's namespace exists at once, so trials can interleave):
// - Cilium first: it is the cluster's network, and nodes are not Ready before it runs.
// - One Istio install for `istio` and `istio-ambient` together: the ambient profile's istiod also
//   injects sidecars, so both scenarios share it (two installs of different profiles would
//   reconfigure one another).
// - Linkerd last: its proxy injector and policy act only on namespaces annotated for it, so it
//   coexists with Istio, whose injector acts only on labelled namespaces.
// Pure: the result is what the dry run prints and what the provider executes.
import type { MeshId } from '../config/types.js';
import type { MeshPlan, MeshPodSelector } from '../mesh/meshPlan.js';
import type { Step } from './steps.js';

export interface MeshInstall {
  /** The scenarios this install serves. */
  meshes: MeshId[];
  /** The mesh whose plan the steps come from. */
  from: MeshId;
  install: readonly Step[];
  /** Removal on a cluster the run did not create; empty when the mesh is never removed. */
  uninstall: readonly Step[];
  /** The mesh's own pods: when all of these already run on an existing cluster, it is kept. */
  presence: readonly MeshPodSelector[];
}

const INSTALL_ORDER: readonly MeshId[] = ['cilium', 'istio-ambient', 'istio', 'linkerd'];

/** The installs for the scenarios' plans, in the order they run; baselines install nothing. */
export function meshInstalls(plans: readonly MeshPlan[]): MeshInstall[] {
  const byMesh = new Map(plans.map((plan) => [plan.mesh, plan]));
  const installs: MeshInstall[] = [];
  for (const mesh of INSTALL_ORDER) {
    const plan = byMesh.get(mesh);
    if (!plan) continue;
    if (mesh === 'istio' && byMesh.has('istio-ambient')) continue;
    const meshes: MeshId[] =
      mesh === 'istio-ambient' && byMesh.has('istio') ? ['istio-ambient', 'istio'] : [mesh];
    installs.push({
      meshes,
      from: mesh,
      install: plan.install,
      uninstall: plan.uninstall,
      presence: plan.attribution.meshPods,
    });
  }
  return installs;
}

/** Removals in the reverse order of the installs (what was installed last goes first). */
export function uninstallOrder(installs: readonly MeshInstall[]): MeshInstall[] {
  return [...installs].reverse().filter((install) => install.uninstall.length > 0);
}

/** The install that serves a scenario, if any. */
export function installFor(
  installs: readonly MeshInstall[],
  mesh: MeshId,
): MeshInstall | undefined {
  return installs.find((install) => install.meshes.includes(mesh));
}
