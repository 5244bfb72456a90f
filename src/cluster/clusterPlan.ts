// Picks the plan of the configured cluster provider: kind, gke or existing.
import type { ClusterPlan, ClusterSettings, HostFacts } from './clusterSettings.js';
import { existingPlan } from './existingCluster.js';
import { gkePlan } from './gkeCluster.js';
import { kindPlan } from './kindCluster.js';

/**
 * @param kubeconfig the private kubeconfig (inside a mesh-perf-* temp dir) kind and GKE write to;
 *   ignored by existing, which uses the user's own.
 */
export function clusterPlan(
  settings: ClusterSettings,
  facts: HostFacts,
  kubeconfig: string,
  runId: string,
): ClusterPlan {
  switch (settings.provider) {
    case 'kind':
      return kindPlan(settings, facts, kubeconfig);
    case 'gke':
      return gkePlan(settings, facts, kubeconfig, runId);
    case 'existing':
      return existingPlan(settings);
  }
}
