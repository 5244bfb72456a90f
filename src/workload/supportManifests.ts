// The objects around the server and the generators: the run's namespace (enrolled in the mesh),
// one ServiceAccount per side so the mesh gives client and server different identities, the
// bundled scripts as a ConfigMap, and the app-mtls key material as one Secret per side.
import type { KubeObject } from '../cluster/steps.js';
import {
  CLIENT_SERVICE_ACCOUNT,
  CLIENT_TLS_SECRET,
  commonLabels,
  LABELS,
  SCRIPTS_CONFIG_MAP,
  SERVER_NAME,
  SERVER_TLS_SECRET,
  type Role,
} from './workloadNames.js';
import { usesBundles, type WorkloadPlan } from './workloadPlan.js';

export function namespaceManifest(plan: WorkloadPlan): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: plan.namespace,
      // The mesh's enrollment labels win over ours only where they name the same key (none do).
      labels: { ...commonLabels(plan.runId), ...plan.namespaceLabels },
      ...(Object.keys(plan.namespaceAnnotations).length > 0
        ? { annotations: { ...plan.namespaceAnnotations } }
        : {}),
    },
  };
}

export function serviceAccountName(role: Role): string {
  return role === 'server' ? SERVER_NAME : CLIENT_SERVICE_ACCOUNT;
}

export function serviceAccountManifest(plan: WorkloadPlan, role: Role): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: serviceAccountName(role),
      namespace: plan.namespace,
      labels: { ...commonLabels(plan.runId), [LABELS.role]: role },
    },
    // Neither side talks to the API server; meshes mount their own projected tokens.
    automountServiceAccountToken: false,
  };
}

/** The bundles of the builtin server and generator; undefined when fortio runs both sides. */
export function scriptsConfigMap(plan: WorkloadPlan): KubeObject | undefined {
  if (!usesBundles(plan)) return undefined;
  if (!plan.scripts) throw new Error('the builtin engine needs the server and loadgen bundles');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: SCRIPTS_CONFIG_MAP,
      namespace: plan.namespace,
      labels: commonLabels(plan.runId),
    },
    data: { 'server.mjs': plan.scripts.server, 'loadgen.mjs': plan.scripts.loadgen },
  };
}

/**
 * One Secret per side, so the client never holds the server's key and the reverse. Files: ca.pem
 * plus the side's certificate and key, under the names the server and loadgen options use.
 */
export function tlsSecrets(plan: WorkloadPlan): KubeObject[] {
  const tls = plan.tls;
  if (!tls) return [];
  const secret = (name: string, role: Role, data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: plan.namespace,
      labels: { ...commonLabels(plan.runId), [LABELS.role]: role },
    },
    type: 'Opaque',
    stringData: data,
  });
  return [
    secret(SERVER_TLS_SECRET, 'server', {
      'ca.pem': tls.caPem,
      'cert.pem': tls.serverCertPem,
      'key.pem': tls.serverKeyPem,
    }),
    secret(CLIENT_TLS_SECRET, 'client', {
      'ca.pem': tls.caPem,
      'cert.pem': tls.clientCertPem,
      'key.pem': tls.clientKeyPem,
    }),
  ];
}

export function tlsSecretName(role: Role): string {
  return role === 'server' ? SERVER_TLS_SECRET : CLIENT_TLS_SECRET;
}
