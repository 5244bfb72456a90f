// `mesh-perf run`: the whole benchmark from flags and an optional config file, then the verdict
// against the configured baseline, printed as the gate's table and the study's Table I.
import { randomUUID } from 'node:crypto';
import { createBaselineStore } from '../baseline/baselineStage.js';
import { loadRunContext } from '../baseline/runContext.js';
import { Cleanup } from '../lifecycle/cleanup.js';
import { createProvider } from '../cluster/createProvider.js';
import { loadConfig } from '../config/loadConfig.js';
import { cliSink } from '../github/reportSink.js';
import { cliToken } from '../github/token.js';
import { execFileRunner } from '../process/processRunner.js';
import { LogProgress, TerminalProgress } from '../report/progress.js';
import { renderTerminalReport } from '../report/terminalTable.js';
import { renderVerdictTable } from '../report/verdictTerminal.js';
import { localEnvironment } from '../results/environment.js';
import { runIdentity } from '../results/runIdentity.js';
import { dryRunSteps, runBenchmark } from '../run/runBenchmark.js';
import { bundledScripts } from './bundledScripts.js';
import { writeLine, type CliIo } from './io.js';

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const config = await loadConfig({ flags: argv });
  const cleanup = new Cleanup();
  const log = (line: string): void => {
    writeLine(io.stderr, line);
  };
  // One id for the run: it names a cluster's resources and is the result document's run id.
  const runId = randomUUID();
  const provider = createProvider(config, bundledScripts(io.entryUrl), cleanup, {
    runId,
    env: io.env,
    log,
  });
  // Built before anything runs, so a setting with nowhere to store fails at once (exit 2).
  const store = createBaselineStore(config, {
    runner: execFileRunner,
    cleanup,
    log,
    env: io.env,
  });
  if (config.dryRun) {
    writeLine(io.stdout, 'Dry run: nothing is started or changed. Steps:');
    (await dryRunSteps(config, provider, io.env)).forEach((step, i) => {
      writeLine(io.stdout, `${i + 1}. ${step}`);
    });
    return 0;
  }

  // First Ctrl-C: stop the current trial and write what was measured. Second: clean up and quit.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    writeLine(
      io.stderr,
      `\n${signal}: stopping; the result so far will be written (again to quit now)`,
    );
    if (interrupts === 1) {
      controller.abort();
      return;
    }
    void cleanup.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const outcome = await runBenchmark(config, {
      provider,
      cleanup,
      log,
      progress: io.stderr.isTTY ? new TerminalProgress(io.stderr) : new LogProgress(log),
      identity: async () => ({ ...(await runIdentity(execFileRunner, io.env)), id: runId }),
      environment: localEnvironment,
      signal: controller.signal,
      store,
      context: await loadRunContext(io.env),
      report: { sink: cliSink(io), token: cliToken(io.env), env: io.env },
    });
    writeLine(io.stdout);
    writeLine(io.stdout, renderVerdictTable(outcome.document.verdict));
    writeLine(io.stdout);
    writeLine(io.stdout, renderTerminalReport(outcome.document, outcome.resultPath));
    return controller.signal.aborted ? 130 : outcome.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Also removes what registered after the trials (the baseline store's temp repository).
    for (const failure of await cleanup.runAll()) writeLine(io.stderr, `cleanup: ${failure}`);
  }
}
