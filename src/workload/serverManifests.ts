// The server side: a one-replica Deployment running either the builtin echo server (dist/server.mjs
// in the stock Node image) or fortio's echo server, and the Service the generators call.
import type { KubeObject } from '../cluster/steps.js';
import {
  containerSecurity,
  guaranteed,
  podFiles,
  podSecurity,
  resourcesFor,
  tlsPath,
} from './podParts.js';
import { serviceAccountName } from './supportManifests.js';
import {
  commonLabels,
  FORTIO_IMAGE,
  LABELS,
  NODE_IMAGE,
  roleSelector,
  SCRIPTS_DIR,
  SERVER_CONTAINER,
  SERVER_NAME,
  SERVER_PORT,
} from './workloadNames.js';
import { serverOf, type WorkloadPlan } from './workloadPlan.js';

/** fortio refuses echo delays above this unless told otherwise (its -max-echo-delay, 1.5 s). */
const FORTIO_MAX_ECHO_DELAY_MS = 1500;

/** The builtin server's one argument (src/server/serverMain.ts). */
export function builtinServerOptions(plan: WorkloadPlan): Record<string, unknown> {
  return {
    host: '0.0.0.0',
    port: SERVER_PORT,
    delayMs: plan.serverDelayMs,
    payloadBytes: plan.payloadBytes,
    ...(plan.tls
      ? {
          tls: {
            certFile: tlsPath('cert.pem'),
            keyFile: tlsPath('key.pem'),
            caFile: tlsPath('ca.pem'),
            requireClientCert: true,
          },
        }
      : {}),
  };
}

/**
 * fortio's echo server with the delay and size as defaults for requests that carry no query of
 * their own; the side ports it opens by default (gRPC, redirect, TCP, UDP) stay closed.
 */
export function fortioServerArgs(plan: WorkloadPlan): string[] {
  // The root file system is read-only; /tmp is the pod's writable scratch space.
  const args = ['server', '-http-port', String(SERVER_PORT), '-data-dir', '/tmp'];
  for (const port of ['-grpc-port', '-redirect-port', '-tcp-port', '-udp-port']) {
    args.push(port, 'disabled');
  }
  args.push(
    '-echo-server-default-params',
    `delay=${plan.serverDelayMs}ms&size=${plan.payloadBytes}`,
  );
  if (plan.serverDelayMs > FORTIO_MAX_ECHO_DELAY_MS) {
    args.push('-max-echo-delay', `${plan.serverDelayMs}ms`);
  }
  if (plan.tls) {
    args.push('-cert', tlsPath('cert.pem'), '-key', tlsPath('key.pem'));
    args.push('-cacert', tlsPath('ca.pem'), '-mtls');
  }
  return args;
}

function serverContainer(plan: WorkloadPlan): Record<string, unknown> {
  const files = podFiles(plan, 'server');
  const common = {
    name: SERVER_CONTAINER,
    ports: [{ name: plan.tls ? 'https' : 'http', containerPort: SERVER_PORT }],
    // A TCP probe works whether or not the server demands a client certificate.
    readinessProbe: { tcpSocket: { port: SERVER_PORT }, periodSeconds: 2, failureThreshold: 2 },
    resources: guaranteed(resourcesFor(plan, 'server')),
    securityContext: containerSecurity(),
    volumeMounts: files.mounts,
    imagePullPolicy: 'IfNotPresent',
  };
  return serverOf(plan) === 'builtin'
    ? {
        ...common,
        image: plan.images?.node ?? NODE_IMAGE,
        command: ['node', `${SCRIPTS_DIR}/server.mjs`, JSON.stringify(builtinServerOptions(plan))],
      }
    : { ...common, image: plan.images?.fortio ?? FORTIO_IMAGE, args: fortioServerArgs(plan) };
}

export function serverDeployment(plan: WorkloadPlan): KubeObject {
  const selector = roleSelector(plan.runId, 'server');
  const labels = { ...commonLabels(plan.runId), ...selector, [LABELS.name]: SERVER_NAME };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: SERVER_NAME, namespace: plan.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      // Recreate: never two servers at once, so a re-apply cannot split the load.
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: serviceAccountName('server'),
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          // In-flight requests may be waiting out the server delay.
          terminationGracePeriodSeconds: Math.ceil(plan.serverDelayMs / 1000) + 10,
          containers: [serverContainer(plan)],
          volumes: podFiles(plan, 'server').volumes,
        },
      },
    },
  };
}

export function serverService(plan: WorkloadPlan): KubeObject {
  const protocol = plan.tls ? 'https' : 'http';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: SERVER_NAME, namespace: plan.namespace, labels: commonLabels(plan.runId) },
    spec: {
      type: 'ClusterIP',
      selector: roleSelector(plan.runId, 'server'),
      // The port name and appProtocol tell Istio and Linkerd what protocol to expect.
      ports: [
        { name: protocol, port: SERVER_PORT, targetPort: SERVER_PORT, appProtocol: protocol },
      ],
    },
  };
}

/** The URL generators call; with app-mtls the name also matches the server certificate. */
export function serverUrl(plan: WorkloadPlan): string {
  return `${plan.tls ? 'https' : 'http'}://${SERVER_NAME}.${plan.namespace}.svc:${SERVER_PORT}/echo`;
}
