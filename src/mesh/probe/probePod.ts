// Probe pods as data: the Pod that runs PROBE_SCRIPT with a spec, the un-enrolled namespace a
// plaintext probe runs from, and the parser of the probe's log lines. Pure; probeRunner.ts does I/O.
import { z } from 'zod';
import type { KubeObject } from '../../cluster/steps.js';
import { PROBE_MARK, PROBE_SCRIPT, PROBE_SPEC_ENV } from './probeScript.js';

export interface ProbeRequest {
  /** Names the request in the result lines. */
  name: string;
  url: string;
  /** Tries until a response arrives, at most this often (1 for a probe that must be refused). */
  attempts: number;
  /** Files inside the probe pod (a mounted Secret) for HTTPS with a client certificate. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string; serverName?: string };
}

export interface ProbeSpec {
  /** Per attempt. */
  timeoutMs: number;
  requests: readonly ProbeRequest[];
}

export interface ProbePodOptions {
  namespace: string;
  name: string;
  image: string;
  spec: ProbeSpec;
  /** The identity the mesh gives the probe; the client's service account for identity probes. */
  serviceAccount?: string;
  annotations?: Readonly<Record<string, string>>;
  /** A Secret mounted read-only at `mountPath` (app-mtls certificates). */
  secret?: { name: string; mountPath: string };
}

export const PROBE_CONTAINER = 'probe';
export const PROBE_LABELS = {
  'app.kubernetes.io/name': 'mesh-perf-probe',
  'app.kubernetes.io/managed-by': 'mesh-perf',
} as const;

/** How long the probe pod may run: every attempt timing out plus the pauses between them. */
export function probeDeadlineMs(spec: ProbeSpec): number {
  return spec.requests.reduce((sum, r) => sum + r.attempts * (spec.timeoutMs + 1000), 0);
}

export function probePod(options: ProbePodOptions): KubeObject {
  const { spec } = options;
  // Margin for image start and the sidecar's own start-up before the script runs.
  const deadlineSeconds = Math.ceil(probeDeadlineMs(spec) / 1000) + 120;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { ...PROBE_LABELS },
      ...(options.annotations ? { annotations: { ...options.annotations } } : {}),
    },
    spec: {
      restartPolicy: 'Never',
      activeDeadlineSeconds: deadlineSeconds,
      terminationGracePeriodSeconds: 5,
      ...(options.serviceAccount ? { serviceAccountName: options.serviceAccount } : {}),
      containers: [
        {
          name: PROBE_CONTAINER,
          image: options.image,
          command: ['node', '-e', PROBE_SCRIPT],
          env: [{ name: PROBE_SPEC_ENV, value: JSON.stringify(spec) }],
          resources: {
            requests: { cpu: '10m', memory: '32Mi' },
            limits: { memory: '128Mi' },
          },
          // On the container, not the pod: injected init containers (istio-init) run as root.
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: 1000,
            capabilities: { drop: ['ALL'] },
          },
          ...(options.secret
            ? {
                volumeMounts: [
                  { name: 'certs', mountPath: options.secret.mountPath, readOnly: true },
                ],
              }
            : {}),
        },
      ],
      ...(options.secret
        ? { volumes: [{ name: 'certs', secret: { secretName: options.secret.name } }] }
        : {}),
    },
  };
}

/** A namespace outside the mesh for plaintext probes, opted out of every mesh's injection. */
export function outsideNamespace(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'mesh-perf', 'istio-injection': 'disabled' },
      annotations: { 'linkerd.io/inject': 'disabled' },
    },
  };
}

/** `<namespace>-outside`, shortened so that it stays a valid namespace name (63 characters). */
export function outsideNamespaceName(namespace: string): string {
  return `${namespace.slice(0, 63 - '-outside'.length).replace(/-+$/, '')}-outside`;
}

const handshakeSchema = z.object({
  protocol: z.string().nullable(),
  authorized: z.boolean(),
  authorizationError: z.string().nullable(),
});

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('response'),
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    tls: handshakeSchema.nullable(),
  }),
  z.object({ kind: z.literal('refused'), reason: z.string() }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('error'), reason: z.string() }),
]);

const resultSchema = z.intersection(
  z.object({ name: z.string(), attempts: z.number().int() }),
  outcomeSchema,
);

export type ProbeOutcome = z.infer<typeof outcomeSchema>;
export type ProbeResult = z.infer<typeof resultSchema>;
export type Handshake = z.infer<typeof handshakeSchema>;

/**
 * The probe's results by request name, from its log. Lines without the mark (a sidecar's, Node's
 * warnings) are skipped; a marked line that does not parse is reported, never silently dropped.
 */
export function parseProbeLog(log: string): {
  results: Map<string, ProbeResult>;
  problems: string[];
} {
  const results = new Map<string, ProbeResult>();
  const problems: string[] = [];
  for (const line of log.split('\n')) {
    const at = line.indexOf(PROBE_MARK);
    if (at === -1) continue;
    const text = line.slice(at + PROBE_MARK.length).trim();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      problems.push(`unreadable probe line: ${text.slice(0, 80)}`);
      continue;
    }
    const parsed = resultSchema.safeParse(json);
    if (parsed.success) results.set(parsed.data.name, parsed.data);
    else problems.push(`probe line of an unexpected shape: ${text.slice(0, 80)}`);
  }
  return { results, problems };
}
