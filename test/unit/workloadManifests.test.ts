// The workload's manifests, as data: images pinned, Guaranteed resources, the server's command
// line for either engine, per-side Secrets, the verification probe, and a dry run that shows every
// object but no key and no script body.
import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import { createRunCertificates } from '../../src/certs/runCertificates.js';
import { formatStep } from '../../src/cluster/steps.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { describeWorkload, workloadObjects } from '../../src/workload/deployWorkload.js';
import { generatorPods } from '../../src/workload/generatorManifests.js';
import { fortioServerArgs, serverUrl } from '../../src/workload/serverManifests.js';
import { NODE_IMAGE, serverDnsNames } from '../../src/workload/workloadNames.js';
import { readWorkloadTls } from '../../src/workload/workloadTls.js';
import {
  byKind,
  deploymentPod,
  KEY,
  plan,
  podSpec,
  tls,
  trial,
  type PodSpec,
} from '../support/workloadPlans.js';

describe('workloadObjects', () => {
  it('creates what a pod needs before the pod, and enforces mTLS before the server starts', () => {
    const objects = workloadObjects(plan({ tls }));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/mesh-perf-run-42-istio',
      'PeerAuthentication/default',
      'ServiceAccount/mesh-perf-server',
      'ServiceAccount/mesh-perf-client',
      'ConfigMap/mesh-perf-scripts',
      'Secret/mesh-perf-server-tls',
      'Secret/mesh-perf-client-tls',
      'Deployment/mesh-perf-server',
      'Service/mesh-perf-server',
      'Deployment/mesh-perf-client-probe',
    ]);
    expect(objects[0]?.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'mesh-perf',
      'app.kubernetes.io/managed-by': 'mesh-perf',
      'mesh-perf/run-id': 'run-42',
      'istio-injection': 'enabled',
    });
  });

  it('runs the builtin server from the ConfigMap in the Node image pinned by digest, Guaranteed', () => {
    const pod = deploymentPod(workloadObjects(plan()));
    const [container] = pod.containers;
    expect(container?.image).toBe(NODE_IMAGE);
    expect(NODE_IMAGE).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(container?.command).toEqual([
      'node',
      '/opt/mesh-perf/server.mjs',
      '{"host":"0.0.0.0","port":8080,"delayMs":200,"payloadBytes":0}',
    ]);
    expect(container?.resources).toEqual({
      requests: { cpu: '2', memory: '512Mi' },
      limits: { cpu: '2', memory: '512Mi' },
    });
    expect(container?.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('gives the app-mtls server its own keys only, and requires client certificates', () => {
    const objects = workloadObjects(
      plan({ tls, mesh: 'app-mtls', enforce: [], namespaceLabels: {} }),
    );
    const [server, client] = byKind(objects, 'Secret');
    expect(server?.stringData).toEqual({
      'ca.pem': 'CA PEM',
      'cert.pem': 'SERVER CERT',
      'key.pem': KEY,
    });
    expect(client?.stringData).toEqual({
      'ca.pem': 'CA PEM',
      'cert.pem': 'CLIENT CERT',
      'key.pem': KEY,
    });
    const command = deploymentPod(objects).containers[0]?.command as string[];
    expect(JSON.parse(command[2] ?? '')).toMatchObject({
      tls: {
        certFile: '/etc/mesh-perf/tls/cert.pem',
        caFile: '/etc/mesh-perf/tls/ca.pem',
        requireClientCert: true,
      },
    });
    expect(byKind(objects, 'Service')[0]?.spec).toMatchObject({
      ports: [{ name: 'https', appProtocol: 'https' }],
    });
    expect(serverUrl(plan({ tls }))).toBe(
      'https://mesh-perf-server.mesh-perf-run-42-istio.svc:8080/echo',
    );
    expect(serverDnsNames('ns')).toContain('mesh-perf-server.ns.svc');
  });

  it('runs fortio as the server for the fortio engine, with delay and size as defaults', () => {
    const fortio = plan({
      engine: 'fortio',
      scripts: null,
      serverDelayMs: 2500,
      payloadBytes: 1024,
      tls,
    });
    expect(fortioServerArgs(fortio)).toEqual([
      'server',
      '-http-port',
      '8080',
      '-data-dir',
      '/tmp',
      '-grpc-port',
      'disabled',
      '-redirect-port',
      'disabled',
      '-tcp-port',
      'disabled',
      '-udp-port',
      'disabled',
      '-echo-server-default-params',
      'delay=2500ms&size=1024',
      '-max-echo-delay',
      '2500ms',
      '-cert',
      '/etc/mesh-perf/tls/cert.pem',
      '-key',
      '/etc/mesh-perf/tls/key.pem',
      '-cacert',
      '/etc/mesh-perf/tls/ca.pem',
      '-mtls',
    ]);
    const objects = workloadObjects(fortio);
    expect(byKind(objects, 'ConfigMap')).toEqual([]);
    expect(deploymentPod(objects).containers[0]?.image).toBe('docker.io/fortio/fortio:1.68.2');
  });

  it('keeps an idle client probe where the generators go, with their identity and keys', () => {
    const objects = workloadObjects(plan({ tls, placement: 'cross-node' }));
    const probe = deploymentPod(objects, 1) as PodSpec & {
      serviceAccountName: string;
      volumes: { name: string; secret?: { secretName: string } }[];
    };
    const [generator] = generatorPods(plan({ tls, placement: 'cross-node' }), trial());
    expect(probe.serviceAccountName).toBe('mesh-perf-client');
    expect(probe.affinity).toEqual(podSpec(generator).affinity);
    expect(probe.containers[0]?.command).toEqual([
      'node',
      '-e',
      "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 3600000);",
    ]);
    expect(probe.volumes.map((v) => v.secret?.secretName ?? v.name)).toEqual([
      'tmp',
      'mesh-perf-client-tls',
    ]);
  });

  it('needs the bundles for the builtin engine', () => {
    expect(() => workloadObjects(plan({ scripts: null }))).toThrow(
      'the builtin engine needs the server and loadgen bundles',
    );
  });
});

describe('describeWorkload', () => {
  it('prints every object and the wait, with no key and no script body', () => {
    const text = describeWorkload(plan({ tls })).map(formatStep).join('\n');
    expect(text).toContain('kind: PeerAuthentication');
    expect(text).toContain(
      'wait until deployment mesh-perf-run-42-istio/mesh-perf-server is Available',
    );
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('SERVER CERT');
    expect(text).not.toContain('loadgen bundle');
    expect(text).toContain('key.pem: <redacted>');
    expect(text).toMatch(/loadgen\.mjs: <1800 bytes, sha256 [0-9a-f]{16}\.\.\.>/);
    // The objects applied are untouched by the redaction.
    expect(stringify(workloadObjects(plan({ tls })))).toContain('PRIVATE KEY');
  });
});

describe('readWorkloadTls', () => {
  it('carries the run certificates, the server one valid for the in-cluster name', async () => {
    const cleanup = new Cleanup();
    const certs = await createRunCertificates(cleanup, { serverDnsNames: serverDnsNames('bench') });
    try {
      const pems = await readWorkloadTls(certs);
      expect(pems.serverKeyPem).toContain('BEGIN PRIVATE KEY');
      const server = new X509Certificate(pems.serverCertPem);
      expect(server.checkHost('mesh-perf-server.bench.svc')).toBe('mesh-perf-server.bench.svc');
      expect(server.verify(new X509Certificate(pems.caPem).publicKey)).toBe(true);
    } finally {
      await certs.dispose();
    }
  });
});
