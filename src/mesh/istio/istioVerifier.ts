// Verifies Istio sidecar mTLS on the measured path: istio-proxy runs in both pods, a probe with the
// client's identity reaches the server and the server's sidecar reports that identity in
// X-Forwarded-Client-Cert, and a plaintext client from outside the mesh is refused.
import type { PodInfo } from '../../kube/kubeApi.js';
import type { MeshVerifier, VerifyContext } from '../meshPlan.js';
import { proxyRunningCheck, serviceAccountOf } from '../podChecks.js';
import { PROBE_TIMEOUT_MS, runContextProbes, type PeerProbes } from '../probe/peerProbes.js';
import { isCheck, plaintextRefusedCheck, serverSeenHeaders } from '../probe/probeJudges.js';
import { randomSuffix } from '../probe/probeRunner.js';
import { failed, mtlsFrom, passed, type Check, type VerifierDeps } from '../verification.js';
import { ISTIO_PROXY } from './istioPlan.js';
import { isIdentityOf, parseXfcc } from './xfcc.js';

export const ISTIO_METHOD = 'istio-sidecar-xfcc-probe';

/** A probe pod must be able to finish: as a native sidecar, istio-proxy stops when it does. */
export const ISTIO_PROBE_ANNOTATIONS = { 'sidecar.istio.io/nativeSidecar': 'true' } as const;

export function istioVerifier(deps: VerifierDeps = {}): MeshVerifier {
  const suffix = deps.suffix ?? randomSuffix;
  return {
    async verify(context) {
      const probes = await runContextProbes(context, suffix(), ISTIO_PROBE_ANNOTATIONS);
      const checks: Check[] = [
        proxyRunningCheck(context.client, 'client', ISTIO_PROXY),
        proxyRunningCheck(context.server, 'server', ISTIO_PROXY),
        xfccIdentityCheck(probes, context),
        plaintextRefusedCheck(probes.plaintext, probes.url, PROBE_TIMEOUT_MS),
      ];
      return mtlsFrom(ISTIO_METHOD, checks, [probes.note]);
    },
  };
}

const identityText = (pod: PodInfo): string =>
  `spiffe://<trust domain>/ns/${pod.namespace}/sa/${serviceAccountOf(pod)}`;

/** The server's sidecar must name the client's identity (URI) and its own (By). */
export function xfccIdentityCheck(
  probes: Pick<PeerProbes, 'identity' | 'url'>,
  context: Pick<VerifyContext, 'client' | 'server'>,
): Check {
  const seen = serverSeenHeaders(probes.identity, probes.url, "probe with the client's identity");
  if (isCheck(seen)) return seen;
  const header = seen.headers['x-forwarded-client-cert'];
  if (header === undefined) {
    return failed(
      'the server saw no X-Forwarded-Client-Cert header: the request did not arrive over mTLS through its istio-proxy',
    );
  }
  const elements = parseXfcc(header);
  const clientSa = serviceAccountOf(context.client);
  const serverSa = serviceAccountOf(context.server);
  const uris = elements.flatMap((e) => e.uri ?? []);
  const bys = elements.flatMap((e) => e.by ?? []);
  const client = uris.find((uri) => isIdentityOf(uri, context.client.namespace, clientSa));
  const server = bys.find((by) => isIdentityOf(by, context.server.namespace, serverSa));
  if (!client) {
    return failed(
      `X-Forwarded-Client-Cert names ${uris.length > 0 ? uris.join(', ') : 'no client URI'}, not the client's identity ${identityText(context.client)}`,
    );
  }
  if (!server) {
    return failed(
      `X-Forwarded-Client-Cert was added by ${bys.length > 0 ? bys.join(', ') : 'an unnamed proxy'}, not the server's identity ${identityText(context.server)}`,
    );
  }
  return passed(
    `the server's istio-proxy reported the client's identity over mTLS: X-Forwarded-Client-Cert URI=${client}, By=${server}`,
  );
}
