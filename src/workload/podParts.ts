// Pieces every pod of the workload shares: placement against the server, Guaranteed resources, a
// locked-down security context, and the volumes for the bundled scripts and the app-mtls keys.
import type { Placement } from '../config/types.js';
import { tlsSecretName } from './supportManifests.js';
import {
  DEFAULT_RESOURCES,
  roleSelector,
  SCRIPTS_CONFIG_MAP,
  SCRIPTS_DIR,
  TLS_DIR,
  type ResourceSize,
  type Role,
} from './workloadNames.js';
import { serverOf, type WorkloadPlan } from './workloadPlan.js';

export const HOSTNAME_TOPOLOGY = 'kubernetes.io/hostname';

/**
 * A generator's affinity to the server: required (not preferred), so a placement that cannot be
 * met leaves the pod Pending and the trial fails, instead of silently measuring the other one.
 */
export function placementAffinity(placement: Placement, runId: string): Record<string, unknown> {
  const term = {
    labelSelector: { matchLabels: roleSelector(runId, 'server') },
    topologyKey: HOSTNAME_TOPOLOGY,
  };
  const rule = { requiredDuringSchedulingIgnoredDuringExecution: [term] };
  switch (placement) {
    case 'same-node':
      return { podAffinity: rule };
    case 'cross-node':
      return { podAntiAffinity: rule };
  }
}

export function resourcesFor(plan: WorkloadPlan, role: Role): ResourceSize {
  return plan.resources?.[role] ?? DEFAULT_RESOURCES[role];
}

/** requests == limits for CPU and memory: the Guaranteed QoS class. */
export function guaranteed(size: ResourceSize): Record<string, unknown> {
  const amounts = { cpu: size.cpu, memory: size.memory };
  return { requests: { ...amounts }, limits: { ...amounts } };
}

/** uid 1000 is the node user of the Node image; 1337 is left to Istio's proxy. */
export const APP_UID = 1000;

export function containerSecurity(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: APP_UID,
    runAsGroup: APP_UID,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export interface PodFiles {
  volumes: Record<string, unknown>[];
  mounts: Record<string, unknown>[];
}

/** Scripts (the builtin side's bundle), the side's TLS files (app-mtls) and a writable /tmp. */
export function podFiles(plan: WorkloadPlan, role: Role): PodFiles {
  const volumes: Record<string, unknown>[] = [{ name: 'tmp', emptyDir: {} }];
  const mounts: Record<string, unknown>[] = [{ name: 'tmp', mountPath: '/tmp' }];
  const builtin = role === 'server' ? serverOf(plan) === 'builtin' : plan.engine === 'builtin';
  if (builtin) {
    volumes.push({ name: 'scripts', configMap: { name: SCRIPTS_CONFIG_MAP } });
    mounts.push({ name: 'scripts', mountPath: SCRIPTS_DIR, readOnly: true });
  }
  if (plan.tls) {
    // 0440 with the group of the app user: readable by the app, by nobody else in the pod.
    volumes.push({
      name: 'tls',
      secret: { secretName: tlsSecretName(role), defaultMode: 0o440 },
    });
    mounts.push({ name: 'tls', mountPath: TLS_DIR, readOnly: true });
  }
  return { volumes, mounts };
}

/** Pod-level settings both sides share. */
export function podSecurity(): Record<string, unknown> {
  return { fsGroup: APP_UID, seccompProfile: { type: 'RuntimeDefault' } };
}

export function tlsPath(file: 'ca.pem' | 'cert.pem' | 'key.pem'): string {
  return `${TLS_DIR}/${file}`;
}
