// One trial in a cluster, end to end: generator pods run, the kubelets of every node involved are
// sampled meanwhile, the generators' results are merged, and CPU and memory are attributed over the
// window they measured together. Returns what the local provider's trial returns, so the run loop
// and the validity rules stay the same for both.
import type { KubeApi, PodInfo } from '../kube/kubeApi.js';
import type { EngineTrial } from '../load/types.js';
import type { MeshPodSelector } from '../mesh/meshPlan.js';
import { attributionTargets } from '../metrics/attribution.js';
import {
  collectResources,
  startKubeletSummarySampler,
  type KubeletSummarySampler,
} from '../metrics/kubeletSummarySampler.js';
import type { Resources } from '../results/schema.js';
import { mergeGeneratorTrials } from './generatorResults.js';
import { deleteGeneratorPods, runGeneratorPods, type GeneratorRun } from './runGeneratorPods.js';

export interface ClusterTrialSpec {
  /** The generator pods and how to read them (onRunning is set here). */
  generators: Omit<GeneratorRun, 'onRunning'>;
  /** Selects the server pod in the generators' namespace. */
  serverSelector: string;
  /** The MeshPlan's attribution rules. */
  meshPods: readonly MeshPodSelector[];
  proxyContainers: readonly string[];
  samplerIntervalMs?: number;
  settleTimeoutMs?: number;
}

export interface ClusterTrialOutcome {
  /** Undefined when no generator produced a result. */
  engine: EngineTrial | undefined;
  resources: Resources;
  /** Each one makes the trial invalid. */
  faults: string[];
  /** Caveats worth logging that leave the trial valid. */
  notes: string[];
}

async function podsOf(kube: KubeApi, selectors: readonly MeshPodSelector[]) {
  return Promise.all(
    selectors.map(async (selector) => ({
      selector,
      pods: await kube.listPods(selector.namespace, selector.labelSelector),
    })),
  );
}

export async function runClusterTrial(
  kube: KubeApi,
  spec: ClusterTrialSpec,
): Promise<ClusterTrialOutcome> {
  let sampler: KubeletSummarySampler | undefined;
  const startSampling = async (clients: readonly PodInfo[]): Promise<void> => {
    const targets = attributionTargets({
      client: clients,
      server: await kube.listPods(spec.generators.namespace, spec.serverSelector),
      meshPods: await podsOf(kube, spec.meshPods),
      proxyContainers: spec.proxyContainers,
    });
    sampler = startKubeletSummarySampler(kube, targets, { intervalMs: spec.samplerIntervalMs });
  };
  const measure = async (): Promise<ClusterTrialOutcome> => {
    const notes: string[] = [];
    const run = await runGeneratorPods(kube, { ...spec.generators, onRunning: startSampling });
    const faults = [...run.faults];
    if (run.engineTrials.length === 0) return { engine: undefined, resources: {}, faults, notes };
    const merged = mergeGeneratorTrials(run.engineTrials);
    faults.push(...merged.faults);
    if (!sampler) {
      faults.push('the load generators were never seen running, so nothing was sampled');
      return { engine: merged.engine, resources: {}, faults, notes };
    }
    const window = { startMs: merged.engine.measureStartMs, endMs: merged.engine.measureEndMs };
    const measured = await collectResources(sampler, window, {
      settleTimeoutMs: spec.settleTimeoutMs,
    });
    // The two sides are always measured; a side missing here lost its pod before sampling began.
    const missing = (['client', 'server'] as const).filter((c) => !measured.resources[c]);
    const unmeasured = missing.map((c) => `no CPU and memory could be attributed to ${c}`);
    return {
      engine: merged.engine,
      resources: measured.resources,
      faults: [...faults, ...measured.faults, ...unmeasured],
      notes: [...notes, ...measured.notes],
    };
  };
  let outcome: ClusterTrialOutcome | undefined;
  let failure: unknown;
  try {
    outcome = await measure();
  } catch (error) {
    failure = error;
  }
  // Also after a fault: a lingering generator (or its proxy) must not run into the next trial.
  await sampler?.stop();
  const cleanup = await deleteGeneratorPods(kube, spec.generators.pods);
  if (!outcome) throw failure;
  outcome.notes.push(...cleanup);
  return outcome;
}
