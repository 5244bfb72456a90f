// Runs a cluster plan: command steps through the ProcessRunner seam (argv arrays, the plan's
// environment, stdin when the step has one); wait, apply and verify steps go to the caller, which
// owns the Kubernetes API. The teardown is registered before the first step runs, so a cluster
// that fails half-way through creation is deleted too.
import { InfraError, messageOf } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { withCommand } from '../lifecycle/clusterLeftovers.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { ClusterPlan } from './clusterSettings.js';
import type { Step } from './steps.js';

export interface StepDeps {
  runner: ProcessRunner;
  /** Resolved paths of the CLIs (from src/tools/); a step's command is looked up here first. */
  tools: Readonly<Record<string, string>>;
  /** Executes the non-command steps (wait, apply, verify) through the Kubernetes API. */
  runApiStep: (step: Exclude<Step, { kind: 'command' }>) => Promise<void>;
  log: (line: string) => void;
  baseEnv?: NodeJS.ProcessEnv;
}

/** The last lines of a command's output, enough to say why it failed without flooding the log. */
function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function runSteps(
  steps: readonly Step[],
  env: Readonly<Record<string, string>>,
  deps: StepDeps,
): Promise<void> {
  for (const step of steps) {
    deps.log(step.title);
    if (step.kind !== 'command') {
      await deps.runApiStep(step);
      continue;
    }
    const command = deps.tools[step.command] ?? step.command;
    const runEnv = { ...(deps.baseEnv ?? process.env), ...env };
    let result;
    try {
      const input = step.stdinFrom
        ? await pipedInput(step.stdinFrom, step.timeoutMs, runEnv, deps)
        : step.stdin;
      result = await deps.runner.run(command, step.args, {
        timeoutMs: step.timeoutMs,
        env: runEnv,
        ...(input === undefined ? {} : { input }),
      });
    } catch (error) {
      if (step.bestEffort !== undefined) {
        deps.log(`warning: ${step.title}: ${messageOf(error)}; going on (${step.bestEffort})`);
        continue;
      }
      throw new InfraError(`${step.title}: ${messageOf(error)}`, { cause: error });
    }
    if (result.code !== 0) {
      const why = `${step.command} exited with code ${result.code}\n${tail(result.stderr || result.stdout)}`;
      if (step.bestEffort !== undefined) {
        deps.log(`warning: ${step.title}: ${why}\ngoing on (${step.bestEffort})`);
        continue;
      }
      throw new InfraError(`${step.title}: ${why}`);
    }
  }
}

/**
 * The standard output of a step's source command, as a shell pipe would feed it on. It may hold
 * generated keys (`linkerd install`), so it is never logged; a failure reports stderr only.
 */
async function pipedInput(
  source: { command: string; args: readonly string[] },
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  deps: StepDeps,
): Promise<string> {
  const command = deps.tools[source.command] ?? source.command;
  const result = await deps.runner.run(command, source.args, { timeoutMs, env });
  if (result.code !== 0) {
    throw new InfraError(
      `${source.command} exited with code ${result.code}\n${tail(result.stderr)}`,
    );
  }
  return result.stdout;
}

/** Registers the teardown (with its leftover for the post step), then brings the cluster up. */
export async function bringUpCluster(
  plan: ClusterPlan,
  cleanup: Cleanup,
  deps: StepDeps,
): Promise<void> {
  if (plan.down.length > 0) {
    cleanup.add(
      plan.down.map((step) => step.title).join('; '),
      () => runSteps(plan.down, plan.env, deps),
      plan.leftover === null ? undefined : withCommand(plan.leftover, deps.tools),
    );
  }
  await runSteps(plan.up, plan.env, deps);
}
