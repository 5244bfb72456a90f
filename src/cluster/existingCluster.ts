// The existing provider: the user's kubeconfig and context, left untouched. Nothing is created
// here, so nothing is deleted; the run's namespace registers its own removal where it is created.
import type { ClusterPlan, ClusterSettings } from './clusterSettings.js';

export function existingPlan(settings: ClusterSettings): ClusterPlan {
  return {
    up: [
      {
        kind: 'wait',
        title: `Check that the cluster${settings.kubeContext === null ? '' : ` of context ${settings.kubeContext}`} answers and its nodes are Ready`,
        target: { type: 'nodes-ready' },
        timeoutMs: 60_000,
      },
    ],
    down: [],
    access: { kubeconfig: undefined, context: settings.kubeContext ?? undefined },
    env: {},
    leftover: null,
  };
}
