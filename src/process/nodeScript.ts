// Runs one of our bundled scripts (server, load generator) as a child process that talks in JSON
// lines on stdout. Separate processes let the sampler attribute CPU and memory to each role.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last lines of stderr, for error messages. */
  stderrTail: string;
}

export interface RunningScript {
  pid: number;
  exited: Promise<ScriptExit>;
  /** Resolves with the first line for which `match` returns a value, or rejects on exit/timeout. */
  waitFor<T>(match: (line: unknown) => T | undefined, timeoutMs: number, what: string): Promise<T>;
  kill(signal?: NodeJS.Signals): void;
}

const STDERR_TAIL_BYTES = 4096;

export function startNodeScript(
  script: string,
  args: readonly string[],
  onLine: (line: unknown) => void = () => undefined,
): RunningScript {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const listeners = new Set<(line: unknown) => void>([onLine]);
  createInterface({ input: child.stdout }).on('line', (text) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // Not one of ours: a stray log line is ignored rather than failing the run.
    }
    for (const listener of listeners) listener(parsed);
  });
  const exited = new Promise<ScriptExit>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stderrTail: stderrTail.trim() });
    });
    child.on('error', (error) => {
      resolve({ code: null, signal: null, stderrTail: error.message });
    });
  });
  return {
    pid: child.pid,
    exited,
    waitFor(match, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const listener = (line: unknown): void => {
          const value = match(line);
          if (value === undefined) return;
          finish();
          resolve(value);
        };
        const finish = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        listeners.add(listener);
        void exited.then((exit) => {
          finish();
          reject(
            new Error(
              `${what}: process exited (code ${exit.code ?? exit.signal ?? 'unknown'})${exit.stderrTail ? `: ${exit.stderrTail}` : ''}`,
            ),
          );
        });
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Asks a child to stop with SIGTERM, then SIGKILL after `graceMs`. */
export async function stopScript(script: RunningScript, graceMs = 5000): Promise<ScriptExit> {
  script.kill('SIGTERM');
  const timer = setTimeout(() => {
    script.kill('SIGKILL');
  }, graceMs);
  try {
    return await script.exited;
  } finally {
    clearTimeout(timer);
  }
}
