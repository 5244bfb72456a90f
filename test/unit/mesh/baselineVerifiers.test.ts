// The cluster baselines: none is not applicable; app-mtls runs the three certificate probes from one
// pod with the run's Secret mounted, judged on what each request saw.
import { describe, expect, it } from '@jest/globals';
import {
  appMtlsClusterVerifier,
  noneVerifier,
} from '../../../src/mesh/baseline/baselineVerifiers.js';
import { InfraError } from '../../../src/errors.js';
import type { ProbeOutcome } from '../../../src/mesh/probe/probePod.js';
import {
  FakeKube,
  FakeRunner,
  context,
  noSleep,
  ok,
  pod,
  probeSpecOf,
  refused,
} from './meshFakes.js';

const client = pod({ name: 'client-1', node: 'node-1' });
const server = pod({ name: 'server-1', node: 'node-1' });
const served = (protocol = 'TLSv1.3', authorized = true): ProbeOutcome => ({
  kind: 'response',
  status: 200,
  headers: {},
  body: 'ok\n',
  tls: {
    protocol,
    authorized,
    authorizationError: authorized ? null : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  },
});

async function verify(outcomes: Record<string, ProbeOutcome>) {
  const kube = new FakeKube(({ request }) => outcomes[request.name] ?? refused());
  const ctx = context(kube, new FakeRunner(() => ok('')), client, server, {
    serverUrl: 'https://server.bench.svc.cluster.local:8443',
    certificatesSecret: 'mesh-perf-certs',
  });
  return { mtls: await appMtlsClusterVerifier(noSleep).verify(ctx), kube };
}

describe('noneVerifier', () => {
  it('records mTLS as not applicable', async () => {
    const ctx = context(
      new FakeKube(() => refused()),
      new FakeRunner(() => ok('')),
      client,
      server,
    );
    expect(await noneVerifier.verify(ctx)).toEqual({
      verified: false,
      method: 'not-applicable',
      details: ['plain-text baseline: no mTLS is expected on this path'],
    });
  });
});

describe('appMtlsClusterVerifier', () => {
  it('verifies our client over TLS 1.3 and the refusal of the two others', async () => {
    const { mtls, kube } = await verify({
      'our-client-certificate': served(),
      'no-client-certificate': refused(
        'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: alert certificate required',
      ),
      'foreign-ca-client-certificate': refused('ECONNRESET: socket hang up'),
    });
    expect(mtls).toEqual({
      verified: true,
      method: 'client-certificate-probe',
      details: [
        'ok: our client certificate: accepted over TLSv1.3 from pod bench/mesh-perf-probe-app-mtls-abc123, server certificate verified against our CA, GET https://server.bench.svc.cluster.local:8443/healthz -> 200',
        'ok: no client certificate: refused (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: alert certificate required)',
        'ok: client certificate from a foreign CA: refused (ECONNRESET: socket hang up)',
      ],
    });
    const [probe] = kube.probePods();
    if (!probe) throw new Error('no probe pod was created');
    expect(probe.spec).toMatchObject({
      volumes: [{ name: 'certs', secret: { secretName: 'mesh-perf-certs' } }],
    });
    expect(probeSpecOf(probe).requests.map((r) => [r.name, r.tls])).toEqual([
      [
        'our-client-certificate',
        {
          caFile: '/etc/mesh-perf/certs/ca.crt',
          certFile: '/etc/mesh-perf/certs/client.crt',
          keyFile: '/etc/mesh-perf/certs/client.key',
        },
      ],
      ['no-client-certificate', { caFile: '/etc/mesh-perf/certs/ca.crt' }],
      [
        'foreign-ca-client-certificate',
        {
          caFile: '/etc/mesh-perf/certs/ca.crt',
          certFile: '/etc/mesh-perf/certs/rogue.crt',
          keyFile: '/etc/mesh-perf/certs/rogue.key',
        },
      ],
    ]);
  });

  it.each<[string, Record<string, ProbeOutcome>, number, string]>([
    [
      'a foreign CA accepted',
      { 'our-client-certificate': served(), 'foreign-ca-client-certificate': served() },
      2,
      'FAILED: client certificate from a foreign CA: ACCEPTED, answered HTTP 200: the server does not enforce client certificates',
    ],
    [
      'TLS 1.2 and an unverified server',
      { 'our-client-certificate': served('TLSv1.2', false) },
      0,
      'FAILED: our client certificate: negotiated TLSv1.2, TLSv1.3 required; server certificate not verified by our CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    ],
    [
      'our client refused',
      {},
      0,
      'FAILED: our client certificate: failed after 1 attempt(s) (ECONNRESET: socket hang up)',
    ],
  ])('fails on %s', async (_name, outcomes, index, detail) => {
    const { mtls } = await verify(outcomes);
    expect(mtls.verified).toBe(false);
    expect(mtls.details[index]).toBe(detail);
  });

  it('needs the certificates Secret', async () => {
    const ctx = context(
      new FakeKube(() => refused()),
      new FakeRunner(() => ok('')),
      client,
      server,
    );
    await expect(appMtlsClusterVerifier(noSleep).verify(ctx)).rejects.toBeInstanceOf(InfraError);
  });
});
