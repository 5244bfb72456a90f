// The action's post step (post-if: always()): removes what a main step left behind when it was
// killed before its own cleanup ran (a cancelled job). Only our own temp directories, our own
// server / load-generator processes (including a `fortio server` we started), and the clusters
// and namespaces the run itself created are touched.
import * as core from '@actions/core';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Leftover } from './lifecycle/cleanup.js';
import { messageOf } from './errors.js';
import { execFileRunner, type ProcessRunner } from './process/processRunner.js';
import { leftoverCommand, parseClusterLeftover } from './lifecycle/clusterLeftovers.js';
import { isOurFortioServer } from './load/fortio/fortioArgs.js';

function parseLocalLeftover(item: object): Leftover | undefined {
  const candidate = item as { kind?: unknown; path?: unknown; pid?: unknown };
  if (candidate.kind === 'dir' && typeof candidate.path === 'string') {
    return { kind: 'dir', path: candidate.path };
  }
  if (candidate.kind === 'pid' && Number.isInteger(candidate.pid)) {
    return { kind: 'pid', pid: candidate.pid as number };
  }
  return undefined;
}

export function parseLeftovers(text: string): Leftover[] {
  if (text.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown): Leftover[] => {
      if (typeof item !== 'object' || item === null) return [];
      const leftover = parseLocalLeftover(item) ?? parseClusterLeftover(item);
      return leftover ? [leftover] : [];
    });
  } catch {
    return [];
  }
}

/** A directory we created: directly under the temp dir and named mesh-perf-*. */
export function isOurTempDir(dir: string, tmp = os.tmpdir()): boolean {
  const resolved = path.resolve(dir);
  return (
    path.dirname(resolved) === path.resolve(tmp) && path.basename(resolved).startsWith('mesh-perf-')
  );
}

async function isOurProcess(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return /(server|loadgen)\.mjs/.test(cmdline) || isOurFortioServer(cmdline.split('\0'));
}

async function removeOne(
  leftover: Leftover,
  runner: ProcessRunner,
  log: (line: string) => void,
): Promise<void> {
  switch (leftover.kind) {
    case 'dir':
      if (!isOurTempDir(leftover.path)) return;
      await rm(leftover.path, { recursive: true, force: true });
      log(`removed ${leftover.path}`);
      return;
    case 'pid':
      if (await isOurProcess(leftover.pid)) {
        process.kill(leftover.pid, 'SIGKILL');
        log(`stopped process ${leftover.pid}`);
      }
      return;
    case 'kind-cluster':
    case 'gke-cluster':
    case 'namespace': {
      const { command, args, what } = leftoverCommand(leftover);
      const result = await runner.run(command, args, { timeoutMs: 5 * 60_000 });
      if (result.code !== 0) {
        throw new Error(`${command} exited with code ${result.code}: ${result.stderr.trim()}`);
      }
      log(what);
      return;
    }
  }
}

/** Newest first, like Cleanup.runAll: a cluster goes before the temp dir holding its kubeconfig. */
export async function removeLeftovers(
  leftovers: readonly Leftover[],
  log: (line: string) => void,
  runner: ProcessRunner = execFileRunner,
): Promise<void> {
  for (const leftover of [...leftovers].reverse()) {
    try {
      await removeOne(leftover, runner, log);
    } catch (error) {
      log(`could not clean up ${JSON.stringify(leftover)}: ${messageOf(error)}`);
    }
  }
}

export async function runPost(): Promise<void> {
  if (core.getState('main-started') !== 'true') return;
  const leftovers = parseLeftovers(core.getState('leftovers'));
  if (leftovers.length === 0) {
    core.info('mesh-perf: nothing left to clean up');
    return;
  }
  await removeLeftovers(leftovers, (line) => {
    core.info(`mesh-perf: ${line}`);
  });
}
