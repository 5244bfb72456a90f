// The Cilium verifier: the agent's encryption status on the client's and server's nodes (saved
// real `cilium-dbg encrypt status` outputs), same-node placement reported loudly as unencrypted,
// encryption off or short of peers; and the ztunnel mode's identity check.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CiliumEncryption } from '../../../src/config/types.js';
import { ciliumVerifier } from '../../../src/mesh/cilium/ciliumVerifier.js';
import type { CommandResult } from '../../../src/process/processRunner.js';
import { fixturesDir } from '../../support/paths.js';
import { FakeKube, FakeRunner, answered, context, noSleep, ok, pod } from './meshFakes.js';

const fixture = (name: string): Promise<string> =>
  readFile(path.join(fixturesDir, 'mesh/cilium', name), 'utf8');
const wireguard = await fixture('encrypt-status-wireguard.txt');
const ipsec = await fixture('encrypt-status-ipsec.txt');

const agents = ['node-1', 'node-2'].map((node, i) =>
  pod({
    namespace: 'kube-system',
    name: `cilium-${i}x7k2`,
    node,
    labels: { 'k8s-app': 'cilium' },
    containers: [{ name: 'cilium-agent' }],
  }),
);
const client = pod({ name: 'client-1', node: 'node-1' });
const server = pod({ name: 'server-1', node: 'node-2' });

async function verify(
  encryption: CiliumEncryption,
  reply: (args: readonly string[]) => CommandResult,
  pods = { client, server },
  nodes = 3,
) {
  const kube = new FakeKube(() => answered(200));
  kube.pods = agents;
  kube.nodes = nodes;
  const runner = new FakeRunner(() => reply);
  const mtls = await ciliumVerifier(encryption, noSleep).verify(
    context(kube, runner, pods.client, pods.server),
  );
  return { mtls, runner, kube };
}

describe('ciliumVerifier with WireGuard and IPsec', () => {
  it('verifies cross-node placement and WireGuard with a peer per other node on both agents', async () => {
    const { mtls, runner, kube } = await verify('wireguard', () => ok(wireguard));
    expect(mtls).toEqual({
      verified: true,
      method: 'cilium-wireguard-encrypt-status',
      details: [
        'ok: the client (node node-1) and the server (node node-2) talk across nodes, through Wireguard',
        'ok: cilium-agent cilium-0x7k2 on node node-1 reports Encryption: Wireguard on cilium_wg0 with 2 peer(s)',
        'ok: cilium-agent cilium-1x7k2 on node node-2 reports Encryption: Wireguard on cilium_wg0 with 2 peer(s)',
      ],
    });
    expect(runner.calls[0]).toEqual({
      command: '/tools/kubectl',
      args: [
        'exec',
        '--namespace',
        'kube-system',
        'cilium-0x7k2',
        '--container',
        'cilium-agent',
        '--',
        'cilium-dbg',
        'encrypt',
        'status',
      ],
    });
    expect(kube.probePods()).toEqual([]);
  });

  it('says loudly that same-node traffic is not encrypted', async () => {
    const neighbour = pod({ name: 'server-1', node: 'node-1' });
    const { mtls } = await verify('wireguard', () => ok(wireguard), { client, server: neighbour });
    expect(mtls.verified).toBe(false);
    expect(mtls.details[0]).toBe(
      "FAILED: NOT ENCRYPTED: the client and the server both run on node node-1 (placement same-node); Wireguard encrypts only traffic between nodes, so the measured path is plain text. Use placement cross-node to measure Cilium's encryption.",
    );
    expect(mtls.details).toHaveLength(2);
  });

  it.each<[string, CiliumEncryption, string, number, string]>([
    [
      'encryption disabled',
      'wireguard',
      'Encryption: Disabled\n',
      3,
      'reports Encryption: Disabled, Wireguard expected',
    ],
    [
      'IPsec where WireGuard was asked for',
      'wireguard',
      ipsec,
      3,
      'reports Encryption: IPsec, Wireguard expected',
    ],
    [
      'a missing WireGuard peer',
      'wireguard',
      wireguard,
      4,
      'reports Encryption: Wireguard on cilium_wg0 with 2 peer(s), 3 expected (one per other node)',
    ],
    [
      'IPsec without keys',
      'ipsec',
      'Encryption: IPsec\nDecryption interface(s):\nKeys in use: 0\nMax Seq. Number: N/A\nErrors: 0\n',
      3,
      'reports Encryption: IPsec but no keys in use',
    ],
  ])('fails on %s', async (_name, encryption, output, nodes, detail) => {
    const { mtls } = await verify(encryption, () => ok(output), { client, server }, nodes);
    expect(mtls.verified).toBe(false);
    expect(mtls.details[1]).toBe(`FAILED: cilium-agent cilium-0x7k2 on node node-1 ${detail}`);
  });

  it('verifies IPsec keys on both agents', async () => {
    const { mtls } = await verify('ipsec', () => ok(ipsec));
    expect(mtls.verified).toBe(true);
    expect(mtls.details[2]).toBe(
      'ok: cilium-agent cilium-1x7k2 on node node-2 reports Encryption: IPsec with 4 key(s) in use (0 XFRM error(s))',
    );
  });

  it('fails when the agent cannot be asked', async () => {
    const { mtls } = await verify('wireguard', () => ({
      code: 1,
      stdout: '',
      stderr: 'error: unable to upgrade connection: container not found ("cilium-agent")\n',
    }));
    expect(mtls.details[1]).toBe(
      'FAILED: cilium-agent cilium-0x7k2 on node node-1: cilium-dbg encrypt status exited 1: error: unable to upgrade connection: container not found ("cilium-agent")',
    );
  });
});

