// The parsers the mesh verifiers rely on, run on saved real outputs (test/fixtures/mesh/README.md).
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEncryptStatus } from '../../../src/mesh/cilium/encryptStatus.js';
import {
  inboundConnections,
  parseZtunnelLogLine,
  parseZtunnelWorkloads,
} from '../../../src/mesh/istio-ambient/ztunnelOutput.js';
import { isIdentityOf, parseSpiffeId, parseXfcc } from '../../../src/mesh/istio/xfcc.js';
import { parseLinkerdCheck } from '../../../src/mesh/linkerd/linkerdCheck.js';
import { parseSeenHeaders } from '../../../src/mesh/probe/probeJudges.js';
import { fixturesDir } from '../../support/paths.js';

const fixture = (name: string): Promise<string> =>
  readFile(path.join(fixturesDir, 'mesh', name), 'utf8');

describe('parseZtunnelWorkloads', () => {
  it('reads every row of the all-namespaces table with its protocol', async () => {
    const rows = parseZtunnelWorkloads(await fixture('istio/ztunnel-workloads-all.txt'));
    expect(rows).toHaveLength(27);
    expect(rows[1]).toEqual({
      namespace: 'bookinfo',
      pod: 'details-v1-698d88b-dqrbr',
      address: '10.244.2.51',
      node: 'ambient-worker2',
      waypoint: 'namespace-istio-waypoint',
      protocol: 'HBONE',
    });
    expect(rows.find((r) => r.pod === 'httpbin-7447985f87-t8hv7')?.protocol).toBe('TCP');
    expect(rows.find((r) => r.pod === 'sleep-7656cf8794-lxcmx')).toMatchObject({
      namespace: 'default',
      protocol: 'HBONE',
      waypoint: 'None',
    });
  });

  it.each([
    ['istio/ztunnel-workloads-default.txt', 8, 'reviews-v3-5b9bd44f4-z9ms4', 'HBONE'],
    ['istio/ztunnel-workloads-docs-ip.txt', 7, 'details-v1-857849f66-ft8wx', 'HBONE'],
  ])('%s: %i rows, %s is %s', async (file, count, pod, protocol) => {
    const rows = parseZtunnelWorkloads(await fixture(file));
    expect(rows).toHaveLength(count);
    expect(rows.find((r) => r.pod === pod)?.protocol).toBe(protocol);
  });

  it('keeps an empty NODE cell in its column (a Service row)', async () => {
    const rows = parseZtunnelWorkloads(await fixture('istio/ztunnel-workloads-docs-ip.txt'));
    expect(rows.find((r) => r.pod === 'kubernetes')).toEqual({
      namespace: 'default',
      pod: 'kubernetes',
      address: '172.20.0.3',
      node: '',
      waypoint: 'None',
      protocol: 'TCP',
    });
  });

  it('rejects text that is not the table', () => {
    expect(() => parseZtunnelWorkloads('Error: no ztunnel pods found\n')).toThrow(
      /not a ztunnel workload table/,
    );
  });
});

describe('ztunnel access log', () => {
  it('reads the tab-separated line ztunnel writes', async () => {
    const line = (await fixture('istio/ztunnel-access-tabs.txt')).trim();
    expect(parseZtunnelLogLine(line)).toMatchObject({
      level: 'info',
      target: 'access',
      message: 'connection complete',
      fields: {
        'src.workload': 'productpage-v1-57ffb6658c-vmb6z',
        'src.identity': 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
        'dst.identity': 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details',
        'dst.hbone_addr': '10.129.0.43:9080',
        direction: 'outbound',
        bytes_sent: '283',
      },
    });
  });

  it('finds the inbound connection between two workloads, and only that one', async () => {
    const log = await fixture('istio/ztunnel-access-docs.txt');
    const found = inboundConnections(
      log,
      'curl-7656cf8794-r7zb9',
      'productpage-v1-87d54dd59-fn6vw',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.fields).toMatchObject({
      direction: 'inbound',
      'src.identity': 'spiffe://cluster.local/ns/default/sa/curl',
    });
    expect(inboundConnections(log, 'other-pod', 'productpage-v1-87d54dd59-fn6vw')).toEqual([]);
    expect(parseZtunnelLogLine('2024-05-04T09:59:05Z info xds connected')).toBeNull();
  });
});

describe('X-Forwarded-Client-Cert and SPIFFE ids', () => {
  it('reads the header the sidecar added in the httpbin answer', async () => {
    const headers = parseSeenHeaders(await fixture('istio/httpbin-headers.json'));
    const xfcc = headers?.['x-forwarded-client-cert'] ?? '';
    expect(parseXfcc(xfcc)).toEqual([
      {
        by: ['spiffe://cluster.local/ns/default/sa/default'],
        hash: ['20afebed6da091c850264cc751b8c9306abac02993f80bdb76282237422bd098'],
        subject: [''],
        uri: ['spiffe://cluster.local/ns/default/sa/default'],
      },
    ]);
  });

  it('splits elements and pairs outside quotes only', () => {
    expect(
      parseXfcc(
        'By=spiffe://a/ns/x/sa/s;Subject="CN=a,O=b;c";URI=spiffe://a/ns/x/sa/c,By=spiffe://b/ns/y/sa/t',
      ),
    ).toEqual([
      { by: ['spiffe://a/ns/x/sa/s'], subject: ['CN=a,O=b;c'], uri: ['spiffe://a/ns/x/sa/c'] },
      { by: ['spiffe://b/ns/y/sa/t'] },
    ]);
  });

  it.each([
    ['spiffe://cluster.local/ns/bench/sa/client', 'bench', 'client', true],
    ['spiffe://example.org/ns/bench/sa/client', 'bench', 'client', true],
    ['spiffe://cluster.local/ns/bench/sa/server', 'bench', 'client', false],
    ['spiffe://cluster.local/ns/other/sa/client', 'bench', 'client', false],
    ['https://cluster.local/ns/bench/sa/client', 'bench', 'client', false],
  ])('%s is %s/%s: %s', (uri, namespace, sa, expected) => {
    expect(isIdentityOf(uri, namespace, sa)).toBe(expected);
  });

  it('parses the parts of a SPIFFE id', () => {
    expect(parseSpiffeId('spiffe://cluster.local/ns/bench/sa/client')).toEqual({
      trustDomain: 'cluster.local',
      namespace: 'bench',
      serviceAccount: 'client',
    });
  });
});

