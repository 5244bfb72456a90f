// Verifiers of the cluster baselines. `none` has nothing to verify. `app-mtls` runs the local
// verifier's three checks from inside the cluster: one probe pod, the run's certificates mounted
// from the workload's Secret, three requests to the server's Service (our client certificate, none,
// a foreign CA's), judged on the handshake and answer each one got.
import { NOT_APPLICABLE_MTLS } from '../../cluster/provider.js';
import { InfraError } from '../../errors.js';
import type { MeshVerifier } from '../meshPlan.js';
import { isCheck, resultOf } from '../probe/probeJudges.js';
import type { ProbeRequest } from '../probe/probePod.js';
import { probeName, randomSuffix, runProbePod, type ProbeRun } from '../probe/probeRunner.js';
import { failed, mtlsFrom, passed, type Check, type VerifierDeps } from '../verification.js';

export const noneVerifier: MeshVerifier = {
  verify: () => Promise.resolve(NOT_APPLICABLE_MTLS),
};

/** File names inside the workload's certificates Secret (and so in the probe's mount). */
export const APP_MTLS_SECRET_KEYS = {
  ca: 'ca.crt',
  clientCert: 'client.crt',
  clientKey: 'client.key',
  rogueCert: 'rogue.crt',
  rogueKey: 'rogue.key',
} as const;

const MOUNT = '/etc/mesh-perf/certs';
const TIMEOUT_MS = 5000;
const OURS = 'our-client-certificate';
const NO_CERT = 'no-client-certificate';
const ROGUE = 'foreign-ca-client-certificate';

export function appMtlsClusterVerifier(deps: VerifierDeps = {}): MeshVerifier {
  const suffix = deps.suffix ?? randomSuffix;
  return {
    async verify(context) {
      if (context.certificatesSecret === undefined) {
        throw new InfraError('app-mtls verification needs the certificates Secret of the run');
      }
      const url = new URL('/healthz', context.serverUrl).toString();
      const file = (key: keyof typeof APP_MTLS_SECRET_KEYS): string =>
        `${MOUNT}/${APP_MTLS_SECRET_KEYS[key]}`;
      const requests: ProbeRequest[] = [
        {
          name: OURS,
          url,
          attempts: 5,
          tls: { caFile: file('ca'), certFile: file('clientCert'), keyFile: file('clientKey') },
        },
        { name: NO_CERT, url, attempts: 1, tls: { caFile: file('ca') } },
        {
          name: ROGUE,
          url,
          attempts: 1,
          tls: { caFile: file('ca'), certFile: file('rogueCert'), keyFile: file('rogueKey') },
        },
      ];
      const run = await runProbePod(context.kube, {
        namespace: context.namespace,
        name: probeName('app-mtls', suffix()),
        image: context.probeImage,
        secret: { name: context.certificatesSecret, mountPath: MOUNT },
        spec: { timeoutMs: TIMEOUT_MS, requests },
      });
      return mtlsFrom('client-certificate-probe', [
        ourClientCheck(run, url),
        refusedCheck(run, NO_CERT, 'no client certificate'),
        refusedCheck(run, ROGUE, 'client certificate from a foreign CA'),
      ]);
    },
  };
}

export function ourClientCheck(run: ProbeRun, url: string): Check {
  const label = 'our client certificate';
  const result = resultOf(run, OURS, label);
  if (isCheck(result)) return result;
  if (result.kind !== 'response') {
    const why = result.kind === 'timeout' ? `no answer within ${TIMEOUT_MS} ms` : result.reason;
    return failed(`${label}: failed after ${result.attempts} attempt(s) (${why})`);
  }
  const problems: string[] = [];
  if (result.tls?.protocol !== 'TLSv1.3') {
    problems.push(`negotiated ${result.tls?.protocol ?? 'no TLS'}, TLSv1.3 required`);
  }
  if (result.tls && !result.tls.authorized) {
    problems.push(
      `server certificate not verified by our CA (${result.tls.authorizationError ?? 'unknown reason'})`,
    );
  }
  if (result.status !== 200)
    problems.push(`GET ${url} answered HTTP ${result.status}, 200 required`);
  return problems.length > 0
    ? failed(`${label}: ${problems.join('; ')}`)
    : passed(
        `${label}: accepted over TLSv1.3 from pod ${run.pod}, server certificate verified against our CA, GET ${url} -> 200`,
      );
}

function refusedCheck(run: ProbeRun, name: string, label: string): Check {
  const result = resultOf(run, name, label);
  if (isCheck(result)) return result;
  switch (result.kind) {
    case 'refused':
      return passed(`${label}: refused (${result.reason})`);
    case 'response':
      return failed(
        `${label}: ACCEPTED, answered HTTP ${result.status}: the server does not enforce client certificates`,
      );
    case 'timeout':
      return failed(`${label}: no answer within ${TIMEOUT_MS} ms (not refused)`);
    case 'error':
      return failed(`${label}: the probe failed (${result.reason})`);
  }
}
