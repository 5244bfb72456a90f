// The run's certificates for the app-mtls scenario in a cluster: a fresh CA with server and client
// certificates (the server's valid for the names generators call inside the cluster) and a client
// from a foreign CA for the verifier's refusal check. Created in a private temp dir that is
// removed at the end; the cluster gets them only as Secrets, which the dry run shows redacted.
import { readFile } from 'node:fs/promises';
import { createRunCertificates } from '../certs/runCertificates.js';
import type { Config } from '../config/types.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { serverDnsNames } from '../workload/workloadNames.js';
import type { WorkloadTls } from '../workload/workloadPlan.js';
import { readWorkloadTls } from '../workload/workloadTls.js';
import { scenarioNamespace } from './clusterRunPlan.js';

export interface RunMaterial {
  /** What the app-mtls server and generators mount. */
  tls: WorkloadTls | null;
  /** A client certificate and key from an unrelated CA, which the server must refuse. */
  rogue: { certPem: string; keyPem: string } | null;
}

export const NO_MATERIAL: RunMaterial = { tls: null, rogue: null };

const GENERATED = '<generated when the run starts>';

/** What the dry run puts in the app-mtls Secrets: placeholders, shown redacted anyway. */
export function placeholderMaterial(config: Config): RunMaterial {
  if (!config.meshes.includes('app-mtls')) return NO_MATERIAL;
  return {
    tls: {
      caPem: GENERATED,
      serverCertPem: GENERATED,
      serverKeyPem: GENERATED,
      clientCertPem: GENERATED,
      clientKeyPem: GENERATED,
    },
    rogue: { certPem: GENERATED, keyPem: GENERATED },
  };
}

export async function createRunMaterial(
  config: Config,
  cleanup: Cleanup,
  runId: string,
): Promise<RunMaterial> {
  if (!config.meshes.includes('app-mtls')) return NO_MATERIAL;
  const certs = await createRunCertificates(cleanup, {
    serverDnsNames: serverDnsNames(scenarioNamespace(runId, 'app-mtls')),
  });
  const [certPem, keyPem] = await Promise.all(
    [certs.rogueCertFile, certs.rogueKeyFile].map((file) => readFile(file, 'utf8')),
  );
  return {
    tls: await readWorkloadTls(certs),
    rogue: { certPem: certPem ?? '', keyPem: keyPem ?? '' },
  };
}
