// When each wait target of src/cluster/steps.ts holds, as pure checks on the objects the API
// returns. Each says why not yet (for the timeout message) or that waiting is pointless.
import type {
  V1CustomResourceDefinition,
  V1DaemonSet,
  V1Deployment,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import { toPodInfo } from './podInfo.js';

export type Check =
  | { kind: 'holds' }
  | { kind: 'pending'; why: string }
  /** Will not hold however long we wait (a pod that failed). */
  | { kind: 'failed'; why: string };

const holds: Check = { kind: 'holds' };
const pending = (why: string): Check => ({ kind: 'pending', why });

export function nodesReady(nodes: readonly V1Node[]): Check {
  if (nodes.length === 0) return pending('no node is registered yet');
  const notReady = nodes
    .filter((n) => !n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => n.metadata?.name ?? '?');
  return notReady.length === 0 ? holds : pending(`not Ready: ${notReady.join(', ')}`);
}

export function crdEstablished(crd: V1CustomResourceDefinition): Check {
  const established = crd.status?.conditions?.some(
    (c) => c.type === 'Established' && c.status === 'True',
  );
  return established ? holds : pending('not Established yet');
}

export function deploymentAvailable(deployment: V1Deployment): Check {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status;
  const generation = deployment.metadata?.generation ?? 0;
  if ((status?.observedGeneration ?? 0) < generation) {
    return pending('the controller has not seen the latest spec yet');
  }
  const updated = status?.updatedReplicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const total = status?.replicas ?? 0;
  if (updated < wanted) return pending(`${updated}/${wanted} replicas updated`);
  // Old replicas still terminating would share the traffic with the new ones.
  if (total > updated) return pending(`${total - updated} old replica(s) still running`);
  if (available < wanted) return pending(`${available}/${wanted} replicas available`);
  return holds;
}

export function daemonSetReady(daemonSet: V1DaemonSet): Check {
  const status = daemonSet.status;
  const generation = daemonSet.metadata?.generation ?? 0;
  if ((status?.observedGeneration ?? 0) < generation) {
    return pending('the controller has not seen the latest spec yet');
  }
  const desired = status?.desiredNumberScheduled ?? 0;
  const ready = status?.numberReady ?? 0;
  const updated = status?.updatedNumberScheduled ?? 0;
  if (desired === 0) return pending('no pod is scheduled yet');
  if (updated < desired) return pending(`${updated}/${desired} pods updated`);
  if (ready < desired) return pending(`${ready}/${desired} pods ready`);
  return holds;
}

export function podsReady(pods: readonly V1Pod[]): Check {
  const live = pods.filter((p) => p.metadata?.deletionTimestamp === undefined);
  if (live.length === 0) return pending('no matching pod exists yet');
  const failed = live.find((p) => p.status?.phase === 'Failed');
  if (failed) return { kind: 'failed', why: `pod ${failed.metadata?.name ?? '?'} failed` };
  const notReady = live.filter((p) => !toPodInfo(p).ready).map((p) => p.metadata?.name ?? '?');
  return notReady.length === 0
    ? holds
    : pending(`${notReady.length}/${live.length} not Ready: ${notReady.join(', ')}`);
}

/** The first container that ended badly, in words: "loadgen exited with code 3 (Error)". */
export function terminationOf(pod: V1Pod): string | undefined {
  for (const container of toPodInfo(pod).containers) {
    const state = container.state;
    if (state?.kind === 'terminated' && state.exitCode !== 0) {
      return `${container.name} exited with code ${state.exitCode}${state.reason ? ` (${state.reason})` : ''}`;
    }
  }
  return undefined;
}

export function podCompleted(pod: V1Pod): Check {
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Succeeded') return holds;
  if (phase === 'Failed') {
    return { kind: 'failed', why: terminationOf(pod) ?? 'the pod failed' };
  }
  return pending(`phase ${phase}`);
}
