// Clusters and namespaces a killed run may leave behind: how they are read back from the action's
// saved state (strictly: a name that could pass for a flag is dropped) and the command that
// removes each, built by the same argv builders the run itself uses.
import { gcloudDeleteClusterArgs, gkeLocation } from '../tools/gcloud.js';
import { kindDeleteClusterArgs } from '../tools/kind.js';
import { kubectlDeleteNamespaceArgs } from '../tools/kubectl.js';
import type { Leftover } from './cleanup.js';

type ClusterLeftover = Extract<Leftover, { kind: 'kind-cluster' | 'gke-cluster' | 'namespace' }>;

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const GCP_ID = /^[a-z][-a-z0-9]{0,62}$/;

const text = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && !value.startsWith('-');
const optionalText = (value: unknown): value is string | undefined =>
  value === undefined || text(value);

export function parseClusterLeftover(item: object): ClusterLeftover | undefined {
  const c = item as Record<string, unknown>;
  const name = c.name;
  if (typeof name !== 'string' || !DNS_NAME.test(name)) return undefined;
  const { kubeconfig, command } = c;
  if (!optionalText(kubeconfig) || !optionalText(command)) return undefined;
  const extras = {
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
    ...(command === undefined ? {} : { command }),
  };
  switch (c.kind) {
    case 'kind-cluster':
      return { kind: 'kind-cluster', name, ...extras };
    case 'gke-cluster': {
      const { zone, project } = c;
      if (typeof zone !== 'string' || !GCP_ID.test(zone)) return undefined;
      if (typeof project !== 'string' || !GCP_ID.test(project)) return undefined;
      return { kind: 'gke-cluster', name, zone, project };
    }
    case 'namespace': {
      const context = c.context;
      if (context !== null && !text(context)) return undefined;
      return { kind: 'namespace', name, context, ...extras };
    }
    default:
      return undefined;
  }
}

export function leftoverCommand(leftover: ClusterLeftover): {
  command: string;
  args: string[];
  what: string;
} {
  switch (leftover.kind) {
    case 'kind-cluster':
      return {
        command: leftover.command ?? 'kind',
        args: kindDeleteClusterArgs(leftover.name, leftover.kubeconfig),
        what: `deleted kind cluster ${leftover.name}`,
      };
    case 'gke-cluster':
      return {
        command: 'gcloud',
        args: gcloudDeleteClusterArgs({
          name: leftover.name,
          project: leftover.project,
          location: gkeLocation(leftover.zone),
        }),
        what: `started deleting GKE cluster ${leftover.name} in ${leftover.project}/${leftover.zone}`,
      };
    case 'namespace':
      return {
        command: leftover.command ?? 'kubectl',
        args: kubectlDeleteNamespaceArgs(
          {
            ...(leftover.kubeconfig === undefined ? {} : { kubeconfig: leftover.kubeconfig }),
            ...(leftover.context === null ? {} : { context: leftover.context }),
          },
          leftover.name,
        ),
        what: `deleted namespace ${leftover.name}`,
      };
  }
}

/** The leftover with the path of the binary the run used, so the post step finds it too. */
export function withCommand(leftover: Leftover, tools: Readonly<Record<string, string>>): Leftover {
  if (leftover.kind === 'kind-cluster' && tools.kind !== undefined) {
    return { ...leftover, command: tools.kind };
  }
  if (leftover.kind === 'namespace' && tools.kubectl !== undefined) {
    return { ...leftover, command: tools.kubectl };
  }
  return leftover;
}
