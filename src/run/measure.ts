// The measuring half of a run: plan -> provider -> mTLS check -> trials -> result document, written
// to disk at once. Whatever was measured before a fault is still written out; the fault is kept in
// `run.faults`, which later makes the verdict an infrastructure error, never a pass.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchmarkProvider } from '../cluster/provider.js';
import type { Config, MeshId } from '../config/types.js';
import { ConfigError, messageOf } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { planTrials } from '../plan/plan.js';
import type { ProgressSink } from '../report/progress.js';
import { buildDocument, type MeasuredScenario } from '../results/buildDocument.js';
import type { RunIdentity } from '../results/runIdentity.js';
import type { Environment, Mtls, ResultDocument, Trial } from '../results/schema.js';
import { combineMtls, toTrial } from './toTrial.js';

export interface MeasureDeps {
  provider: BenchmarkProvider;
  /**
   * Run once the trials are over (servers stopped, keys removed). Whatever registers later (the
   * baseline store's temp repository) stays until the entry point's own final cleanup.
   */
  cleanup: Cleanup;
  progress: ProgressSink;
  identity: () => Promise<RunIdentity>;
  environment: () => Promise<Environment>;
  /** Aborting stops the current trial early and skips the rest (Ctrl-C, cancellation). */
  signal?: AbortSignal;
}

export const INTERRUPTED = 'interrupted';

/** Writes the document where `out` says (pretty JSON, trailing newline); returns the path. */
export async function writeResult(document: ResultDocument, out: string): Promise<string> {
  const resultPath = path.resolve(out);
  await mkdir(path.dirname(resultPath), { recursive: true });
  await writeFile(resultPath, `${JSON.stringify(document, null, 2)}\n`);
  return resultPath;
}

export async function measure(
  config: Config,
  deps: MeasureDeps,
): Promise<{ document: ResultDocument; resultPath: string }> {
  const { provider, signal } = deps;
  const plan = planTrials(config.meshes, config.repetitions);
  const startedAt = new Date();
  const [identity, environment] = await Promise.all([deps.identity(), deps.environment()]);
  const trials = new Map<MeshId, Trial[]>(config.meshes.map((m) => [m, []]));
  const checks = new Map<MeshId, Mtls[]>(config.meshes.map((m) => [m, []]));
  const faults: string[] = [];
  const onAbort = (): void => {
    provider.interrupt();
  };
  signal?.addEventListener('abort', onAbort);

  try {
    await provider.setUp(config.meshes);
    for (const planned of plan) {
      if (signal?.aborted) {
        faults.push(`${INTERRUPTED} before trial ${planned.index + 1} of ${plan.length}`);
        break;
      }
      const mtls = await provider.verifyMtls(planned.mesh);
      checks.get(planned.mesh)?.push(mtls);
      deps.progress.trialStarted(planned, plan.length);
      const trialStart = new Date();
      const outcome = await provider.runTrial(planned, (p) => {
        deps.progress.update(p);
      });
      const trial = toTrial(planned, outcome, mtls, config, trialStart);
      if (signal?.aborted) {
        trial.valid = false;
        trial.invalidReasons.push(INTERRUPTED);
      }
      trials.get(planned.mesh)?.push(trial);
      deps.progress.trialFinished(trial);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    faults.push(messageOf(error));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const failure of await deps.cleanup.runAll()) faults.push(`cleanup: ${failure}`);
  }
  // A run stopped during its last trial has no "before trial" fault, yet is no complete run: it
  // must never pass or be stored as a baseline.
  if (signal?.aborted && !faults.some((f) => f.startsWith(INTERRUPTED))) {
    faults.push(`${INTERRUPTED} during the last trial`);
  }

  const scenarios: MeasuredScenario[] = config.meshes.map((mesh) => ({
    mesh,
    meshConfig: provider.meshConfig?.(mesh),
    mtls: combineMtls(checks.get(mesh) ?? []) ?? {
      verified: false,
      method: 'not-checked',
      details: ['the run ended before mTLS was checked'],
    },
    trials: trials.get(mesh) ?? [],
  }));
  const document = buildDocument({
    config,
    identity,
    startedAt,
    finishedAt: new Date(),
    // A cluster's nodes and meshes instead of this machine, as far as set-up got.
    environment: provider.environment?.(environment) ?? environment,
    scenarios,
    faults,
    engineVersion: provider.engineVersion?.(),
  });
  return { document, resultPath: await writeResult(document, config.out) };
}
