// The environment fingerprint stored with every result, so a reader can tell whether two runs
// were made on comparable machines before trusting a comparison.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Environment } from './schema.js';

export function parseOsRelease(text: string): string | undefined {
  const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
  return match?.[1];
}

export async function localEnvironment(): Promise<Environment> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const cpus = os.cpus();
  return {
    os: parseOsRelease(osRelease) ?? `${os.type()} ${os.release()}`,
    kernel: `${os.type()} ${os.release()} ${os.machine()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    nodeVersion: process.version,
    kubernetesVersion: null,
    meshVersions: {},
  };
}
