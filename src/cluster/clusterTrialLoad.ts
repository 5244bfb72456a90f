// One planned trial as the generator pods run it: the configured load, and for fortio its argument
// builder and the readers of its pod log (the same argv builder the local engine uses).
import type { Config } from '../config/types.js';
import { fortioLoadArgs } from '../load/fortio/fortioArgs.js';
import { fortioPodLogFaults, parseFortioPodLog } from '../load/fortio/fortioPodLog.js';
import { tlsPath } from '../workload/podParts.js';
import { serverUrl } from '../workload/serverManifests.js';
import type { LoadShare } from '../workload/splitLoad.js';
import type { TrialLoad } from '../workload/trialPlan.js';
import { SERVER_NAME } from '../workload/workloadNames.js';
import type { WorkloadPlan } from '../workload/workloadPlan.js';

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
