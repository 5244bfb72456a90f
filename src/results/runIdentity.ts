// Which commit and ref a run measured: from the Actions environment when there, else from git in
// the working directory, else unknown (null), never a guess.
import { randomUUID } from 'node:crypto';
import type { ProcessRunner } from '../process/processRunner.js';

export interface RunIdentity {
  id: string;
  commit: string | null;
  ref: string | null;
}

async function gitOutput(
  runner: ProcessRunner,
  args: string[],
  cwd: string,
): Promise<string | null> {
  try {
    const result = await runner.run('git', args, { cwd, timeoutMs: 5000 });
    const text = result.stdout.trim();
    return result.code === 0 && text !== '' && text !== 'HEAD' ? text : null;
  } catch {
    return null;
  }
}

export async function runIdentity(
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<RunIdentity> {
  const commit = env.GITHUB_SHA ?? (await gitOutput(runner, ['rev-parse', 'HEAD'], cwd));
  const ref =
    env.GITHUB_REF ?? (await gitOutput(runner, ['rev-parse', '--abbrev-ref', 'HEAD'], cwd));
  return { id: randomUUID(), commit, ref };
}
