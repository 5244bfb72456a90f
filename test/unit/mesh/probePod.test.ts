// Probe pods as data: the Pod spec that runs the probe program, the outside namespace, and the
// reading of the probe's log (marked lines only; malformed ones reported, not dropped).
import { describe, expect, it } from '@jest/globals';
import {
  outsideNamespace,
  outsideNamespaceName,
  parseProbeLog,
  probeDeadlineMs,
  probePod,
} from '../../../src/mesh/probe/probePod.js';
import { PROBE_SCRIPT } from '../../../src/mesh/probe/probeScript.js';
import { probeName } from '../../../src/mesh/probe/probeRunner.js';

const spec = {
  timeoutMs: 5000,
  requests: [{ name: 'identity', url: 'http://server:8080/debug/headers', attempts: 10 }],
};

describe('probePod', () => {
  it('runs the probe program once, with the spec, the identity and the annotations asked for', () => {
    const pod = probePod({
      namespace: 'bench',
      name: 'mesh-perf-probe-identity-abc123',
      image: 'node:22-alpine',
      serviceAccount: 'client',
      annotations: { 'sidecar.istio.io/nativeSidecar': 'true' },
      spec,
    });
    expect(pod).toMatchObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'mesh-perf-probe-identity-abc123',
        namespace: 'bench',
        labels: {
          'app.kubernetes.io/name': 'mesh-perf-probe',
          'app.kubernetes.io/managed-by': 'mesh-perf',
        },
        annotations: { 'sidecar.istio.io/nativeSidecar': 'true' },
      },
      spec: {
        restartPolicy: 'Never',
        serviceAccountName: 'client',
        // 10 attempts of 5 s plus pauses, and 120 s for start-up.
        activeDeadlineSeconds: 180,
        containers: [
          {
            name: 'probe',
            image: 'node:22-alpine',
            command: ['node', '-e', PROBE_SCRIPT],
            env: [{ name: 'MESH_PERF_PROBE_SPEC', value: JSON.stringify(spec) }],
            securityContext: {
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    });
    expect(probeDeadlineMs(spec)).toBe(60_000);
    expect(JSON.stringify(pod)).not.toContain('volumes');
  });

  it('mounts a Secret read-only when asked', () => {
    const pod = probePod({
      namespace: 'bench',
      name: 'p',
      image: 'node',
      spec,
      secret: { name: 'certs', mountPath: '/etc/certs' },
    });
    expect(pod.spec).toMatchObject({
      volumes: [{ name: 'certs', secret: { secretName: 'certs' } }],
      containers: [{ volumeMounts: [{ name: 'certs', mountPath: '/etc/certs', readOnly: true }] }],
    });
  });
});

describe('names', () => {
  it.each([
    ['bench', 'bench-outside'],
    [
      'mesh-perf-20261207-a1b2c3d4e5f6-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'mesh-perf-20261207-a1b2c3d4e5f6-aaaaaaaaaaaaaaaaaaaaaaa-outside',
    ],
    [
      'mesh-perf-20261207-a1b2c3d4e5f6-aaaaaaaaaaaaaaaaaaaaaa-aaaaaaaaaa',
      'mesh-perf-20261207-a1b2c3d4e5f6-aaaaaaaaaaaaaaaaaaaaaa-outside',
    ],
  ])('%s -> %s', (namespace, outside) => {
    expect(outsideNamespaceName(namespace)).toBe(outside);
    expect(outside.length).toBeLessThanOrEqual(63);
  });

  it('keeps probe pod names within 63 characters', () => {
    expect(probeName('identity', 'abc123')).toBe('mesh-perf-probe-identity-abc123');
    expect(probeName('x'.repeat(80), 'abc123').length).toBe(63);
  });

  it('opts the outside namespace out of every mesh', () => {
    expect(outsideNamespace('bench-outside').metadata).toEqual({
      name: 'bench-outside',
      labels: { 'app.kubernetes.io/managed-by': 'mesh-perf', 'istio-injection': 'disabled' },
      annotations: { 'linkerd.io/inject': 'disabled' },
    });
  });
});

describe('parseProbeLog', () => {
  it('takes the marked lines, skips the rest and reports malformed ones', () => {
    const log = [
      'time="2026-12-07T10:00:00Z" level=info msg="sidecar starting"',
      'mesh-perf-probe {"name":"plaintext","attempts":1,"kind":"refused","reason":"ECONNRESET: socket hang up"}',
      'mesh-perf-probe {"name":"identity","attempts":2,"kind":"response","status":200,"headers":{},"body":"{}","tls":null}',
      'mesh-perf-probe {not json',
      'mesh-perf-probe {"name":"x","attempts":1,"kind":"exploded"}',
    ].join('\n');
    const { results, problems } = parseProbeLog(log);
    expect([...results.keys()]).toEqual(['plaintext', 'identity']);
    expect(results.get('identity')).toMatchObject({ kind: 'response', status: 200, attempts: 2 });
    expect(problems).toEqual([
      'unreadable probe line: {not json',
      'probe line of an unexpected shape: {"name":"x","attempts":1,"kind":"exploded"}',
    ]);
  });
});
