// The GKE provider as data: create a labelled cluster (so a janitor can find strays), write its
// credentials to a private kubeconfig, and delete it asynchronously at the end. gcloud must already
// be authenticated by the workflow.
import {
  gcloudCreateClusterArgs,
  gcloudDeleteClusterArgs,
  gcloudGetCredentialsArgs,
  gkeLocation,
} from '../tools/gcloud.js';
import type { ClusterPlan, ClusterSettings, HostFacts } from './clusterSettings.js';

const MINUTE = 60_000;

/** GCP label values: lowercase letters, digits, "_" and "-", at most 63 characters. */
export function labelValue(text: string): string {
  const value = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .slice(0, 63);
  return value === '' ? 'unknown' : value;
}

export function gkeLabels(
  settings: ClusterSettings,
  facts: HostFacts,
  runId: string,
): Record<string, string> {
  return {
    'created-by': 'mesh-perf',
    owner: labelValue(facts.owner),
    'run-id': labelValue(runId),
    // Seconds since the epoch: a janitor deletes clusters whose expiry is in the past.
    expiry: String(Math.floor((facts.now.getTime() + settings.gkeExpiryMs) / 1000)),
  };
}

export function gkePlan(
  settings: ClusterSettings,
  facts: HostFacts,
  kubeconfig: string,
  runId: string,
): ClusterPlan {
  const { gkeProject: project, gkeZone: zone } = settings;
  if (project === null || zone === null) {
    // The configuration schema rejects this already; kept so the types need no assertion.
    throw new Error('provider gke needs gke-project and gke-zone');
  }
  const location = gkeLocation(zone);
  const cluster = { name: settings.name, project, location };
  return {
    up: [
      {
        kind: 'command',
        title: `Create GKE cluster ${settings.name} in ${project}/${zone} (${settings.nodes} x ${settings.gkeMachineType})`,
        command: 'gcloud',
        args: gcloudCreateClusterArgs({
          ...cluster,
          machineType: settings.gkeMachineType,
          numNodes: settings.nodes,
          labels: gkeLabels(settings, facts, runId),
        }),
        timeoutMs: 30 * MINUTE,
      },
      {
        kind: 'command',
        title: 'Write the cluster credentials to a private kubeconfig',
        command: 'gcloud',
        args: gcloudGetCredentialsArgs(cluster),
        timeoutMs: 2 * MINUTE,
      },
      {
        kind: 'wait',
        title: 'Wait for the nodes',
        target: { type: 'nodes-ready' },
        timeoutMs: 10 * MINUTE,
      },
    ],
    down: [
      {
        kind: 'command',
        title: `Delete GKE cluster ${settings.name} (asynchronously)`,
        command: 'gcloud',
        args: gcloudDeleteClusterArgs(cluster),
        timeoutMs: 2 * MINUTE,
      },
    ],
    // get-credentials names the context itself and makes it current in the private file.
    access: { kubeconfig, context: undefined },
    env: { KUBECONFIG: kubeconfig },
    leftover: { kind: 'gke-cluster', name: settings.name, zone, project },
  };
}
