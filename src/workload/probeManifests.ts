// A standing client pod for mTLS verification: same service account, placement, mesh enrollment and
// (for app-mtls) keys as the load generators, but idle, so a verifier can inspect its proxy or run a
// request from it on the very path the trials measure. It never carries load and is not attributed.
import type { KubeObject } from '../cluster/steps.js';
import {
  containerSecurity,
  guaranteed,
  placementAffinity,
  podFiles,
  podSecurity,
} from './podParts.js';
import { serviceAccountName } from './supportManifests.js';
import { commonLabels, LABELS, NODE_IMAGE, roleSelector } from './workloadNames.js';
import type { WorkloadPlan } from './workloadPlan.js';

export const PROBE_NAME = 'mesh-perf-client-probe';
export const PROBE_CONTAINER = 'probe';

/** Idles as PID 1 and still stops at once on SIGTERM (PID 1 has no default signal handling). */
const IDLE_SCRIPT = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 3600000);";

export function probeSelector(runId: string): Record<string, string> {
  return { ...roleSelector(runId, 'client'), [LABELS.name]: PROBE_NAME };
}

export function clientProbeDeployment(plan: WorkloadPlan): KubeObject {
  const selector = probeSelector(plan.runId);
  const labels = { ...commonLabels(plan.runId), ...selector };
  const files = podFiles(plan, 'client');
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: PROBE_NAME, namespace: plan.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: serviceAccountName('client'),
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          affinity: placementAffinity(plan.placement, plan.runId),
          terminationGracePeriodSeconds: 2,
          containers: [
            {
              name: PROBE_CONTAINER,
              // The Node image whatever the engine: it has node and busybox wget for requests.
              image: plan.images?.node ?? NODE_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['node', '-e', IDLE_SCRIPT],
              resources: guaranteed({ cpu: '100m', memory: '64Mi' }),
              securityContext: containerSecurity(),
              volumeMounts: files.mounts.filter((m) => m.name !== 'scripts'),
            },
          ],
          volumes: files.volumes.filter((v) => v.name !== 'scripts'),
        },
      },
    },
  };
}
