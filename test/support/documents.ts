// A small but complete result document, built through the real pure stages.
import type { Config } from '../../src/config/types.js';
import { buildDocument } from '../../src/results/buildDocument.js';
import type { Environment, Mtls, ResultDocument, Trial } from '../../src/results/schema.js';
import { DEFAULTS } from './configDefaults.js';
import { trialFrom } from './trials.js';

/** The README's short local run, on top of the defaults, stored nowhere. */
export const testConfig: Config = {
  ...DEFAULTS,
  rps: 300,
  connections: 30,
  durationMs: 5000,
  warmupMs: 1000,
  repetitions: 2,
  serverDelayMs: 10,
  linkerdVersion: 'edge-26.8.3',
  out: 'results.json',
  baseline: { store: 'none' },
  saveBaseline: false,
};

/** The runner a test document was measured on. */
export const testEnvironment: Environment = {
  os: 'Debian GNU/Linux 12 (bookworm)',
  kernel: 'Linux 6.1.0 x86_64',
  cpuModel: 'Test CPU',
  cpus: 2,
  memoryGiB: 24,
  nodeVersion: 'v20.20.2',
  kubernetesVersion: null,
  meshVersions: {},
};

export const verifiedMtls: Mtls = {
  verified: true,
  method: 'client-certificate-probe',
  details: ['ok'],
};

export function sampleDocument(
  extra: { appTrials?: Trial[]; faults?: string[] } = {},
): ResultDocument {
  const res = (cpu: number, mem: number) => ({
    client: { cpuCores: cpu, cpuSeconds: cpu * 5, memoryMiBPeak: mem },
    server: { cpuCores: cpu / 2, cpuSeconds: (cpu / 2) * 5, memoryMiBPeak: mem - 10 },
  });
  return buildDocument({
    config: testConfig,
    identity: { id: 'run-1', commit: 'abc123', ref: 'refs/heads/main' },
    startedAt: new Date('2026-11-22T10:00:00Z'),
    finishedAt: new Date('2026-11-22T10:01:00Z'),
    environment: testEnvironment,
    scenarios: [
      {
        mesh: 'none',
        mtls: { verified: false, method: 'not-applicable', details: ['plain'] },
        trials: [
          trialFrom(Array<number>(100).fill(10.2), { index: 0, resources: res(0.1, 60) }),
          trialFrom(Array<number>(100).fill(10.4), {
            index: 3,
            repetition: 2,
            resources: res(0.1, 62),
          }),
        ],
      },
      {
        mesh: 'app-mtls',
        mtls: verifiedMtls,
        trials: extra.appTrials ?? [
          trialFrom(Array<number>(100).fill(10.6), { index: 1, resources: res(0.15, 64) }),
          trialFrom(Array<number>(100).fill(10.8), {
            index: 2,
            repetition: 2,
            resources: res(0.15, 66),
          }),
        ],
      },
    ],
    faults: extra.faults ?? [],
  });
}
