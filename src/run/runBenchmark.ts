// The `run` pipeline shared by the CLI and the action, one line per stage: measure (the result
// document is written even after a fault) -> reference, gate, verdict, save, history -> reports
// -> exit code. A fault or a scenario without a valid trial makes the run infra-error, never a pass.
import { describeBaseline } from '../baseline/baselineStage.js';
import type { RunContext } from '../baseline/runContext.js';
import type { BaselineStore, SaveOutcome } from '../baseline/store.js';
import type { BenchmarkProvider } from '../cluster/provider.js';
import { exitCodeFor, infrastructureProblems } from '../compare/gate.js';
import type { Config } from '../config/types.js';
import type { ExitCode } from '../errors.js';
import {
  publishReports,
  type PublishContext,
  type PublishOutcome,
} from '../github/publishReports.js';
import { planTrials } from '../plan/plan.js';
import type { VerdictKind } from '../results/schema.js';
import { gateStage, type JudgedDocument } from './gateStage.js';
import { measure, type MeasureDeps } from './measure.js';

export interface RunDeps extends MeasureDeps {
  log: (line: string) => void;
  /** Where the reference comes from and where the run is stored (built before measuring). */
  store: BaselineStore;
  /** What triggered the run: decides the reference and whether to store. */
  context: RunContext;
  /** Where reports go: the sink (action or terminal), the comment's token, the environment. */
  report: Pick<PublishContext, 'sink' | 'token' | 'env' | 'api'>;
}

export interface RunOutcome {
  /** The result document with its verdict, as written to `resultPath`. */
  document: JudgedDocument;
  resultPath: string;
  verdict: VerdictKind;
  exitCode: ExitCode;
  /** Why the run cannot be trusted (faults, scenarios without a valid trial); empty otherwise. */
  problems: string[];
  save: SaveOutcome;
  published: PublishOutcome;
}

export async function dryRunSteps(
  config: Config,
  provider: BenchmarkProvider,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const plan = planTrials(config.meshes, config.repetitions);
  return [
    ...(await provider.describe(config.meshes)),
    `trials in this order (${plan.length}): ${plan.map((t) => `${t.mesh}#${t.repetition}`).join(', ')}`,
    `each trial: ${config.warmupMs / 1000}s warm-up + ${config.durationMs / 1000}s measured at ${config.rps} RPS over ${config.connections} connections, server delay ${config.serverDelayMs} ms${config.injectDelayMs > 0 ? ` + ${config.injectDelayMs} ms injected (inject-delay)` : ''}`,
    `write the result document to ${config.out}`,
    ...describeBaseline(config, env),
    `compare with the reference: p50 ${pct(config.thresholdP50)}, p99 ${pct(config.thresholdP99)}, p99.9 ${pct(config.thresholdP999)}, CPU ${pct(config.thresholdCpu)}, memory ${pct(config.thresholdMemory)} at ${pct(config.confidence)} confidence (Holm-corrected); fail on ${config.failOn}`,
    `report: job summary, outputs, annotations, charts next to the result, pull-request comment ${config.comment}`,
  ];
}

const pct = (fraction: number): string => `${Number((fraction * 100).toFixed(2))}%`;

export async function runBenchmark(config: Config, deps: RunDeps): Promise<RunOutcome> {
  const measured = await measure(config, deps);
  const judged = await gateStage(measured.document, measured.resultPath, config, deps);
  const published = await publishReports(judged.document, {
    ...deps.report,
    resultPath: measured.resultPath,
    baseline: judged.reference?.document ?? null,
    history: judged.history,
    comment: config.comment,
    commentFile: config.commentFile,
  });
  const { document } = judged;
  return {
    document,
    resultPath: measured.resultPath,
    verdict: document.verdict.kind,
    exitCode: exitCodeFor(document.verdict, config.failOn),
    problems: infrastructureProblems(document),
    save: judged.save,
    published,
  };
}
