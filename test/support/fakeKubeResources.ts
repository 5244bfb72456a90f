// The kinds the fake API server serves: the built-in ones the cluster path uses, and whatever
// CustomResourceDefinitions have been applied (PeerAuthentication, Gateway API, ...).
import type { FakeObject } from './fakeKubeSimulation.js';

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export const CRD_TYPE: ResourceType = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  namespaced: false,
};

export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true },
  CRD_TYPE,
];

export class StoreError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The kinds a set of CRDs defines, one per served version. */
export function customResourceTypes(crds: readonly FakeObject[]): ResourceType[] {
  return crds.flatMap((crd) => {
    const spec = (crd.spec ?? {}) as {
      group?: string;
      scope?: string;
      names?: { kind?: string; plural?: string };
      versions?: { name: string }[];
    };
    return (spec.versions ?? []).map((v) => ({
      group: spec.group ?? '',
      version: v.name,
      kind: spec.names?.kind ?? '',
      plural: spec.names?.plural ?? '',
      namespaced: spec.scope === 'Namespaced',
    }));
  });
}

export function notFound(type: ResourceType, name: string): StoreError {
  const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
  return new StoreError(404, 'NotFound', `${resource} "${name}" not found`);
}
