// Reads the run's certificates (src/certs/runCertificates.ts) into the PEM texts the app-mtls
// Secrets carry. Create them with serverDnsNames(namespace), so the server certificate matches the
// name the generators call.
import { readFile } from 'node:fs/promises';
import type { RunCertificates } from '../certs/runCertificates.js';
import type { WorkloadTls } from './workloadPlan.js';

export async function readWorkloadTls(certs: RunCertificates): Promise<WorkloadTls> {
  const [caPem, serverCertPem, serverKeyPem, clientCertPem, clientKeyPem] = await Promise.all(
    [
      certs.caFile,
      certs.serverCertFile,
      certs.serverKeyFile,
      certs.clientCertFile,
      certs.clientKeyFile,
    ].map((file) => readFile(file, 'utf8')),
  );
  if (!caPem || !serverCertPem || !serverKeyPem || !clientCertPem || !clientKeyPem) {
    throw new Error('a run certificate file is empty');
  }
  return { caPem, serverCertPem, serverKeyPem, clientCertPem, clientKeyPem };
}
