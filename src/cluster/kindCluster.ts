// The kind provider as data: the generated cluster config, and the steps that create the cluster
// (after raising inotify limits and pulling images once), load the images and delete it again.
import { stringify } from 'yaml';
import { dockerPullArgs } from '../tools/docker.js';
import {
  kindCreateClusterArgs,
  kindDeleteClusterArgs,
  kindLoadDockerImageArgs,
} from '../tools/kind.js';
import type { ClusterPlan, ClusterSettings, HostFacts } from './clusterSettings.js';
import type { Step } from './steps.js';

// kind's known-issues page recommends these for clusters with several nodes ("too many open files").
export const INOTIFY_TARGET = { maxUserWatches: 524_288, maxUserInstances: 512 } as const;

const MINUTE = 60_000;

/**
 * Preloading only spares the nodes a registry pull: `kind load` fails with some Docker versions
 * (multi-platform images under the containerd image store) and the pods pull the image instead.
 */
const NODES_PULL = 'the nodes pull the image from its registry instead';

export function kindClusterConfig(settings: ClusterSettings): string {
  const config: Record<string, unknown> = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
  };
  if (settings.cilium) {
    // Cilium brings its own CNI and replaces kube-proxy.
    config.networking = { disableDefaultCNI: true, kubeProxyMode: 'none' };
  }
  config.nodes = [
    { role: 'control-plane' },
    ...Array.from({ length: settings.nodes }, () => ({ role: 'worker' })),
  ];
  return stringify(config);
}

/** Raises each limit that is lower than kind needs; only on a Linux runner in Actions. */
export function inotifySteps(facts: HostFacts): Step[] {
  if (!facts.inActions || facts.os !== 'linux') return [];
  const limits = [
    ['fs.inotify.max_user_watches', facts.inotify.maxUserWatches, INOTIFY_TARGET.maxUserWatches],
    [
      'fs.inotify.max_user_instances',
      facts.inotify.maxUserInstances,
      INOTIFY_TARGET.maxUserInstances,
    ],
  ] as const;
  return limits
    .filter(([, current, target]) => current === null || current < target)
    .map(([key, current, target]) => ({
      kind: 'command' as const,
      title: `Raise ${key} from ${current ?? 'unknown'} to ${target}`,
      command: 'sudo',
      args: ['sysctl', '-w', `${key}=${target}`],
      timeoutMs: 30_000,
    }));
}

export function kindPlan(
  settings: ClusterSettings,
  facts: HostFacts,
  kubeconfig: string,
): ClusterPlan {
  const pulls: Step[] = settings.images.map((image) => ({
    kind: 'command',
    title: `Pull ${image} once on the runner`,
    command: 'docker',
    args: dockerPullArgs(image),
    timeoutMs: 10 * MINUTE,
    bestEffort: NODES_PULL,
  }));
  const load: Step[] =
    settings.images.length === 0
      ? []
      : [
          {
            kind: 'command',
            title: `Load ${settings.images.length} image(s) into the kind nodes`,
            command: 'kind',
            args: kindLoadDockerImageArgs(settings.name, settings.images),
            timeoutMs: 10 * MINUTE,
            bestEffort: NODES_PULL,
          },
        ];
  const workers = `${settings.nodes} worker${settings.nodes === 1 ? '' : 's'}`;
  return {
    up: [
      ...inotifySteps(facts),
      ...pulls,
      {
        kind: 'command',
        title: `Create kind cluster ${settings.name} (1 control plane, ${workers}${settings.cilium ? ', no default CNI or kube-proxy' : ''})`,
        command: 'kind',
        args: kindCreateClusterArgs({
          name: settings.name,
          image: settings.kindNodeImage,
          kubeconfig,
          ...(settings.cilium ? {} : { wait: '5m' }),
        }),
        stdin: kindClusterConfig(settings),
        timeoutMs: 10 * MINUTE,
      },
      ...load,
      // With Cilium there is no CNI yet, so nodes only become Ready once the mesh is installed.
      ...(settings.cilium
        ? []
        : [
            {
              kind: 'wait' as const,
              title: 'Wait for the nodes',
              target: { type: 'nodes-ready' as const },
              timeoutMs: 5 * MINUTE,
            },
          ]),
    ],
    down: [
      {
        kind: 'command',
        title: `Delete kind cluster ${settings.name}`,
        command: 'kind',
        args: kindDeleteClusterArgs(settings.name, kubeconfig),
        timeoutMs: 5 * MINUTE,
      },
    ],
    access: { kubeconfig, context: `kind-${settings.name}` },
    env: { KUBECONFIG: kubeconfig },
    leftover: { kind: 'kind-cluster', name: settings.name, kubeconfig },
  };
}
