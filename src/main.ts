// The action's main step: the same pipeline as `mesh-perf run`, configured from inputs; the
// verdict goes to the log, the job summary, the pull-request comment, step outputs and the exit
// code. Exported as `run` for @github/local-action.
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { createBaselineStore } from './baseline/baselineStage.js';
import { loadRunContext } from './baseline/runContext.js';
import { createProvider } from './cluster/createProvider.js';
import { bundledScripts } from './cli/bundledScripts.js';
import { loadConfig } from './config/loadConfig.js';
import { ConfigError, exitCodeOf, messageOf } from './errors.js';
import { actionSink } from './github/reportSink.js';
import { actionToken } from './github/token.js';
import { Cleanup } from './lifecycle/cleanup.js';
import { execFileRunner } from './process/processRunner.js';
import { verdictHeadline } from './report/headline.js';
import { LogProgress } from './report/progress.js';
import { renderTerminalReport } from './report/terminalTable.js';
import { renderVerdictTable } from './report/verdictTerminal.js';
import { localEnvironment } from './results/environment.js';
import { runIdentity } from './results/runIdentity.js';
import { dryRunSteps, runBenchmark } from './run/runBenchmark.js';

export const LEFTOVERS_STATE = 'leftovers';

const info = (line: string): void => {
  core.info(line);
};

export async function run(): Promise<void> {
  core.saveState('main-started', 'true');
  const cleanup = new Cleanup((leftovers) => {
    core.saveState(LEFTOVERS_STATE, JSON.stringify(leftovers));
  });
  try {
    const config = await loadConfig({ inputs: (name) => core.getInput(name) });
    // One id for the run: it names a cluster's resources and is the result document's run id.
    const runId = randomUUID();
    const provider = createProvider(config, bundledScripts(import.meta.url), cleanup, {
      runId,
      log: info,
    });
    const token = actionToken();
    const store = createBaselineStore(config, {
      runner: execFileRunner,
      cleanup,
      log: info,
      token,
      mask: (secret) => {
        core.setSecret(secret);
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
      log: info,
      progress: new LogProgress(info, {
        start: (name) => {
          core.startGroup(name);
        },
        end: () => {
          core.endGroup();
        },
      }),
      identity: async () => ({ ...(await runIdentity(execFileRunner)), id: runId }),
      environment: localEnvironment,
      store,
      context: await loadRunContext(process.env),
      report: { sink: actionSink(process.env), token, env: process.env },
    });
    core.info(renderVerdictTable(outcome.document.verdict));
    core.info(renderTerminalReport(outcome.document, outcome.resultPath));
    if (outcome.exitCode !== 0) {
      const headline = verdictHeadline(outcome.document).replace(/\*\*/g, '');
      const problems = outcome.problems.length > 0 ? ` (${outcome.problems.join('; ')})` : '';
      core.setFailed(`mesh-perf: ${headline}${problems}`);
      process.exitCode = outcome.exitCode;
    }
  } catch (error) {
    core.setOutput('verdict', error instanceof ConfigError ? 'invalid-input' : 'infra-error');
    core.setFailed(`mesh-perf: ${messageOf(error)}`);
    process.exitCode = exitCodeOf(error);
  } finally {
    // Also removes what registered after the trials (the baseline store's temp repository).
    for (const failure of await cleanup.runAll()) core.warning(`mesh-perf: cleanup: ${failure}`);
  }
}
