// `mesh-perf run --provider kind --mesh istio,istio-ambient,linkerd,cilium --dry-run`, and the
// action's `dry-run` input, as users run them: the complete plan in order, each mesh's mTLS
// enforcement and verification, secrets redacted, and nothing executed (the fake CLIs on PATH
// record every start; the private temp dir stays empty).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { installFakeClis, type FakeClis } from '../support/fakeClis.js';
import { scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

let clis: FakeClis;
let tmp: string;
beforeAll(async () => {
  clis = await installFakeClis();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-dry-run-test-'));
});
afterAll(async () => {
  await clis.dispose();
  await rm(tmp, { recursive: true, force: true });
});

/** The numbered steps of the printed plan ("12. install ..." and its indented lines). */
function steps(stdout: string): string[] {
  return stdout.split(/\n(?=\d+\. )/).filter((s) => /^\d+\. /.test(s));
}

const indexOf = (all: string[], pattern: RegExp): number => all.findIndex((s) => pattern.test(s));

describe('the dry run of a cluster run', () => {
  it('prints every step in order, each mesh enforced and verified, and runs nothing', async () => {
    const result = await runNode(
      scripts.cli,
      ['run', '--provider', 'kind', '--mesh', 'istio,istio-ambient,linkerd,cilium', '--dry-run'],
      { env: cleanEnv({ ...clis.env, TMPDIR: tmp }), cwd: tmp },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = steps(result.stdout);
    const at = (pattern: RegExp): number => {
      const i = indexOf(plan, pattern);
      expect({ pattern: pattern.source, found: i >= 0 }).toEqual({
        pattern: pattern.source,
        found: true,
      });
      return i;
    };
    const order = [
      at(/^\d+\. tool: kind 0\.32\.0 .*sha256 [0-9a-f]{64}/),
      at(
        /\$ kind create cluster --name mesh-perf-\S+ --config - --image kindest\/node:v1\.36\.1@sha256:/,
      ),
      at(
        /\$ cilium install --version 1\.19\.6 --set encryption\.enabled=true --set encryption\.type=wireguard/,
      ),
      at(/\$ istioctl install --skip-confirmation --set profile=ambient/),
      at(/\$ linkerd install \| kubectl apply -f -/),
      at(/create namespace \S+-istio for istio, enrolled by labels istio-injection=enabled/),
      at(
        /enforce mTLS for istio in \S+-istio \(before any server exists\)\n[\s\S]*kind: PeerAuthentication[\s\S]*mode: STRICT/,
      ),
      at(/enforce mTLS for istio-ambient in \S+-istio-ambient[\s\S]*mode: STRICT/),
      at(
        /create namespace \S+-linkerd for linkerd, enrolled by annotations .*config\.linkerd\.io\/default-inbound-policy=all-authenticated/,
      ),
      at(/before each istio trial: verify mTLS on the measured path \(istio sidecars\)/),
      at(/before each istio-ambient trial: verify mTLS .*\n[\s\S]*PROTOCOL HBONE/),
      at(/before each linkerd trial: verify mTLS .*\n[\s\S]*l5d-client-id/),
      at(
        /before each cilium trial: verify encryption .*\(cilium wireguard\)\n[\s\S]*cilium-dbg encrypt status/,
      ),
      at(/^\d+\. trial 0: 1 load generator pod/),
      at(/kind delete cluster --name mesh-perf-/),
      at(/trials in this order \(12\): istio#1, istio-ambient#1, linkerd#1, cilium#1, cilium#2/),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // One Istio install serves both Istio scenarios.
    expect(plan.filter((s) => s.includes('$ istioctl install'))).toHaveLength(1);
    // Same-node placement leaves WireGuard's traffic in clear: said before anything else.
    expect(plan[0]).toMatch(
      /^1\. WARNING: cilium: .* does not encrypt traffic between pods on the same node/,
    );
    // Nothing ran, nothing was written.
    expect(await clis.calls()).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('shows app-mtls key material only as <redacted>', async () => {
    const result = await runNode(
      scripts.cli,
      [
        'run',
        '--provider',
        'existing',
        '--kube-context',
        'bench',
        '--mesh',
        'none,app-mtls',
        '--dry-run',
      ],
      { env: cleanEnv({ ...clis.env, TMPDIR: tmp }), cwd: tmp },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/BEGIN|PRIVATE KEY|generated when the run starts/);
    expect(result.stdout.match(/<redacted>/g)?.length).toBeGreaterThanOrEqual(11);
    expect(result.stdout).toMatch(
      /before each app-mtls trial: verify mTLS on the measured path \(app-mtls\)/,
    );
    expect(result.stdout).toMatch(
      /delete namespace\(s\) mesh-perf-\S+-none, mesh-perf-\S+-app-mtls/,
    );
    expect(await clis.calls()).toEqual([]);
  });

  it('the action with input dry-run prints the same plan and runs nothing', async () => {
    const result = await runNode(scripts.main, [], {
      env: cleanEnv({
        ...clis.env,
        TMPDIR: tmp,
        INPUT_PROVIDER: 'kind',
        INPUT_MESH: 'none,linkerd',
        INPUT_PLACEMENT: 'cross-node',
        'INPUT_DRY-RUN': 'true',
        'INPUT_GITHUB-TOKEN': 'unused',
      }),
      cwd: tmp,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: nothing is started or changed/);
    expect(result.stdout).toMatch(/\$ linkerd install --crds \| kubectl apply -f -/);
    expect(result.stdout).toMatch(/before each linkerd trial: verify mTLS/);
    expect(await clis.calls()).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  });
});
