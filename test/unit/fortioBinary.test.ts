// Finding fortio: PATH first, then $GOBIN, then $(go env GOPATH)/bin, with the real binary that
// .ci/run installs. A machine without it fails here (CI treats missing fortio as a failure).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InfraError } from '../../src/errors.js';
import { FORTIO_VERSION } from '../../src/load/fortio/fortioArgs.js';
import { findFortio, fortioVersion, locateFortio } from '../../src/load/fortio/fortioBinary.js';
import { execFileRunner } from '../../src/process/processRunner.js';

let real: string;
beforeAll(async () => {
  real = await locateFortio({ env: process.env, runner: execFileRunner });
});

const deps = (env: NodeJS.ProcessEnv) => ({ env, runner: execFileRunner });

describe('locateFortio', () => {
  it('finds the installed fortio, and it is the pinned version', async () => {
    const found = await findFortio(deps(process.env));
    expect(found.path).toBe(real);
    expect(found.version).toBe(FORTIO_VERSION);
  });

  it('prefers PATH over the Go install directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fortio-path-'));
    try {
      await symlink(real, path.join(dir, 'fortio'));
      const env = { PATH: dir, GOBIN: path.dirname(real) };
      expect(await locateFortio(deps(env))).toBe(path.join(dir, 'fortio'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back to $GOBIN when PATH does not have it', async () => {
    const env = { PATH: '/nonexistent', GOBIN: path.dirname(real) };
    expect(await locateFortio(deps(env))).toBe(real);
  });

  it('falls back to $GOPATH/bin without go and without GOBIN', async () => {
    const gopath = path.dirname(path.dirname(real));
    const env = { PATH: '/nonexistent', GOPATH: `${gopath}${path.delimiter}/elsewhere` };
    expect(await locateFortio(deps(env))).toBe(real);
  });

  it('asks go where `go install` put it', async () => {
    const goDir = (process.env.PATH ?? '')
      .split(path.delimiter)
      .find((dir) => existsSync(path.join(dir, 'go')));
    expect(goDir).toBeDefined();
    const env = { PATH: goDir, HOME: os.homedir() };
    const [gobin, gopath] = (
      await execFileRunner.run('go', ['env', 'GOBIN', 'GOPATH'], { env })
    ).stdout
      .split('\n')
      .map((line) => line.trim());
    const dir = gobin || path.join(gopath ?? '', 'bin');
    expect(await locateFortio(deps(env))).toBe(path.join(dir, 'fortio'));
  });

  it('is an infrastructure error naming the install command when fortio is nowhere', async () => {
    const env = { PATH: '/nonexistent', GOBIN: '/nonexistent-gobin' };
    const attempt = locateFortio(deps(env));
    await expect(attempt).rejects.toThrow(InfraError);
    await expect(attempt).rejects.toThrow(
      'fortio is not installed: it is not on PATH nor in /nonexistent-gobin; install it with: go install fortio.org/fortio@v1.68.2',
    );
  });

  it('does not take a directory named fortio for the binary', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fortio-dir-'));
    try {
      await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, 'fortio')));
      const env = { PATH: dir, GOBIN: path.dirname(real) };
      expect(await locateFortio(deps(env))).toBe(real);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('fortioVersion', () => {
  it('reads the first line of `fortio version`', async () => {
    expect(await fortioVersion(real, execFileRunner)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is an infrastructure error for a program that is not there', async () => {
    await expect(fortioVersion('/nonexistent/fortio', execFileRunner)).rejects.toThrow(
      /could not run \/nonexistent\/fortio version/,
    );
  });
});
