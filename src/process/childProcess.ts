// A long-running external program (fortio) as a child process: argv array, never a shell string;
// its pid for the /proc sampler; stdout and stderr kept (bounded) for parsing once it ends.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last MAX_STDERR_BYTES of stderr. */
  stderr: string;
  /** Set when the program could not be started at all. */
  spawnError?: string;
}

export interface RunningProcess {
  pid: number;
  exited: Promise<ProcessExit>;
  /** The first stderr line for which `match` returns a value; rejects on exit or after timeoutMs. */
  waitForStderr<T>(
    match: (line: string) => T | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<T>;
  kill(signal?: NodeJS.Signals): void;
}

const MAX_STDOUT_BYTES = 64 * 1024 * 1024;
const MAX_STDERR_BYTES = 1024 * 1024;

export function startProcess(command: string, args: readonly string[]): RunningProcess {
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let spawnError: string | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (stdout.length < MAX_STDOUT_BYTES) stdout += chunk;
  });
  const listeners = new Set<(line: string) => void>();
  child.stderr.setEncoding('utf8');
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr = `${stderr}${line}\n`.slice(-MAX_STDERR_BYTES);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<ProcessExit>((resolve) => {
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (code, signal) => {
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    });
  });
  return {
    // An unstarted child has no pid; the sampler then finds nothing and `exited` says why.
    pid: child.pid ?? -1,
    exited,
    waitForStderr(match, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const finish = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const listener = (line: string): void => {
          const value = match(line);
          if (value === undefined) return;
          finish();
          resolve(value);
        };
        listeners.add(listener);
        void exited.then((exit) => {
          finish();
          reject(new Error(`${what}: ${describeExit(exit)}`));
        });
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** "exited with code 1: <last stderr line>", "could not start: spawn fortio ENOENT", ... */
export function describeExit(exit: ProcessExit): string {
  if (exit.spawnError !== undefined) return `could not start: ${exit.spawnError}`;
  const how = exit.code === null ? `signal ${exit.signal ?? 'unknown'}` : `code ${exit.code}`;
  const last = exit.stderr.trim().split('\n').slice(-3).join(' | ').slice(-600);
  return `exited with ${how}${last === '' ? '' : `: ${last}`}`;
}

/** Asks a child to stop with `signal`, then SIGKILL after `graceMs`. */
export async function stopProcess(
  running: RunningProcess,
  graceMs = 5000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<ProcessExit> {
  running.kill(signal);
  const timer = setTimeout(() => {
    running.kill('SIGKILL');
  }, graceMs);
  try {
    return await running.exited;
  } finally {
    clearTimeout(timer);
  }
}
