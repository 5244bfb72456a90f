// The action's main step: the same pipeline as `mesh-perf run`, configured from inputs, reported
// to the log, the job summary and step outputs. Exported as `run` for @github/local-action.
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { createProvider } from './cluster/createProvider.js';
import { bundledScripts } from './cli/bundledScripts.js';
import { loadConfig } from './config/loadConfig.js';
import { ConfigError, exitCodeOf, messageOf } from './errors.js';
import { appendJobSummary } from './github/jobSummary.js';
import { Cleanup } from './lifecycle/cleanup.js';
import { execFileRunner } from './process/processRunner.js';
import { renderMarkdownReport } from './report/markdown.js';
import { LogProgress } from './report/progress.js';
import { renderTerminalReport } from './report/terminalTable.js';
import { verdictLine } from './report/verdictLine.js';
import { localEnvironment } from './results/environment.js';
import { runIdentity } from './results/runIdentity.js';
import { dryRunSteps, runBenchmark } from './run/runBenchmark.js';

export const LEFTOVERS_STATE = 'leftovers';

export async function run(): Promise<void> {
  core.saveState('main-started', 'true');
  const cleanup = new Cleanup((leftovers) => {
    core.saveState(LEFTOVERS_STATE, JSON.stringify(leftovers));
  });
  try {
    const config = await loadConfig({ inputs: (name) => core.getInput(name) });
    const runId = randomUUID();
    const provider = createProvider(config, bundledScripts(import.meta.url), cleanup, {
      runId,
      log: (line) => {
        core.info(line);
      },
    });
    if (config.dryRun) {
      core.info('Dry run: nothing is started or changed. Steps:');
      (await dryRunSteps(config, provider)).forEach((step, i) => {
        core.info(`${i + 1}. ${step}`);
      });
      return;
    }
    const outcome = await runBenchmark(config, {
      provider,
      cleanup,
      log: (line) => {
        core.info(line);
      },
      progress: new LogProgress(
        (line) => {
          core.info(line);
        },
        {
          start: (name) => {
            core.startGroup(name);
          },
          end: () => {
            core.endGroup();
          },
        },
      ),
      identity: async () => ({ ...(await runIdentity(execFileRunner)), id: runId }),
      environment: localEnvironment,
    });
    const headline = verdictLine(outcome);
    core.info(headline.replace(/\*\*/g, ''));
    core.info(renderTerminalReport(outcome.document, outcome.resultPath));
    await appendJobSummary(renderMarkdownReport(outcome.document, headline));
    core.setOutput('result-path', outcome.resultPath);
    core.setOutput('verdict', outcome.verdict);
    core.setOutput(
      'p99-ms',
      JSON.stringify(
        Object.fromEntries(
          outcome.document.scenarios.map((s) => [s.mesh, s.summary.latencyMs.p99]),
        ),
      ),
    );
    if (outcome.exitCode !== 0) {
      core.setFailed(`mesh-perf: ${outcome.problems.join('; ')}`);
      process.exitCode = outcome.exitCode;
    }
  } catch (error) {
    core.setOutput('verdict', error instanceof ConfigError ? 'invalid-input' : 'infra-error');
    core.setFailed(`mesh-perf: ${messageOf(error)}`);
    process.exitCode = exitCodeOf(error);
  } finally {
    await cleanup.runAll();
  }
}
