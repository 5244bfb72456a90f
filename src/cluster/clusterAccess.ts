// How the run reaches its cluster. kind and GKE write their credentials to a private kubeconfig in
// a mesh-perf-* temp dir (0700, removed at the end and by the post step). An existing cluster is
// reached through the user's own kubeconfig, never copied or changed: a chosen context is made
// current for the run's CLIs by a one-line kubeconfig placed first in KUBECONFIG (the first file
// that sets current-context wins when kubeconfigs are merged), holding no credentials.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Cleanup } from '../lifecycle/cleanup.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { ClusterAccess } from './clusterSettings.js';

export const KUBECONFIG_FILE = 'kubeconfig';
const OVERLAY_FILE = 'context.kubeconfig';

/** Creates the run's private directory (registered for removal before anything is written). */
export async function createPrivateDir(cleanup: Cleanup): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-'));
  cleanup.add(
    'remove the private kubeconfig directory',
    () => rm(dir, { recursive: true, force: true }),
    {
      kind: 'dir',
      path: dir,
    },
  );
  await chmod(dir, 0o700);
  return dir;
}

/** The kubeconfig files kubectl would read: $KUBECONFIG's list, else ~/.kube/config. */
export function userKubeconfigFiles(env: NodeJS.ProcessEnv, home = os.homedir()): string[] {
  const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter((file) => file !== '');
  return listed.length > 0 ? listed : [path.join(home, '.kube', 'config')];
}

/** The overlay that selects a context; the dry run shows it, the run writes it. */
export function contextOverlay(context: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': context,
  });
}

/**
 * The environment every CLI of the run gets for the cluster: the plan's own (KUBECONFIG of the
 * private kubeconfig), or for an existing cluster with a chosen context the overlay first.
 */
export function clusterCommandEnv(
  access: ClusterAccess,
  planEnv: Readonly<Record<string, string>>,
  privateDir: string,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  if (access.kubeconfig !== undefined || access.context === undefined) return { ...planEnv };
  const files = [path.join(privateDir, OVERLAY_FILE), ...userKubeconfigFiles(env)];
  return { ...planEnv, KUBECONFIG: files.join(path.delimiter) };
}

/** Writes the context overlay when the access needs one. */
export async function writeAccessFiles(access: ClusterAccess, privateDir: string): Promise<void> {
  if (access.kubeconfig !== undefined || access.context === undefined) return;
  await writeFile(path.join(privateDir, OVERLAY_FILE), contextOverlay(access.context), {
    mode: 0o600,
  });
}

/** A runner whose every command gets the cluster's environment (KUBECONFIG, a chosen context). */
export function withClusterEnv(
  runner: ProcessRunner,
  env: Readonly<Record<string, string | undefined>>,
): ProcessRunner {
  return {
    run: (command, args, options = {}) =>
      runner.run(command, args, { ...options, env: { ...env, ...options.env } }),
  };
}
