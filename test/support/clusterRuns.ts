// A whole cluster run in this process, as the CLI makes it (configuration from flags, the cluster
// provider, the run loop, the result document), against the fake API server and the fake CLIs,
// with short timings. What it returns lets tests assert on the document, the API requests, the
// argv of every CLI and what is left on the fake cluster.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ClusterProvider } from '../../src/cluster/clusterProvider.js';
import type { ClusterTimings } from '../../src/cluster/clusterProviderDeps.js';
import { meshCatalog } from '../../src/cluster/meshCatalog.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { MeshId } from '../../src/config/types.js';
import { NoStore } from '../../src/baseline/store.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { localEnvironment } from '../../src/results/environment.js';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { runBenchmark, type RunOutcome } from '../../src/run/runBenchmark.js';
import {
  DEFAULT_NODES,
  startFakeKubeApi,
  type FakeKubeApi,
  type FakeNodeSpec,
} from './fakeKubeApi.js';
import { installFakeClis, type FakeClis, type RecordedCall } from './fakeClis.js';
import { FakeMeshCluster, type MeshClusterOptions } from './fakeMeshCluster.js';
import { seedMeshes } from './fakeMeshSeeds.js';
import { scripts } from './paths.js';

export const FAST_TIMINGS: ClusterTimings = {
  deployTimeoutMs: 10_000,
  parkTimeoutMs: 10_000,
  pollIntervalMs: 20,
  apiPollIntervalMs: 20,
  startDelayMs: 100,
  graceMs: 3_000,
  samplerIntervalMs: 20,
  settleTimeoutMs: 3_000,
  namespaceDeleteTimeoutMs: 5_000,
};

export interface ClusterRunOptions extends MeshClusterOptions {
  provider: 'existing' | 'kind';
  meshes: MeshId[];
  placement?: 'same-node' | 'cross-node';
  /** Fake CLI command lines that fail, e.g. "istioctl install". */
  fail?: string[];
  nodes?: readonly FakeNodeSpec[];
  timings?: Partial<ClusterTimings>;
  /** Stops the run (as Ctrl-C does) when the trial with this index starts. */
  interruptAtTrial?: number;
  /** Load flags in place of those matching the recorded builtin generator log. */
  load?: string[];
  extraFlags?: string[];
}

export interface ClusterRun {
  outcome: RunOutcome;
  /** The result document as written to disk, validated. */
  written: ResultDocument;
  api: FakeKubeApi;
  calls: RecordedCall[];
  logs: string[];
  cleanupPending: number;
}

export const RUN_ID = '0f3c9a7e-5b1d-4c2a-9e8f-7a6b5c4d3e2f';

export async function runClusterScenario(options: ClusterRunOptions): Promise<ClusterRun> {
  const cluster = new FakeMeshCluster(options);
  const api = await startFakeKubeApi({
    ...cluster.script(),
    nodes: options.nodes ?? DEFAULT_NODES,
  });
  cluster.attach(api);
  seedMeshes(api, options.meshes);
  let clis: FakeClis | undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-cluster-test-'));
  try {
    clis = await installFakeClis({ kubeconfig: api.kubeconfigPath, fail: options.fail ?? [] });
    const out = path.join(dir, 'result.json');
    const config = await loadConfig({
      flags: [
        '--provider',
        options.provider,
        '--mesh',
        options.meshes.join(','),
        // The recorded generator log's own load: 150 RPS over 10 connections, 1 s + 3 s.
        ...(options.load ?? [
          '--rps',
          '150',
          '--connections',
          '10',
          '--duration',
          '3s',
          '--warmup',
          '1s',
        ]),
        ...['--repetitions', '1', '--server-delay', '10ms', '--request-timeout', '2s'],
        ...['--placement', options.placement ?? 'same-node', '--out', out, '--baseline', 'none'],
        ...(options.extraFlags ?? []),
      ],
    });
    const env = { ...process.env, ...clis.env, KUBECONFIG: api.kubeconfigPath };
    const logs: string[] = [];
    const log = (line: string): void => {
      logs.push(line);
    };
    const cleanup = new Cleanup();
    const fakeDir = clis.dir;
    const provider = new ClusterProvider(config, cleanup, {
      runId: RUN_ID,
      runner: execFileRunner,
      env,
      log,
      meshes: meshCatalog(config, options.provider),
      scripts: { server: scripts.server, loadgen: scripts.loadgen },
      hostFacts: () =>
        Promise.resolve({
          inActions: false,
          os: 'linux',
          inotify: { maxUserWatches: 524_288, maxUserInstances: 512 },
          now: new Date(),
          owner: 'mesh-perf-tests',
        }),
      installTool: (need) => Promise.resolve(path.join(fakeDir, need.tool)),
      platform: 'linux/amd64',
      timings: { ...FAST_TIMINGS, ...options.timings },
    });
    const controller = new AbortController();
    const outcome = await runBenchmark(config, {
      provider,
      cleanup,
      log,
      progress: {
        trialStarted: (trial) => {
          if (trial.index === options.interruptAtTrial) controller.abort();
        },
        update: () => {},
        trialFinished: () => {},
      },
      signal: controller.signal,
      // The whole pipeline after measuring too: no reference (baseline none), reports to `logs`.
      store: new NoStore('baseline: none'),
      context: { kind: 'local' },
      report: {
        token: '',
        env: {},
        sink: {
          info: log,
          warning: log,
          error: log,
          setOutput: () => undefined,
          appendSummary: () => Promise.resolve(),
        },
      },
      identity: () => Promise.resolve({ id: RUN_ID, commit: null, ref: null }),
      environment: localEnvironment,
    });
    const written = resultDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    return {
      outcome,
      written,
      api,
      calls: await clis.calls(),
      logs,
      cleanupPending: cleanup.pending,
    };
  } finally {
    await clis?.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
