// Every scenario's namespace and workload exist from set-up to teardown, so trials of different
// scenarios can interleave; but only the scenario being measured runs pods. The others are parked
// (server and probe Deployments at 0 replicas): a server requests 2 CPU, so the servers of several
// scenarios would not fit next to a generator on a 4-core node, and idle proxies of other
// scenarios would add their own CPU to the nodes being sampled.
import type { KubeObject } from './steps.js';
import { InfraError } from '../errors.js';
import type { KubeApi } from '../kube/kubeApi.js';
import { pollUntil } from '../kube/pollUntil.js';
import {
  deployWorkload,
  workloadObjects,
  type DeployedWorkload,
} from '../workload/deployWorkload.js';
import { LABELS, labelValue, selectorString } from '../workload/workloadNames.js';
import type { WorkloadPlan } from '../workload/workloadPlan.js';

export interface ScenarioTimings {
  /** Server and probe Deployments becoming Available. */
  deployTimeoutMs: number;
  /** A parked scenario's pods being gone, so the next one's pods fit. */
  parkTimeoutMs: number;
  pollIntervalMs: number;
}

const withReplicas = (object: KubeObject, replicas: number): KubeObject =>
  object.kind === 'Deployment'
    ? { ...object, spec: { ...(object.spec as Record<string, unknown>), replicas } }
    : object;

/** The scenario's objects as set-up applies them: everything, with no pod running yet. */
export function parkedObjects(plan: WorkloadPlan): KubeObject[] {
  return workloadObjects(plan).map((object) => withReplicas(object, 0));
}

/** Only the Deployments, scaled to 0; the full objects, so server-side apply keeps every field. */
export function parkingObjects(plan: WorkloadPlan): KubeObject[] {
  return workloadObjects(plan)
    .filter((object) => object.kind === 'Deployment')
    .map((object) => withReplicas(object, 0));
}

/** Selects every pod of the run in a namespace (server and probe; generators are gone by then). */
function workloadSelector(plan: WorkloadPlan): string {
  return selectorString({
    [LABELS.managedBy]: 'mesh-perf',
    [LABELS.runId]: labelValue(plan.runId),
  });
}

/**
 * Switches which scenario runs: activating one parks the previous one first and waits until its
 * pods are gone, then scales this one up and waits until its server and probe are ready.
 */
export class ScenarioSwitch {
  private active: WorkloadPlan | undefined;
  private deployed: DeployedWorkload | undefined;

  constructor(
    private readonly kube: KubeApi,
    private readonly timings: ScenarioTimings,
  ) {}

  /** The running scenario's pods; re-read after every switch. */
  async activate(plan: WorkloadPlan): Promise<DeployedWorkload> {
    if (this.active?.namespace === plan.namespace && this.deployed) return this.deployed;
    if (this.active) await this.park(this.active);
    this.active = plan;
    this.deployed = undefined;
    this.deployed = await deployWorkload(this.kube, plan, this.timings.deployTimeoutMs);
    return this.deployed;
  }

  /** Forgets the running scenario (e.g. after a failed trial, so its pods are read again). */
  invalidate(): void {
    this.deployed = undefined;
  }

  async park(plan: WorkloadPlan): Promise<void> {
    await this.kube.apply(parkingObjects(plan));
    if (this.active?.namespace === plan.namespace) {
      this.active = undefined;
      this.deployed = undefined;
    }
    const selector = workloadSelector(plan);
    await pollUntil(
      async () => {
        const pods = await this.kube.listPods(plan.namespace, selector);
        // Generator pods are removed after each trial; here only server and probe remain.
        const left = pods.filter((pod) => pod.labels[LABELS.trial] === undefined);
        return left.length === 0
          ? { kind: 'holds' }
          : { kind: 'pending', why: `${left.length} pod(s) still terminating` };
      },
      {
        timeoutMs: this.timings.parkTimeoutMs,
        intervalMs: this.timings.pollIntervalMs,
        what: `the ${plan.mesh} scenario's pods in ${plan.namespace} are gone`,
      },
    ).catch((error: unknown) => {
      throw new InfraError(
        `could not park the ${plan.mesh} scenario: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
  }
}
