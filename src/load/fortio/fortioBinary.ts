// Finds the fortio binary at run time: PATH first, then where `go install` puts it ($GOBIN, else
// $(go env GOPATH)/bin). Missing fortio is an infrastructure error that says how to install it.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InfraError, messageOf } from '../../errors.js';
import type { ProcessRunner } from '../../process/processRunner.js';
import { FORTIO_INSTALL } from './fortioArgs.js';

export interface FortioBinary {
  path: string;
  /** What `fortio version` prints, e.g. "1.68.2". */
  version: string;
}

export interface LocateDeps {
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Where `go install` writes binaries: GOBIN, else the first GOPATH entry's bin. Go is asked
 * first (its own config file can set both); without go, the environment and Go's default.
 */
async function goInstallDir({ env, runner }: LocateDeps): Promise<string> {
  let gobin = env.GOBIN;
  let gopath = env.GOPATH;
  try {
    const result = await runner.run('go', ['env', 'GOBIN', 'GOPATH'], { timeoutMs: 15_000, env });
    const [goBin, goPath] = result.stdout.split('\n').map((line) => line.trim());
    if (result.code === 0) {
      gobin = goBin === '' ? undefined : goBin;
      gopath = goPath === '' ? gopath : goPath;
    }
  } catch {
    // No go on this machine: the environment and Go's default below.
  }
  if (gobin) return gobin;
  const first = (gopath ?? '').split(path.delimiter).find((entry) => entry !== '');
  return path.join(first ?? path.join(os.homedir(), 'go'), 'bin');
}

/** The directories searched, in order (for the error message and for tests). */
export async function fortioSearchPath(deps: LocateDeps): Promise<string[]> {
  const fromPath = (deps.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  return [...fromPath, await goInstallDir(deps)];
}

export async function locateFortio(deps: LocateDeps): Promise<string> {
  const dirs = await fortioSearchPath(deps);
  for (const dir of dirs) {
    const candidate = path.join(dir, 'fortio');
    if (await isExecutableFile(candidate)) return candidate;
  }
  throw new InfraError(
    `fortio is not installed: it is not on PATH nor in ${dirs.at(-1) ?? '$(go env GOPATH)/bin'}; install it with: ${FORTIO_INSTALL}`,
  );
}

/** Runs `fortio version`; its first line is the version. */
export async function fortioVersion(binary: string, runner: ProcessRunner): Promise<string> {
  let output;
  try {
    output = await runner.run(binary, ['version'], { timeoutMs: 15_000 });
  } catch (error) {
    throw new InfraError(`could not run ${binary} version: ${messageOf(error)}`, { cause: error });
  }
  const version = output.stdout.trim().split('\n')[0]?.trim() ?? '';
  if (output.code !== 0 || version === '') {
    throw new InfraError(
      `${binary} version exited with code ${output.code}: ${output.stderr.trim().slice(0, 200)}`,
    );
  }
  return version;
}

export async function findFortio(deps: LocateDeps): Promise<FortioBinary> {
  const binary = await locateFortio(deps);
  return { path: binary, version: await fortioVersion(binary, deps.runner) };
}
