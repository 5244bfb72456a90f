// Reads the few facts about the runner that change a cluster plan: whether this is GitHub
// Actions, the OS, and the inotify limits kind's nodes are known to exhaust.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { HostFacts } from './clusterSettings.js';

async function readNumber(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const n = Number.parseInt(text.trim(), 10);
  return Number.isFinite(n) ? n : null;
}

export async function hostFacts(env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  return {
    inActions: env.GITHUB_ACTIONS === 'true',
    os: process.platform,
    inotify: {
      maxUserWatches: await readNumber('/proc/sys/fs/inotify/max_user_watches'),
      maxUserInstances: await readNumber('/proc/sys/fs/inotify/max_user_instances'),
    },
    now: new Date(),
    owner: env.GITHUB_REPOSITORY ?? env.USER ?? os.userInfo().username,
  };
}