describe('ciliumVerifier with ztunnel', () => {
  const ztunnels = ['node-1', 'node-2'].map((node, i) =>
    pod({
      namespace: 'kube-system',
      name: `ztunnel-cilium-${i}q`,
      node,
      labels: { app: 'ztunnel-cilium' },
      containers: [{ name: 'istio-proxy' }],
    }),
  );
  const line = (srcSa: string): string =>
    `2025-01-23T05:07:25.806642Z\tinfo\taccess\tconnection complete\tsrc.addr=10.0.1.4:40978 src.workload="mesh-perf-probe-identity-abc123" src.namespace="bench" src.identity="spiffe://cluster.local/ns/bench/sa/${srcSa}" dst.addr=10.0.2.7:15008 dst.hbone_addr=10.0.2.7:8080 dst.workload="server-1" dst.namespace="bench" dst.identity="spiffe://cluster.local/ns/bench/sa/server" direction="inbound" bytes_sent=283 bytes_recv=358 duration="2ms"`;

  async function verifyZtunnel(log: string) {
    const kube = new FakeKube(() => answered(200, { host: 'server' }));
    kube.pods = [...agents, ...ztunnels];
    kube.logs.set('kube-system/ztunnel-cilium-1q', [log]);
    const runner = new FakeRunner(() => ok(''));
    const mtls = await ciliumVerifier('ztunnel', noSleep).verify(
      context(kube, runner, client, server),
    );
    return { mtls, kube, runner };
  }

  it('verifies ztunnel on both nodes and the identities logged on the server node', async () => {
    const { mtls, kube, runner } = await verifyZtunnel(line('client'));
    expect(mtls).toEqual({
      verified: true,
      method: 'cilium-ztunnel-identity-probe',
      details: [
        'ok: ztunnel-cilium ztunnel-cilium-0q runs and is ready on node node-1',
        'ok: ztunnel-cilium ztunnel-cilium-1q runs and is ready on node node-2',
        "ok: ztunnel ztunnel-cilium-1q on node-2 logged the probe's inbound mTLS (HBONE) connection to server-1: src.identity=spiffe://cluster.local/ns/bench/sa/client, dst.identity=spiffe://cluster.local/ns/bench/sa/server",
      ],
    });
    expect(runner.calls).toEqual([]);
    expect(kube.logReads).toContain('kube-system/ztunnel-cilium-1q');
  });

  it('fails on another identity', async () => {
    const { mtls } = await verifyZtunnel(line('default'));
    expect(mtls.verified).toBe(false);
    expect(mtls.details[2]).toMatch(
      /logged src.identity=spiffe:\/\/cluster.local\/ns\/bench\/sa\/default, not the client's service account client$/,
    );
  });
});
