// Turns one planned trial into what runClusterTrial needs: the load split into generator pods, a
// common start a little ahead (pods must be scheduled and started by then), when results are due,
// and the mesh's attribution rules; and the same pods as a dry-run step.
import type { Step } from '../cluster/steps.js';
import type { EngineTrial } from '../load/types.js';
import type { Attribution } from '../mesh/meshPlan.js';
import type { ClusterTrialSpec } from './clusterTrial.js';
import { generatorPods, trialSelector, type GeneratorTrial } from './generatorManifests.js';
import { parseLoadgenLog } from './generatorResults.js';
import { DEFAULT_MAX_RPS_PER_GENERATOR, splitLoad, type LoadShare } from './splitLoad.js';
import { GENERATOR_CONTAINER, roleSelector, selectorString } from './workloadNames.js';
import type { WorkloadPlan } from './workloadPlan.js';

/** Time for pods to be scheduled, get their sidecars and start before the common start. */
export const DEFAULT_START_DELAY_MS = 15_000;
/** Longer than the kubelet's stats refresh (10-15 s), so a finished generator is sampled again. */
export const DEFAULT_LINGER_MS = 20_000;
/** How long past the due time a generator may take before it counts as not finished. */
export const DEFAULT_GRACE_MS = 60_000;

export interface TrialLoad {
  trialIndex: number;
  rps: number;
  connections: number;
  durationMs: number;
  warmupMs: number;
  requestTimeoutMs: number;
  maxRpsPerGenerator?: number;
  startDelayMs?: number;
  /** fortio: each generator's arguments, and the parser of its output (both from src/load/). */
  fortioArgs?: (share: LoadShare) => string[];
  parseFortioResult?: (log: string) => EngineTrial | undefined;
  /** fortio: faults its log shows beside the result (it warns on stderr when it falls behind). */
  fortioLogFaults?: (log: string, share: LoadShare) => string[];
}

export function generatorTrial(load: TrialLoad, nowMs: number): GeneratorTrial {
  return {
    trialIndex: load.trialIndex,
    shares: splitLoad(
      load.rps,
      load.connections,
      load.maxRpsPerGenerator ?? DEFAULT_MAX_RPS_PER_GENERATOR,
    ),
    durationMs: load.durationMs,
    warmupMs: load.warmupMs,
    requestTimeoutMs: load.requestTimeoutMs,
    startAtMs: nowMs + (load.startDelayMs ?? DEFAULT_START_DELAY_MS),
    lingerMs: DEFAULT_LINGER_MS,
    ...(load.fortioArgs ? { fortioArgs: load.fortioArgs } : {}),
  };
}

export function clusterTrialSpec(
  plan: WorkloadPlan,
  load: TrialLoad,
  attribution: Attribution,
  nowMs = Date.now(),
): ClusterTrialSpec {
  const trial = generatorTrial(load, nowMs);
  const parseResult = plan.engine === 'builtin' ? parseLoadgenLog : load.parseFortioResult;
  if (!parseResult) throw new Error('fortio generators need the parser of their output');
  const logFaults = plan.engine === 'fortio' ? load.fortioLogFaults : undefined;
  return {
    generators: {
      namespace: plan.namespace,
      pods: generatorPods(plan, trial),
      selector: selectorString(trialSelector(plan.runId, load.trialIndex)),
      container: GENERATOR_CONTAINER,
      parseResult,
      // The generator drains in-flight requests (up to the request timeout) before its result.
      expectedEndMs: trial.startAtMs + load.warmupMs + load.durationMs + load.requestTimeoutMs,
      graceMs: DEFAULT_GRACE_MS,
      ...(logFaults
        ? {
            logFaults: (log: string, podIndex: number) => {
              const share = trial.shares[podIndex];
              return share ? logFaults(log, share) : [];
            },
          }
        : {}),
    },
    serverSelector: selectorString(roleSelector(plan.runId, 'server')),
    meshPods: attribution.meshPods,
    proxyContainers: attribution.proxyContainers,
  };
}

/** The trial's generator pods as the dry run shows them (nothing secret in them: paths only). */
export function describeClusterTrial(
  plan: WorkloadPlan,
  load: TrialLoad,
  nowMs = Date.now(),
): Step {
  const pods = generatorPods(plan, generatorTrial(load, nowMs));
  return {
    kind: 'apply',
    title: `trial ${load.trialIndex}: ${pods.length} load generator pod(s), sampling the kubelets of their nodes, the server's and the mesh's`,
    objects: pods,
  };
}
