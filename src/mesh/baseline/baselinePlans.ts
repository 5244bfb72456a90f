// The two baselines in a cluster: `none` (plain HTTP, nothing installed) and `app-mtls` (client
// and server do mutual TLS themselves, with the run's certificates from a Secret the workload
// creates). Neither installs anything or adds a component to attribute.
import type { MeshPlan } from '../meshPlan.js';
import type { MeshPlanOptions } from '../planOptions.js';

const nothing = { proxyContainers: [], meshPods: [] } as const;

export function nonePlan(_options: MeshPlanOptions): MeshPlan {
  return {
    mesh: 'none',
    info: { version: 'n/a', profile: 'plain HTTP', flags: [] },
    install: [],
    namespaceLabels: {},
    namespaceAnnotations: {},
    enforce: [],
    verifyStep: {
      kind: 'verify',
      title: 'mTLS: not applicable (plain-HTTP baseline)',
      checks: ['nothing to verify: the baseline runs without mTLS by design'],
    },
    attribution: nothing,
    uninstall: [],
  };
}

export function appMtlsPlan(_options: MeshPlanOptions): MeshPlan {
  return {
    mesh: 'app-mtls',
    info: {
      version: 'n/a',
      profile: 'application TLS 1.3',
      flags: ['per-run CA, ECDSA P-256 certificates, client certificate required'],
    },
    install: [],
    namespaceLabels: {},
    namespaceAnnotations: {},
    enforce: [],
    verifyStep: {
      kind: 'verify',
      title: 'verify mTLS on the measured path (app-mtls)',
      checks: [
        "a probe pod with the run's client certificate completes a TLS 1.3 handshake with the server's Service, verifies the server certificate against the run's CA and gets 200 from /healthz",
        'a probe without a client certificate is refused',
        'a probe with a client certificate from a foreign CA is refused',
      ],
    },
    attribution: nothing,
    uninstall: [],
  };
}
