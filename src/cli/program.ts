// The `mesh-perf` command line: dispatches to a command and maps every error to the exit-code
// contract (2 invalid input, 3 infrastructure) with a message instead of a stack trace.
import { ConfigError, exitCodeOf, messageOf } from '../errors.js';
import { VERSION } from '../version.js';
import { compareCommand } from './compareCommand.js';
import { commentCommand } from './commentCommand.js';
import { loadCommand } from './loadCommand.js';
import { writeLine, type CliIo } from './io.js';
import { reportCommand } from './reportCommand.js';
import { runCommand } from './runCommand.js';

export const USAGE = `mesh-perf ${VERSION}: service-mesh mTLS performance gate

Usage:
  mesh-perf run [--config FILE] [--provider local] [--mesh none,app-mtls] [--rps N]
                [--connections N] [--duration D] [--warmup D] [--repetitions N]
                [--server-delay D] [--payload-bytes N] [--engine builtin|fortio]
                [--server builtin|fortio] [--workers auto|N]
                [--max-error-rate F] [--request-timeout D] [--out FILE]
                [--baseline FILE|git-branch|none] [--save-baseline] [--inject-delay D] [--dry-run]
  mesh-perf load URL [--rps N] [--connections N] [--duration D] [--warmup D]
                [--engine builtin|fortio] [--cacert F --cert F --key F] [--server-name NAME]
                [--out FILE]
  mesh-perf compare BASELINE.json CURRENT.json [--format table|markdown|json] [--out FILE]
                [--config FILE] [--threshold-p50 F] [--threshold-p99 F] [--threshold-p999 F]
                [--threshold-cpu F] [--threshold-memory F] [--error-rate-cap F]
                [--floor-latency D] [--floor-cpu 5m] [--floor-memory 2MiB] [--confidence F]
                [--fail-on regression|inconclusive]
  mesh-perf report RESULT.json [--format table|markdown|json|smp] [--baseline FILE]
  mesh-perf comment --from FILE [--head-sha SHA]

Durations: 500ms, 10s, 5m. With no flags, \`run\` is a real local benchmark of none and app-mtls.
Exit codes: 0 pass, 1 regression, 2 invalid input, 3 infrastructure error or invalid run.`;

const COMMANDS = ['run', 'load', 'report', 'compare', 'comment', 'help'] as const;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        writeLine(io.stdout, USAGE);
        return 0;
      case '--version':
      case '-v':
        writeLine(io.stdout, VERSION);
        return 0;
      case 'run':
        return await runCommand(rest, io);
      case 'load':
        return await loadCommand(rest, io);
      case 'report':
        return await reportCommand(rest, io);
      case 'compare':
        return await compareCommand(rest, io);
      case 'comment':
        return await commentCommand(rest, io);
      default:
        throw new ConfigError(
          `command: "${command}" is not a mesh-perf command; allowed: ${COMMANDS.join(', ')}`,
        );
    }
  } catch (error) {
    writeLine(io.stderr, `mesh-perf: ${messageOf(error)}`);
    if (!(error instanceof ConfigError) && error instanceof Error && error.cause !== undefined) {
      writeLine(io.stderr, `  caused by: ${messageOf(error.cause)}`);
    }
    return exitCodeOf(error);
  }
}
