// Runs the mesh installs of a cluster run in order. On an existing cluster a mesh that already runs
// there is used as it is (never reinstalled, reconfigured or removed), a mesh that is only partly
// there stops the run, and the removal of what the run installs is registered before it starts.
import type { MeshId } from '../config/types.js';
import { InfraError } from '../errors.js';
import type { KubeApi, PodInfo } from '../kube/kubeApi.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import type { MeshPodSelector } from '../mesh/meshPlan.js';
import type { ClusterRunPlan } from './clusterRunPlan.js';
import { runSteps, type StepDeps } from './clusterSteps.js';
import type { MeshInstall } from './meshInstalls.js';

export interface MeshSetUpContext {
  kube: KubeApi;
  cleanup: Cleanup;
  steps: StepDeps;
  log: (line: string) => void;
}

/** "docker.io/istio/pilot:1.26.0@sha256:..." -> "1.26.0"; undefined without a tag. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0] ?? '';
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

/**
 * Whether the install's own pods already run: the release read off the control plane's image
 * when every selector finds pods, undefined when none does; a partial install is an error.
 */
export async function findInstalled(
  kube: KubeApi,
  install: MeshInstall,
): Promise<string | undefined> {
  if (install.presence.length === 0) return undefined;
  const found: { selector: MeshPodSelector; pods: PodInfo[] }[] = [];
  for (const selector of install.presence) {
    found.push({ selector, pods: await kube.listPods(selector.namespace, selector.labelSelector) });
  }
  const present = found.filter((f) => f.pods.length > 0);
  if (present.length === 0) return undefined;
  if (present.length < found.length) {
    const describe = (f: (typeof found)[number]): string =>
      `${f.selector.labelSelector} in ${f.selector.namespace}`;
    throw new InfraError(
      `${install.meshes.join(' and ')}: the cluster runs only part of it (found ${present.map(describe).join(', ')}; missing ${found
        .filter((f) => f.pods.length === 0)
        .map(describe)
        .join(
          ', ',
        )}); mesh-perf does not change a mesh it did not install: complete it, or use a cluster without it`,
    );
  }
  const controlPlane = present.find((f) => f.selector.component === 'control-plane') ?? present[0];
  const image = controlPlane?.pods[0]?.containers[0]?.image ?? '';
  return `${imageTag(image) ?? 'unknown release'} (found installed)`;
}

/** Returns the meshes found already installed, with the release their control plane runs. */
export async function installMeshes(
  plan: ClusterRunPlan,
  context: MeshSetUpContext,
): Promise<Map<MeshId, string>> {
  const kept = new Map<MeshId, string>();
  const existing = plan.settings.provider === 'existing';
  for (const install of plan.installs) {
    const what = install.meshes.join(' and ');
    if (existing) {
      const found = await findInstalled(context.kube, install);
      if (found !== undefined) {
        context.log(`${what}: already installed (${found}); used as it is, not changed or removed`);
        for (const mesh of install.meshes) kept.set(mesh, found);
        continue;
      }
      if (install.uninstall.length > 0) {
        context.cleanup.add(`remove what was installed for ${what}`, () =>
          runSteps(install.uninstall, plan.env, context.steps),
        );
      }
    }
    context.log(`install for ${what}`);
    await runSteps(install.install, plan.env, context.steps);
  }
  return kept;
}