describe('parseSeenHeaders', () => {
  it("reads fortio's /debug page", async () => {
    expect(parseSeenHeaders(await fixture('fortio/debug.txt'))).toEqual({
      host: '127.0.0.1:18099',
      accept: '*/*',
      'l5d-client-id': 'client.bench.serviceaccount.identity.linkerd.cluster.local',
      'user-agent': 'curl/7.88.1',
      'x-forwarded-client-cert':
        'By=spiffe://cluster.local/ns/bench/sa/server;Hash=abc;Subject="";URI=spiffe://cluster.local/ns/bench/sa/client',
    });
  });

  it.each(['', 'ok\n', '{"status":"ok"}', '<html>not found</html>'])(
    '%j lists no headers',
    (body) => {
      expect(parseSeenHeaders(body)).toBeNull();
    },
  );
});

describe('parseLinkerdCheck', () => {
  it('reads a passing `linkerd check --proxy` with its data-plane categories', async () => {
    const report = parseLinkerdCheck(await fixture('linkerd/check-proxy.txt'));
    expect(report.checks).toHaveLength(48);
    expect(report.checks.every((c) => c.status === 'ok')).toBe(true);
    expect(report.checks.filter((c) => c.category === 'linkerd-data-plane')).toHaveLength(8);
    expect(report.checks.find((c) => c.category === 'linkerd-identity-data-plane')).toEqual({
      category: 'linkerd-identity-data-plane',
      description: 'data plane proxies certificate match CA',
      status: 'ok',
      messages: [],
    });
  });

  it.each([
    [
      'linkerd/check-failed-unit.txt',
      {
        category: 'category',
        description: 'check2',
        status: 'failed',
        messages: [
          'This should contain instructions for fail',
          'see https://linkerd.io/2/checks/#hint-anchor for hints',
        ],
      },
    ],
    [
      'linkerd/check-failed-issue13306.txt',
      {
        category: 'linkerd-config',
        description: 'control plane CustomResourceDefinitions exist',
        status: 'failed',
        messages: [
          'missing egressnetworks.policy.linkerd.io',
          'see https://linkerd.io/2/checks/#l5d-existence-crd for hints',
        ],
      },
    ],
  ])('%s: the failed check with its message and hint', async (file, failure) => {
    const report = parseLinkerdCheck(await fixture(file));
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([failure]);
    expect(report.passed).toBeNull();
  });

  it('reads warnings, coloured marks and the closing line', () => {
    const output = [
      'linkerd-version',
      '---------------',
      '\u001b[32;1m√\u001b[0m can determine the latest version',
      '‼ cli is up-to-date',
      '    is running version 26.8.3 but the latest edge version is 26.9.1',
      '',
      'Status check results are √',
    ].join('\n');
    expect(parseLinkerdCheck(output)).toEqual({
      passed: true,
      checks: [
        {
          category: 'linkerd-version',
          description: 'can determine the latest version',
          status: 'ok',
          messages: [],
        },
        {
          category: 'linkerd-version',
          description: 'cli is up-to-date',
          status: 'warning',
          messages: ['is running version 26.8.3 but the latest edge version is 26.9.1'],
        },
      ],
    });
  });
});

describe('parseEncryptStatus', () => {
  it.each([
    [
      'cilium/encrypt-status-wireguard.txt',
      { mode: 'Wireguard', wireguard: [{ name: 'cilium_wg0', peers: 2 }], ipsec: null },
    ],
    [
      'cilium/encrypt-status-ipsec.txt',
      {
        mode: 'IPsec',
        wireguard: [],
        ipsec: { keysInUse: 4, errors: 0, decryptInterfaces: ['eth0', 'eth1', 'eth2'] },
      },
    ],
    ['cilium/status-disabled.txt', { mode: 'Disabled', wireguard: [], ipsec: null }],
    [
      'cilium/status-wireguard-pr15833.txt',
      { mode: 'Wireguard', wireguard: [{ name: 'cilium_wg0', peers: 1 }], ipsec: null },
    ],
    [
      'cilium/status-wireguard-issue24239.txt',
      { mode: 'Wireguard', wireguard: [{ name: 'cilium_wg0', peers: 3 }], ipsec: null },
    ],
  ])('%s', async (file, expected) => {
    expect(parseEncryptStatus(await fixture(file))).toEqual(expected);
  });

  it('reads the tab-indented interface block cilium-dbg prints', () => {
    const text =
      'Encryption: Wireguard                 \nInterface: cilium_wg0\n\tPublic key: x=\n\tNumber of peers: 0\n';
    expect(parseEncryptStatus(text).wireguard).toEqual([{ name: 'cilium_wg0', peers: 0 }]);
  });

  it('refuses output without an Encryption line', () => {
    expect(() =>
      parseEncryptStatus('error: unable to upgrade connection: container not found\n'),
    ).toThrow(/no "Encryption:" line/);
  });
});
