// The `run` pipeline shared by the CLI and the action: plan -> provider -> mTLS check -> trials ->
// result document. Whatever was measured before a fault is still written out; a fault or a
// scenario without a valid trial makes the run an infrastructure error, never a pass.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config, MeshId } from '../config/types.js';
import { ConfigError, ExitCode, messageOf } from '../errors.js';
import type { BenchmarkProvider } from '../cluster/provider.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { planTrials } from '../plan/plan.js';
import type { ProgressSink } from '../report/progress.js';
import { buildDocument, type MeasuredScenario } from '../results/buildDocument.js';
import type { Environment, Mtls, ResultDocument, Trial, VerdictKind } from '../results/schema.js';
import type { RunIdentity } from '../results/runIdentity.js';
import { combineMtls, toTrial } from './toTrial.js';

export interface RunDeps {
  provider: BenchmarkProvider;
  cleanup: Cleanup;
  progress: ProgressSink;
  log: (line: string) => void;
  identity: () => Promise<RunIdentity>;
  environment: () => Promise<Environment>;
  /** Aborting stops the current trial early and skips the rest (Ctrl-C, cancellation). */
  signal?: AbortSignal;
}

export interface RunOutcome {
  document: ResultDocument;
  resultPath: string;
  verdict: VerdictKind;
  exitCode: ExitCode;
  /** Why the run is not a pass (faults, invalid scenarios); empty on success. */
  problems: string[];
}

export async function dryRunSteps(config: Config, provider: BenchmarkProvider): Promise<string[]> {
  const plan = planTrials(config.meshes, config.repetitions);
  return [
    ...(await provider.describe(config.meshes)),
    `trials in this order (${plan.length}): ${plan.map((t) => `${t.mesh}#${t.repetition}`).join(', ')}`,
    `each trial: ${config.warmupMs / 1000}s warm-up + ${config.durationMs / 1000}s measured at ${config.rps} RPS over ${config.connections} connections, server delay ${config.serverDelayMs} ms${config.injectDelayMs > 0 ? ` + ${config.injectDelayMs} ms injected (inject-delay)` : ''}`,
    `write the result document to ${config.out}`,
  ];
}

export async function runBenchmark(config: Config, deps: RunDeps): Promise<RunOutcome> {
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
        faults.push(`interrupted before trial ${planned.index + 1} of ${plan.length}`);
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
        trial.invalidReasons.push('interrupted');
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
    environment: provider.environment?.(environment) ?? environment,
    scenarios,
    faults,
    engineVersion: provider.engineVersion?.(),
  });
  const resultPath = path.resolve(config.out);
  await mkdir(path.dirname(resultPath), { recursive: true });
  await writeFile(resultPath, `${JSON.stringify(document, null, 2)}\n`);

  const problems = [
    ...faults.map((f) => `infrastructure: ${f}`),
    ...document.scenarios
      .filter((s) => s.summary.validTrials === 0)
      .map((s) => `scenario ${s.mesh} has no valid trial`),
  ];
  const failed = problems.length > 0;
  return {
    document,
    resultPath,
    verdict: failed ? 'infra-error' : 'no-baseline',
    exitCode: failed ? ExitCode.Infrastructure : ExitCode.Pass,
    problems,
  };
}
