// Teardown of what a cluster run creates: fake kind, gcloud and kubectl on PATH record their argv,
// the post step removes each leftover kind from saved state, and bringUpCluster registers the
// deletion before creating, so a failed creation is still undone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bringUpCluster } from '../../src/cluster/clusterSteps.js';
import type { ClusterPlan } from '../../src/cluster/clusterSettings.js';
import { InfraError } from '../../src/errors.js';
import { Cleanup, type Leftover } from '../../src/lifecycle/cleanup.js';
import { parseLeftovers, removeLeftovers } from '../../src/post.js';
import { execFileRunner, type ProcessRunner } from '../../src/process/processRunner.js';

let dir: string;
let calls: string;
const savedPath = process.env.PATH;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cluster-teardown-test-'));
  calls = path.join(dir, 'calls.log');
  for (const cli of ['kind', 'gcloud', 'kubectl']) {
    // Each fake records its name and argv (one argument per line), and reads stdin if any.
    const fake = `#!/bin/sh\n{ echo "== ${cli}"; for a in "$@"; do echo "$a"; done; } >> "${calls}"\n[ "$1" = "create" ] && exit 1\nexit 0\n`;
    await writeFile(path.join(dir, cli), fake);
    await chmod(path.join(dir, cli), 0o755);
  }
  process.env.PATH = `${dir}${path.delimiter}${savedPath ?? ''}`;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await rm(calls, { force: true });
});

// Jest gives each test file its own copy of process.env, which child processes do not see;
// handing it over explicitly makes the fakes' PATH the one command lookup uses.
const runner: ProcessRunner = {
  run: (command, args, options) =>
    execFileRunner.run(command, args, { ...options, env: { ...process.env } }),
};

async function recorded(): Promise<string[][]> {
  const text = await readFile(calls, 'utf8').catch(() => '');
  return text
    .split('== ')
    .filter((chunk) => chunk !== '')
    .map((chunk) => chunk.trimEnd().split('\n'));
}

describe('post step', () => {
  const saved: Leftover[] = [
    { kind: 'namespace', name: 'mesh-perf-1a2b3c4d', context: 'staging' },
    { kind: 'kind-cluster', name: 'mesh-perf-1a2b3c4d', kubeconfig: '/tmp/mesh-perf-x/kubeconfig' },
    {
      kind: 'gke-cluster',
      name: 'mesh-perf-9f8e7d6c',
      zone: 'us-central1-a',
      project: 'bench-project',
    },
  ];

  it('reads every cluster leftover back from state and drops malformed or flag-like ones', () => {
    expect(
      parseLeftovers(
        JSON.stringify([
          ...saved,
          { kind: 'kind-cluster', name: '--all' },
          { kind: 'gke-cluster', name: 'x', zone: 'us-central1-a' },
          { kind: 'namespace', name: 'ns', context: '-x' },
          {
            kind: 'namespace',
            name: 'ns',
            context: null,
            command: '/opt/hostedtoolcache/kubectl/1.36.1/x64/kubectl',
          },
        ]),
      ),
    ).toEqual([
      ...saved,
      {
        kind: 'namespace',
        name: 'ns',
        context: null,
        command: '/opt/hostedtoolcache/kubectl/1.36.1/x64/kubectl',
      },
    ]);
  });

  it('removes each kind with the CLIs on PATH, newest first', async () => {
    const lines: string[] = [];
    await removeLeftovers(saved, (line) => lines.push(line), runner);
    expect(await recorded()).toEqual([
      [
        'gcloud',
        'container',
        'clusters',
        'delete',
        'mesh-perf-9f8e7d6c',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
        '--async',
        '--quiet',
      ],
      [
        'kind',
        'delete',
        'cluster',
        '--name',
        'mesh-perf-1a2b3c4d',
        '--kubeconfig',
        '/tmp/mesh-perf-x/kubeconfig',
      ],
      [
        'kubectl',
        '--context',
        'staging',
        'delete',
        'namespace',
        'mesh-perf-1a2b3c4d',
        '--ignore-not-found',
        '--wait=false',
      ],
    ]);
    expect(lines).toEqual([
      'started deleting GKE cluster mesh-perf-9f8e7d6c in bench-project/us-central1-a',
      'deleted kind cluster mesh-perf-1a2b3c4d',
      'deleted namespace mesh-perf-1a2b3c4d',
    ]);
  });

  it('uses the binary path the run saved, and reports a failing command without stopping', async () => {
    const lines: string[] = [];
    await removeLeftovers(
      [
        { kind: 'kind-cluster', name: 'a', command: path.join(dir, 'missing-kind') },
        { kind: 'namespace', name: 'b', context: null, command: path.join(dir, 'kubectl') },
      ],
      (line) => lines.push(line),
      runner,
    );
    expect(await recorded()).toEqual([
      ['kubectl', 'delete', 'namespace', 'b', '--ignore-not-found', '--wait=false'],
    ]);
    expect(lines[0]).toBe('deleted namespace b');
    expect(lines[1]).toMatch(/^could not clean up \{"kind":"kind-cluster","name":"a",/);
  });
});

describe('bringUpCluster', () => {
  it('registers the deletion before creating, so a failed create is still deleted', async () => {
    const plan: ClusterPlan = {
      up: [
        {
          kind: 'command',
          title: 'Create',
          command: 'kind',
          args: ['create', 'cluster', '--name', 'c1', '--config', '-'],
          stdin: 'kind: Cluster\n',
          timeoutMs: 10_000,
        },
      ],
      down: [
        {
          kind: 'command',
          title: 'Delete',
          command: 'kind',
          args: ['delete', 'cluster', '--name', 'c1'],
          timeoutMs: 10_000,
        },
      ],
      access: { kubeconfig: '/k', context: 'kind-c1' },
      env: { KUBECONFIG: '/k' },
      leftover: { kind: 'kind-cluster', name: 'c1', kubeconfig: '/k' },
    };
    const states: Leftover[][] = [];
    const cleanup = new Cleanup((leftovers) => states.push(leftovers));
    const deps = {
      runner,
      tools: { kind: path.join(dir, 'kind') },
      runApiStep: () => Promise.reject(new Error('no API step expected')),
      log: () => undefined,
    };
    await expect(bringUpCluster(plan, cleanup, deps)).rejects.toThrow(InfraError);
    // Saved for the post step with the binary's path before creation started.
    expect(states[0]).toEqual([
      { kind: 'kind-cluster', name: 'c1', kubeconfig: '/k', command: path.join(dir, 'kind') },
    ]);
    expect(await cleanup.runAll()).toEqual([]);
    expect(await recorded()).toEqual([
      ['kind', 'create', 'cluster', '--name', 'c1', '--config', '-'],
      ['kind', 'delete', 'cluster', '--name', 'c1'],
    ]);
  });
});
