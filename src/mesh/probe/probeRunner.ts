// Runs probe pods through the Kubernetes API: create the pod, wait until it has completed, read its
// log back and parse the result lines. Failures of the probe machinery come back as data (with the
// reason), so the verifier can report them as a failed check next to the checks that did run.
import { randomBytes } from 'node:crypto';
import type { KubeApi } from '../../kube/kubeApi.js';
import { reasonOf } from '../verification.js';
import {
  PROBE_CONTAINER,
  outsideNamespace,
  outsideNamespaceName,
  parseProbeLog,
  probeDeadlineMs,
  probePod,
  type ProbePodOptions,
  type ProbeResult,
} from './probePod.js';

export type ProbeRun =
  | { ok: true; pod: string; results: ReadonlyMap<string, ProbeResult>; problems: string[] }
  | { ok: false; pod: string; reason: string };

/** What verifiers need to run probes; tests give a fixed suffix. */
export interface ProbeEnvironment {
  kube: KubeApi;
  /** A short random suffix that keeps probe pod names unique across verifications. */
  suffix: () => string;
}

export const randomSuffix = (): string => randomBytes(3).toString('hex');

/** Image pull and sidecar start-up come on top of the probe's own deadline. */
const START_MARGIN_MS = 180_000;
const NAMESPACE_DELETE_TIMEOUT_MS = 120_000;

export function probeName(purpose: string, suffix: string): string {
  return `mesh-perf-probe-${purpose}-${suffix}`.slice(0, 63).replace(/-+$/, '');
}

export async function runProbePod(kube: KubeApi, options: ProbePodOptions): Promise<ProbeRun> {
  const pod = `${options.namespace}/${options.name}`;
  try {
    await kube.apply([probePod(options)]);
    await kube.wait(
      { type: 'pod-completed', namespace: options.namespace, name: options.name },
      probeDeadlineMs(options.spec) + START_MARGIN_MS,
    );
    const log = await kube.podLogs(options.namespace, options.name, PROBE_CONTAINER);
    const { results, problems } = parseProbeLog(log);
    return { ok: true, pod, results, problems };
  } catch (error) {
    return { ok: false, pod, reason: reasonOf(error) };
  }
}

/**
 * Runs a probe pod from a namespace outside the mesh, created for it and deleted afterwards. A
 * failed deletion does not change what the probe saw; it comes back as a note for the details.
 */
export async function runOutsideProbe(
  kube: KubeApi,
  namespace: string,
  options: (outside: string) => ProbePodOptions,
): Promise<{ run: ProbeRun; note: string | null }> {
  const outside = outsideNamespaceName(namespace);
  let run: ProbeRun;
  try {
    await kube.apply([outsideNamespace(outside)]);
    run = await runProbePod(kube, options(outside));
  } catch (error) {
    run = { ok: false, pod: `${outside}/-`, reason: `namespace ${outside}: ${reasonOf(error)}` };
  }
  // Deleted in every case, so that no namespace is left behind.
  const note = await kube.deleteNamespace(outside, NAMESPACE_DELETE_TIMEOUT_MS).then(
    () => null,
    (error: unknown) => `namespace ${outside} could not be deleted: ${reasonOf(error)}`,
  );
  return { run, note };
}
