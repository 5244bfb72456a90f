// One planned trial as the generator pods run it: the configured load, for fortio its argument
// builder and the readers of its pod log (the same argv builder the local engine uses), the run's
// timings, and the bundles the builtin engine's pods mount.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/types.js';
import { InfraError, messageOf } from '../errors.js';
import { fortioLoadArgs } from '../load/fortio/fortioArgs.js';
import { fortioPodLogFaults, parseFortioPodLog } from '../load/fortio/fortioPodLog.js';
import { tlsPath } from '../workload/podParts.js';
import { serverUrl } from '../workload/serverManifests.js';
import type { LoadShare } from '../workload/splitLoad.js';
import type { ClusterTrialSpec } from '../workload/clusterTrial.js';
import type { TrialLoad } from '../workload/trialPlan.js';
import { SERVER_NAME } from '../workload/workloadNames.js';
import { usesBundles, type BundledScripts, type WorkloadPlan } from '../workload/workloadPlan.js';
import type { ClusterTimings } from './clusterProviderDeps.js';

/** fortio's argv for one generator pod's share; the server name is the URL's host. */
export function fortioShareArgs(plan: WorkloadPlan, config: Config, share: LoadShare): string[] {
  return fortioLoadArgs(
    {
      url: serverUrl(plan),
      rps: share.rps,
      connections: share.connections,
      durationMs: config.durationMs,
      requestTimeoutMs: config.requestTimeoutMs,
      ...(plan.tls
        ? {
            tls: {
              caFile: tlsPath('ca.pem'),
              certFile: tlsPath('cert.pem'),
              keyFile: tlsPath('key.pem'),
              serverName: `${SERVER_NAME}.${plan.namespace}.svc`,
            },
          }
        : {}),
    },
    { latencyFloorMs: plan.serverDelayMs, responseBytes: plan.payloadBytes },
  );
}

export function clusterTrialLoad(
  plan: WorkloadPlan,
  config: Config,
  trialIndex: number,
  startDelayMs: number,
): TrialLoad {
  const load: TrialLoad = {
    trialIndex,
    rps: config.rps,
    connections: config.connections,
    durationMs: config.durationMs,
    warmupMs: config.warmupMs,
    requestTimeoutMs: config.requestTimeoutMs,
    startDelayMs,
  };
  if (plan.engine !== 'fortio') return load;
  return {
    ...load,
    fortioArgs: (share) => fortioShareArgs(plan, config, share),
    parseFortioResult: parseFortioPodLog,
    fortioLogFaults: (log, share) => fortioPodLogFaults(log, share.connections),
  };
}

/** The trial's spec with the run's timings, stoppable through `signal` (Ctrl-C). */
export function timedTrialSpec(
  spec: ClusterTrialSpec,
  timings: ClusterTimings,
  signal: AbortSignal,
): ClusterTrialSpec {
  return {
    ...spec,
    generators: {
      ...spec.generators,
      graceMs: timings.graceMs,
      pollIntervalMs: timings.pollIntervalMs,
      signal,
    },
    samplerIntervalMs: timings.samplerIntervalMs,
    settleTimeoutMs: timings.settleTimeoutMs,
  };
}

/**
 * The builtin server's and generator's bundles as the scripts ConfigMap carries them (null when
 * fortio runs both sides). The dry
 * run shows a missing bundle as such; a run cannot go on without it.
 */
export async function readBundles(
  config: Pick<Config, 'engine' | 'server'>,
  files: { server: string; loadgen: string },
  forDisplay: boolean,
): Promise<BundledScripts | null> {
  if (!usesBundles(config)) return null;
  const read = (file: string): Promise<string> =>
    readFile(file, 'utf8').catch((error: unknown) => {
      if (forDisplay) return `<${file} is not built yet>`;
      throw new InfraError(`cannot read the bundled script ${file}: ${messageOf(error)}`, {
        cause: error,
      });
    });
  const [server, loadgen] = await Promise.all([read(files.server), read(files.loadgen)]);
  return { server, loadgen };
}
