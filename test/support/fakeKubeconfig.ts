// Writes a kubeconfig for the fake API server the way kind writes one (CA and client certificate
// inline), into a private temp file that dispose() removes.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { RunCertificates } from '../../src/certs/runCertificates.js';

export interface FakeKubeconfig {
  path: string;
  dispose(): Promise<void>;
}

const base64 = async (file: string): Promise<string> => (await readFile(file)).toString('base64');

export async function writeFakeKubeconfig(
  server: string,
  certs: Pick<RunCertificates, 'caFile' | 'clientCertFile' | 'clientKeyFile'>,
): Promise<FakeKubeconfig> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-kubeconfig-'));
  await chmod(dir, 0o700);
  const file = path.join(dir, 'config');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'fake',
        cluster: { server, 'certificate-authority-data': await base64(certs.caFile) },
      },
    ],
    users: [
      {
        name: 'fake-admin',
        user: {
          'client-certificate-data': await base64(certs.clientCertFile),
          'client-key-data': await base64(certs.clientKeyFile),
        },
      },
    ],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake-admin' } }],
    'current-context': 'fake',
  };
  await writeFile(file, stringify(config), { mode: 0o600 });
  return {
    path: file,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
