// The meshes' part of a cluster run (src/mesh/) as the cluster provider uses it: each scenario's
// MeshPlan and verifier, the network Cilium provides when it is in the run, the releases the mesh
// CLIs must match, the app-mtls verifier's certificates Secret, and the verifier's context.
import type { Config, MeshId } from '../config/types.js';
import { APP_MTLS_SECRET_KEYS } from '../mesh/baseline/baselineVerifiers.js';
import { meshPlanFor, meshVerifierFor, runToCompletionAnnotations } from '../mesh/meshPlans.js';
import { meshPlanOptions } from '../mesh/planOptions.js';
import { DEBUG_HEADERS_PATH } from '../server/echoServer.js';
import { commonLabels, LABELS, NODE_IMAGE } from '../workload/workloadNames.js';
import type { RunMaterial } from './appMtlsMaterial.js';
import type { MeshCatalog } from './clusterProviderDeps.js';
import type { ClusterNetwork, ScenarioPlan } from './clusterRunPlan.js';
import type { ClusterProvider } from './clusterSettings.js';
import type { KubeObject } from './steps.js';

/** The app-mtls verifier's Secret: the run CA, our client's key pair and the foreign client's. */
export const VERIFY_TLS_SECRET = 'mesh-perf-verify-tls';

/** fortio's echo server answers with the request headers it saw on this path. */
const FORTIO_HEADERS_PATH = '/debug';

export function clusterNetwork(config: Config): ClusterNetwork | null {
  if (!config.meshes.includes('cilium')) return null;
  const release =
    config.provider === 'existing' ? "the cluster's Cilium" : `Cilium ${config.ciliumVersion}`;
  return {
    description: `${release} with ${config.ciliumEncryption} encryption`,
    encryptsAllBetweenNodes: config.ciliumEncryption !== 'ztunnel',
  };
}

export function verificationSecret(scenario: ScenarioPlan, material: RunMaterial): KubeObject[] {
  const { tls, rogue } = material;
  if (scenario.mesh !== 'app-mtls' || !tls || !rogue) return [];
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: VERIFY_TLS_SECRET,
        namespace: scenario.namespace,
        labels: { ...commonLabels(scenario.workload.runId), [LABELS.role]: 'client' },
      },
      type: 'Opaque',
      stringData: {
        [APP_MTLS_SECRET_KEYS.ca]: tls.caPem,
        [APP_MTLS_SECRET_KEYS.clientCert]: tls.clientCertPem,
        [APP_MTLS_SECRET_KEYS.clientKey]: tls.clientKeyPem,
        [APP_MTLS_SECRET_KEYS.rogueCert]: rogue.certPem,
        [APP_MTLS_SECRET_KEYS.rogueKey]: rogue.keyPem,
      },
    },
  ];
}

export function meshCatalog(config: Config, provider: ClusterProvider): MeshCatalog {
  return {
    plan: (mesh: MeshId, namespace: string) =>
      meshPlanFor(mesh, meshPlanOptions(config, provider, namespace)),
    verifier: (mesh: MeshId) =>
      meshVerifierFor(mesh, { ciliumEncryption: config.ciliumEncryption }),
    completionAnnotations: runToCompletionAnnotations,
    network: clusterNetwork(config),
    releases: { istio: config.istioVersion, linkerd: config.linkerdVersion },
    extraObjects: verificationSecret,
    verifyContext: (scenario, deployed, base) => ({
      ...base,
      namespace: scenario.namespace,
      client: deployed.client,
      server: deployed.server,
      placement: config.placement,
      serverUrl: new URL(deployed.url).origin,
      serverHeadersPath: config.server === 'fortio' ? FORTIO_HEADERS_PATH : DEBUG_HEADERS_PATH,
      probeImage: NODE_IMAGE,
      ...(scenario.mesh === 'app-mtls' ? { certificatesSecret: VERIFY_TLS_SECRET } : {}),
    }),
  };
}
