// Verifies Linkerd mTLS on the measured path: linkerd-proxy runs in both pods, `linkerd check
// --proxy` passes for the run's namespace, a probe with the client's identity reaches the server and
// the server's proxy names that identity in l5d-client-id, and a plaintext client is refused.
import type { VerifyContext, MeshVerifier } from '../meshPlan.js';
import { proxyRunningCheck, serviceAccountOf } from '../podChecks.js';
import { PROBE_TIMEOUT_MS, runContextProbes, type PeerProbes } from '../probe/peerProbes.js';
import { isCheck, plaintextRefusedCheck, serverSeenHeaders } from '../probe/probeJudges.js';
import { randomSuffix } from '../probe/probeRunner.js';
import {
  failed,
  mtlsFrom,
  passed,
  reasonOf,
  type Check,
  type VerifierDeps,
} from '../verification.js';
import { linkerdCheckArgs } from './linkerdArgs.js';
import { DATA_PLANE_CATEGORIES, parseLinkerdCheck } from './linkerdCheck.js';
import { LINKERD_PROXY } from './linkerdPlan.js';

export const LINKERD_METHOD = 'linkerd-client-id-probe';
const CHECK_WAIT_SECONDS = 60;

/**
 * A probe pod must be able to finish: as a native sidecar, linkerd-proxy stops when it does. The
 * config.linkerd.io form is read from edge-26.5.2, the alpha form before (and still honoured).
 */
export const LINKERD_PROBE_ANNOTATIONS = {
  'config.linkerd.io/proxy-enable-native-sidecar': 'true',
  'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true',
} as const;

export function linkerdVerifier(deps: VerifierDeps = {}): MeshVerifier {
  const suffix = deps.suffix ?? randomSuffix;
  return {
    async verify(context) {
      const checks: Check[] = [
        proxyRunningCheck(context.client, 'client', LINKERD_PROXY),
        proxyRunningCheck(context.server, 'server', LINKERD_PROXY),
        await dataPlaneCheck(context),
      ];
      const probes = await runContextProbes(context, suffix(), LINKERD_PROBE_ANNOTATIONS);
      checks.push(clientIdCheck(probes, context));
      checks.push(plaintextRefusedCheck(probes.plaintext, probes.url, PROBE_TIMEOUT_MS));
      return mtlsFrom(LINKERD_METHOD, checks, [probes.note]);
    },
  };
}

/** Every check must pass (warnings are reported), and the data-plane categories must have run. */
export async function dataPlaneCheck(context: VerifyContext): Promise<Check> {
  const args = linkerdCheckArgs({
    kind: 'proxy',
    namespace: context.namespace,
    waitSeconds: CHECK_WAIT_SECONDS,
  });
  const label = `linkerd check --proxy --namespace ${context.namespace}`;
  let output: string;
  try {
    const result = await context.runner.run(context.tools.linkerd ?? 'linkerd', args, {
      timeoutMs: (CHECK_WAIT_SECONDS + 60) * 1000,
    });
    output = result.stdout;
  } catch (error) {
    return failed(`${label} could not run: ${reasonOf(error)}`);
  }
  const report = parseLinkerdCheck(output);
  const failures = report.checks.filter((c) => c.status === 'failed');
  const warnings = report.checks.filter((c) => c.status === 'warning');
  const dataPlane = report.checks.filter((c) =>
    (DATA_PLANE_CATEGORIES as readonly string[]).includes(c.category),
  );
  const missing = DATA_PLANE_CATEGORIES.filter(
    (name) => !dataPlane.some((c) => c.category === name),
  );
  if (failures.length > 0) {
    const text = failures
      .map((c) => `${c.category}: ${c.description}${c.messages[0] ? ` (${c.messages[0]})` : ''}`)
      .join('; ');
    return failed(`${label}: ${failures.length} check(s) failed: ${text}`);
  }
  if (missing.length > 0) {
    return failed(`${label}: the ${missing.join(' and ')} checks did not run`);
  }
  const warned =
    warnings.length > 0 ? `; warnings: ${warnings.map((c) => c.description).join(', ')}` : '';
  return passed(
    `${label}: all ${report.checks.length} checks passed, ${dataPlane.length} of them on the data plane${warned}`,
  );
}

/** The server's proxy adds l5d-client-id only for requests that arrived over mTLS. */
export function clientIdCheck(
  probes: Pick<PeerProbes, 'identity' | 'url'>,
  context: Pick<VerifyContext, 'client'>,
): Check {
  const seen = serverSeenHeaders(probes.identity, probes.url, "probe with the client's identity");
  if (isCheck(seen)) return seen;
  const id = seen.headers['l5d-client-id'];
  const expected = `${serviceAccountOf(context.client)}.${context.client.namespace}.serviceaccount.identity.linkerd.`;
  if (id === undefined) {
    return failed(
      'the server saw no l5d-client-id header: the request did not arrive over mTLS from a meshed client',
    );
  }
  return id.startsWith(expected) && id.length > expected.length
    ? passed(
        `the server's linkerd-proxy reported the client's identity over mTLS: l5d-client-id: ${id}`,
      )
    : failed(
        `the server saw l5d-client-id: ${id}, not the client's identity ${expected}<trust domain>`,
      );
}
