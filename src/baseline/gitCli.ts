// git through the ProcessRunner seam: argv arrays only, the store's environment, bounded time,
// and failures as InfraError with secrets and URL credentials removed from the message.
import { InfraError } from '../errors.js';
import type { CommandResult, ProcessRunner } from '../process/processRunner.js';
import { redact } from './gitEnvironment.js';

export interface GitRunOptions {
  cwd: string;
  /** Added to the store's environment for this command (e.g. GIT_INDEX_FILE). */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 for merge-base). */
  ok?: readonly number[];
  timeoutMs?: number;
}

const lastLines = (text: string, n = 6): string =>
  text.trim().split('\n').slice(-n).join('\n').trim();

export class GitCli {
  constructor(
    private readonly runner: ProcessRunner,
    private readonly env: NodeJS.ProcessEnv,
    private readonly secrets: readonly string[] = [],
  ) {}

  /** Text safe to show: no token, no credentials in URLs. */
  safe(text: string): string {
    return redact(text, this.secrets);
  }

  async run(args: readonly string[], options: GitRunOptions): Promise<CommandResult> {
    let result: CommandResult;
    try {
      result = await this.runner.run('git', args, {
        cwd: options.cwd,
        env: { ...this.env, ...options.env },
        timeoutMs: options.timeoutMs ?? 120_000,
      });
    } catch (error) {
      // The runner's message can carry the argv, which can carry a URL: never pass it on raw.
      throw new InfraError(`git ${args[0] ?? ''} did not run: ${this.safe(String(error))}`);
    }
    if (!(options.ok ?? [0]).includes(result.code)) {
      throw new InfraError(
        `git ${args[0] ?? ''} failed (exit ${result.code}): ${this.safe(lastLines(result.stderr) || lastLines(result.stdout))}`,
      );
    }
    return result;
  }

  /** stdout without the trailing newline. */
  async text(args: readonly string[], options: GitRunOptions): Promise<string> {
    return (await this.run(args, options)).stdout.replace(/\n$/, '');
  }
}
