// The action's post step (post-if: always()): removes what a main step left behind when it was
// killed before its own cleanup ran (a cancelled job). Only our own temp directories and our own
// server / load-generator processes (including a `fortio server` we started) are touched.
import * as core from '@actions/core';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Leftover } from './lifecycle/cleanup.js';
import { messageOf } from './errors.js';
import { isOurFortioServer } from './load/fortio/fortioArgs.js';

export function parseLeftovers(text: string): Leftover[] {
  if (text.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is Leftover =>
        typeof item === 'object' &&
        item !== null &&
        (((item as Leftover).kind === 'dir' &&
          typeof (item as { path?: unknown }).path === 'string') ||
          ((item as Leftover).kind === 'pid' && Number.isInteger((item as { pid?: unknown }).pid))),
    );
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

export async function removeLeftovers(
  leftovers: readonly Leftover[],
  log: (line: string) => void,
): Promise<void> {
  for (const leftover of leftovers) {
    try {
      if (leftover.kind === 'dir') {
        if (!isOurTempDir(leftover.path)) continue;
        await rm(leftover.path, { recursive: true, force: true });
        log(`removed ${leftover.path}`);
      } else if (await isOurProcess(leftover.pid)) {
        process.kill(leftover.pid, 'SIGKILL');
        log(`stopped process ${leftover.pid}`);
      }
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
