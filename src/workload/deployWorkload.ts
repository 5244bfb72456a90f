// Brings up one scenario's workload: namespace (enrolled in the mesh), mTLS enforcement, service
// accounts, scripts, keys, then the server, waited for until it is Available. The dry run prints
// the very same objects, with key material and the bundled scripts shown only by size and hash.
import { createHash } from 'node:crypto';
import type { KubeObject, Step } from '../cluster/steps.js';
import { InfraError } from '../errors.js';
import type { KubeApi, PodInfo } from '../kube/kubeApi.js';
import { clientProbeDeployment, PROBE_NAME, probeSelector } from './probeManifests.js';
import { serverDeployment, serverService, serverUrl } from './serverManifests.js';
import {
  namespaceManifest,
  scriptsConfigMap,
  serviceAccountManifest,
  tlsSecrets,
} from './supportManifests.js';
import { roleSelector, selectorString, SERVER_NAME } from './workloadNames.js';
import type { WorkloadPlan } from './workloadPlan.js';

export const DEFAULT_DEPLOY_TIMEOUT_MS = 180_000;

/** Everything one scenario applies, in order: what a pod needs exists before the pod. */
export function workloadObjects(plan: WorkloadPlan): KubeObject[] {
  const scripts = scriptsConfigMap(plan);
  return [
    namespaceManifest(plan),
    // Enforcement first: the server must never serve a plain-text request in a mesh scenario.
    ...plan.enforce,
    serviceAccountManifest(plan, 'server'),
    serviceAccountManifest(plan, 'client'),
    ...(scripts ? [scripts] : []),
    ...tlsSecrets(plan),
    serverDeployment(plan),
    serverService(plan),
    clientProbeDeployment(plan),
  ];
}

export const REDACTED = '<redacted>';

function summarize(text: string): string {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `<${Buffer.byteLength(text)} bytes, sha256 ${digest}...>`;
}

/**
 * The objects as the dry run shows them: Secret values replaced, bundled scripts summarized (they
 * are hundreds of kilobytes). Never used for applying.
 */
export function redactForDisplay(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  const blank = (field: 'data' | 'stringData', show: (value: string) => string): void => {
    const values = copy[field] as Record<string, string> | undefined;
    if (!values) return;
    copy[field] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, show(v)]));
  };
  if (copy.kind === 'Secret') {
    blank('data', () => REDACTED);
    blank('stringData', () => REDACTED);
  }
  if (copy.kind === 'ConfigMap') blank('data', summarize);
  return copy;
}

/** What deployWorkload does, as dry-run steps. */
export function describeWorkload(
  plan: WorkloadPlan,
  timeoutMs = DEFAULT_DEPLOY_TIMEOUT_MS,
): Step[] {
  return [
    {
      kind: 'apply',
      title: `create the ${plan.mesh} workload in namespace ${plan.namespace}`,
      objects: workloadObjects(plan).map(redactForDisplay),
    },
    ...[SERVER_NAME, PROBE_NAME].map((name): Step => ({
      kind: 'wait',
      title: `wait for ${name}`,
      target: { type: 'deployment-available', namespace: plan.namespace, name },
      timeoutMs,
    })),
  ];
}

export interface DeployedWorkload {
  namespace: string;
  /** What the generators call. */
  url: string;
  server: PodInfo;
  /** The idle client pod mTLS verifiers inspect and send requests from (VerifyContext.client). */
  client: PodInfo;
}

export async function deployWorkload(
  kube: KubeApi,
  plan: WorkloadPlan,
  timeoutMs = DEFAULT_DEPLOY_TIMEOUT_MS,
): Promise<DeployedWorkload> {
  await kube.apply(workloadObjects(plan));
  for (const name of [SERVER_NAME, PROBE_NAME]) {
    await kube.wait({ type: 'deployment-available', namespace: plan.namespace, name }, timeoutMs);
  }
  const server = await onlyReadyPod(kube, plan.namespace, roleSelector(plan.runId, 'server'));
  const client = await onlyReadyPod(kube, plan.namespace, probeSelector(plan.runId));
  return { namespace: plan.namespace, url: serverUrl(plan), server, client };
}

async function onlyReadyPod(
  kube: KubeApi,
  namespace: string,
  selector: Record<string, string>,
): Promise<PodInfo> {
  const pods = await kube.listPods(namespace, selectorString(selector));
  const ready = pods.filter((p) => p.ready && p.nodeName !== null);
  const [pod] = ready;
  if (!pod || ready.length !== 1) {
    throw new InfraError(
      `expected one ready pod matching ${selectorString(selector)} in ${namespace}, found ${ready.length} of ${pods.length}`,
    );
  }
  return pod;
}
