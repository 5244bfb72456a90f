// Runs a bundled entry as its own process, the way a user or the Actions runner does, with a
// hard time limit so a hung child cannot hang the suite.
import { spawn } from 'node:child_process';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${script} did not finish within ${options.timeoutMs ?? 120_000} ms\n${stderr}`),
      );
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Environment for a child without the variables that would make it think it runs in Actions. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('INPUT_') || key.startsWith('GITHUB_') || key.startsWith('STATE_')) continue;
    if (key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * The README's short local run (both baselines, 2 repetitions of 5 s at 300 RPS over 30
 * connections, 10 ms server delay): long enough for stable numbers, short enough for CI.
 */
export const SHORT_LOCAL_RUN: readonly string[] = [
  '--provider',
  'local',
  '--mesh',
  'none,app-mtls',
  '--rps',
  '300',
  '--connections',
  '30',
  '--duration',
  '5s',
  '--warmup',
  '1s',
  '--repetitions',
  '2',
  '--server-delay',
  '10ms',
];
