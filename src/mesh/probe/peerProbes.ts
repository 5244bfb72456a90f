// The two probes the sidecar and ztunnel meshes share, run side by side: an identity probe inside
// the benchmark namespace under the client's service account (so the mesh gives it the client's
// identity) that reads back the headers the server saw, and a plaintext probe from a namespace
// outside the mesh that must be refused.
import type { KubeApi, PodInfo } from '../../kube/kubeApi.js';
import { serviceAccountOf } from '../podChecks.js';
import { HEADERS_PATH, IDENTITY_PROBE, PLAINTEXT_PROBE } from './probeJudges.js';
import { probeName, runOutsideProbe, runProbePod, type ProbeRun } from './probeRunner.js';

export const PROBE_TIMEOUT_MS = 5000;
/** Enough for a freshly started sidecar or ztunnel capture to become ready. */
const IDENTITY_ATTEMPTS = 10;

export interface PeerProbeInput {
  kube: KubeApi;
  namespace: string;
  client: PodInfo;
  serverUrl: string;
  /** The server's headers page (VerifyContext.serverHeadersPath); HEADERS_PATH when unset. */
  headersPath?: string;
  probeImage: string;
  suffix: string;
  /** Pod annotations the mesh needs for a probe that runs to completion (native sidecars). */
  annotations: Readonly<Record<string, string>>;
}

export interface PeerProbes {
  url: string;
  identity: ProbeRun;
  /** The pod name the mesh sees as the identity probe's workload. */
  identityPod: string;
  plaintext: ProbeRun;
  /** Set when the outside namespace could not be cleaned up. */
  note: string | null;
}

/** What a verifier's context holds for the probes (VerifyContext has all of it). */
export interface ProbeContext {
  kube: KubeApi;
  namespace: string;
  client: PodInfo;
  serverUrl: string;
  serverHeadersPath?: string;
  probeImage: string;
}

/** The peer probes every mesh verifier runs, from its context. */
export function runContextProbes(
  context: ProbeContext,
  suffix: string,
  annotations: Readonly<Record<string, string>>,
): Promise<PeerProbes> {
  return runPeerProbes({
    kube: context.kube,
    namespace: context.namespace,
    client: context.client,
    serverUrl: context.serverUrl,
    headersPath: context.serverHeadersPath,
    probeImage: context.probeImage,
    suffix,
    annotations,
  });
}

export function headersUrl(serverUrl: string, path = HEADERS_PATH): string {
  return new URL(path, serverUrl).toString();
}

export async function runPeerProbes(input: PeerProbeInput): Promise<PeerProbes> {
  const url = headersUrl(input.serverUrl, input.headersPath);
  const identityPod = probeName('identity', input.suffix);
  const [identity, outside] = await Promise.all([
    runProbePod(input.kube, {
      namespace: input.namespace,
      name: identityPod,
      image: input.probeImage,
      serviceAccount: serviceAccountOf(input.client),
      annotations: input.annotations,
      spec: {
        timeoutMs: PROBE_TIMEOUT_MS,
        requests: [{ name: IDENTITY_PROBE, url, attempts: IDENTITY_ATTEMPTS }],
      },
    }),
    runOutsideProbe(input.kube, input.namespace, (namespace) => ({
      namespace,
      name: probeName('plaintext', input.suffix),
      image: input.probeImage,
      spec: {
        timeoutMs: PROBE_TIMEOUT_MS,
        requests: [{ name: PLAINTEXT_PROBE, url, attempts: 1 }],
      },
    })),
  ]);
  return { url, identity, identityPod, plaintext: outside.run, note: outside.note };
}
