// `mesh-perf run --provider existing` as a user runs it: the built CLI against the fake API server
// (the user's KUBECONFIG) with the fake CLIs on PATH at the pinned versions, so kubectl is found
// there instead of downloaded. Production timings, one trial of the plain baseline.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resultDocumentSchema } from '../../src/results/schema.js';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fakeKubeApi.js';
import { commandLines, installFakeClis, type FakeClis } from '../support/fakeClis.js';
import { FakeMeshCluster } from '../support/fakeMeshCluster.js';
import { scripts } from '../support/paths.js';
import { cleanEnv, runNode } from '../support/spawnNode.js';

let api: FakeKubeApi;
let clis: FakeClis;
let dir: string;
beforeAll(async () => {
  const cluster = new FakeMeshCluster();
  api = await startFakeKubeApi(cluster.script());
  cluster.attach(api);
  clis = await installFakeClis();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-cli-cluster-'));
});
afterAll(async () => {
  await api.close();
  await clis.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('mesh-perf run --provider existing', () => {
  it('measures in the cluster, writes the cluster fingerprint, and cleans up', async () => {
    const tmp = path.join(dir, 'tmp');
    await mkdir(tmp);
    const out = path.join(dir, 'result.json');
    const result = await runNode(
      scripts.cli,
      [
        'run',
        ...['--provider', 'existing', '--mesh', 'none', '--repetitions', '1'],
        ...['--rps', '150', '--connections', '10', '--duration', '3s', '--warmup', '1s'],
        ...['--server-delay', '10ms', '--request-timeout', '2s', '--out', out],
      ],
      {
        env: cleanEnv({ ...clis.env, KUBECONFIG: api.kubeconfigPath, TMPDIR: tmp }),
        cwd: dir,
        timeoutMs: 110_000,
      },
    );
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/existing provider, builtin engine/);
    const document = resultDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(document.run.provider).toBe('existing');
    expect(document.environment.kubernetesVersion).toBe('v1.33.1');
    expect(document.scenarios[0]?.meshConfig).toEqual({
      version: 'n/a',
      profile: 'plain HTTP',
      flags: [],
    });
    expect(document.scenarios[0]?.trials[0]?.valid).toBe(true);
    // kubectl was found on PATH at the pinned version; nothing else ran.
    expect(commandLines(await clis.calls())).toEqual(['kubectl version --client -o json']);
    expect(
      api.store.objectsOf('Namespace').filter((n) => n.metadata.name.startsWith('mesh-perf-')),
    ).toEqual([]);
    // The private directory was removed.
    expect(await readdir(tmp)).toEqual([]);
  }, 120_000);
});
