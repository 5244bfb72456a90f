// `mesh-perf run`: the whole benchmark from flags and an optional config file.
import { randomUUID } from 'node:crypto';
import { Cleanup } from '../lifecycle/cleanup.js';
import { createProvider } from '../cluster/createProvider.js';
import { loadConfig } from '../config/loadConfig.js';
import { appendJobSummary } from '../github/jobSummary.js';
import { execFileRunner } from '../process/processRunner.js';
import { renderMarkdownReport } from '../report/markdown.js';
import { LogProgress, TerminalProgress } from '../report/progress.js';
import { renderTerminalReport } from '../report/terminalTable.js';
import { verdictLine } from '../report/verdictLine.js';
import { localEnvironment } from '../results/environment.js';
import { runIdentity } from '../results/runIdentity.js';
import { dryRunSteps, runBenchmark } from '../run/runBenchmark.js';
import { bundledScripts } from './bundledScripts.js';
import { writeLine, type CliIo } from './io.js';

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const config = await loadConfig({ flags: argv });
  const cleanup = new Cleanup();
  const runId = randomUUID();
  const log = (line: string): void => {
    writeLine(io.stderr, line);
  };
  const provider = createProvider(config, bundledScripts(io.entryUrl), cleanup, {
    runId,
    env: io.env,
    log,
  });
  if (config.dryRun) {
    writeLine(io.stdout, 'Dry run: nothing is started or changed. Steps:');
    (await dryRunSteps(config, provider)).forEach((step, i) => {
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
    });
    writeLine(io.stdout);
    writeLine(io.stdout, verdictLine(outcome).replace(/\*\*/g, ''));
    outcome.problems.forEach((p) => {
      writeLine(io.stdout, `  - ${p}`);
    });
    writeLine(io.stdout, renderTerminalReport(outcome.document, outcome.resultPath));
    await appendJobSummary(renderMarkdownReport(outcome.document, verdictLine(outcome)), io.env);
    return controller.signal.aborted ? 130 : outcome.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup.runAll();
  }
}
