// Every external command goes through this seam: argv as an array (never a shell string), a
// timeout, and output captured. Tests swap the runner; production uses execFile.
import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's standard input, which is then closed (e.g. `kubectl apply -f -`). */
  input?: string;
}

export interface ProcessRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

export const execFileRunner: ProcessRunner = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = execFile(
        command,
        [...args],
        {
          timeout: options.timeoutMs ?? 60_000,
          cwd: options.cwd,
          env: options.env,
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            // Not started, killed by the timeout, or a signal: there is no exit code to report.
            reject(new Error(`${command} failed: ${error.message}`, { cause: error }));
            return;
          }
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  },
};
