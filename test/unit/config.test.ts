import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/loadConfig.js';
import { ConfigError } from '../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'config-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, text: string): Promise<string> {
  await writeFile(path.join(dir, name), text);
  return name;
}

const inputs =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

async function problemsOf(load: Promise<unknown>): Promise<readonly string[]> {
  try {
    await load;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('with no flags gives a real local benchmark of both baselines', async () => {
    expect(await loadConfig({ flags: [] })).toEqual({
      provider: 'local',
      meshes: ['none', 'app-mtls'],
      rps: 320,
      connections: 160,
      durationMs: 30_000,
      warmupMs: 5000,
      repetitions: 3,
      serverDelayMs: 200,
      payloadBytes: 0,
      engine: 'builtin',
      placement: 'same-node',
      workers: 'auto',
      maxErrorRate: 0.001,
      requestTimeoutMs: 10_000,
      out: 'mesh-perf-result.json',
      dryRun: false,
    });
  });
});

describe('bad input: one message naming the field, its source, the value and what is allowed', () => {
  const flagRows: [string[], string][] = [
    [
      ['--rps', 'fast'],
      'rps (--rps): "fast" is not a whole number; allowed: a whole number from 1 to 1000000',
    ],
    [['--rps', '0'], 'rps (--rps): "0" is out of range; allowed: a whole number from 1 to 1000000'],
    [
      ['--rps', '2.5'],
      'rps (--rps): "2.5" is not a whole number; allowed: a whole number from 1 to 1000000',
    ],
    [
      ['--connections=-3'],
      'connections (--connections): "-3" is out of range; allowed: a whole number from 1 to 100000',
    ],
    [
      ['--duration', '10'],
      'duration (--duration): "10" has no unit (write e.g. 10s or 500ms); allowed: a duration from 1s to 1h, like 30s or 5m',
    ],
    [
      ['--duration', '10 sec'],
      'duration (--duration): "10 sec" is not a duration; allowed: a duration from 1s to 1h, like 30s or 5m',
    ],
    [
      ['--duration', '500ms'],
      'duration (--duration): "500ms" is out of range; allowed: a duration from 1s to 1h, like 30s or 5m',
    ],
    [
      ['--warmup=-1s'],
      'warmup (--warmup): "-1s" is not a duration; allowed: a duration from 0s to 10m, like 5s',
    ],
    [
      ['--repetitions', '101'],
      'repetitions (--repetitions): "101" is out of range; allowed: a whole number from 1 to 100',
    ],
    [
      ['--server-delay', '2m'],
      'server-delay (--server-delay): "2m" is out of range; allowed: a duration from 0s to 60s, like 200ms',
    ],
    [
      ['--payload-bytes', 'big'],
      'payload-bytes (--payload-bytes): "big" is not a whole number; allowed: a whole number from 0 to 10485760',
    ],
    [['--engine', 'wrk'], 'engine (--engine): "wrk" is not one of them; allowed: builtin, fortio'],
    [
      ['--provider', 'minikube'],
      'provider (--provider): "minikube" is not one of them; allowed: local, kind, gke, existing',
    ],
    [
      ['--placement', 'far'],
      'placement (--placement): "far" is not one of them; allowed: same-node, cross-node',
    ],
    [
      ['--mesh', 'none,istoi'],
      'mesh (--mesh): "istoi" is not a mesh; allowed: a comma-separated list of none, app-mtls, istio, istio-ambient, linkerd, cilium',
    ],
    [
      ['--mesh', 'none,none'],
      'mesh (--mesh): "none" is listed twice; allowed: a comma-separated list of none, app-mtls, istio, istio-ambient, linkerd, cilium',
    ],
    [
      ['--mesh', ' , '],
      'mesh (--mesh): is empty; allowed: a comma-separated list of none, app-mtls, istio, istio-ambient, linkerd, cilium',
    ],
    [
      ['--workers', 'many'],
      'workers (--workers): "many" is not auto or a whole number from 1 to 64; allowed: auto or a whole number from 1 to 64',
    ],
    [
      ['--workers', '8', '--connections', '4'],
      'workers (--workers): 8 is more than connections (4); each worker needs a connection; allowed: auto or a whole number from 1 to 64',
    ],
    [
      ['--max-error-rate', '5'],
      'max-error-rate (--max-error-rate): "5" is out of range; allowed: a fraction from 0 to 1, or a percentage like 0.5%',
    ],
    [
      ['--request-timeout', '100ms', '--server-delay', '200ms'],
      'request-timeout (--request-timeout): 100ms is not longer than server-delay (200ms); allowed: a duration from 1ms to 10m, longer than server-delay',
    ],
    [
      ['--mesh', 'istio'],
      'mesh (--mesh): "istio" cannot run with provider "local"; it needs a cluster provider: kind, gke or existing; allowed: a comma-separated list of none, app-mtls, istio, istio-ambient, linkerd, cilium',
    ],
    [
      ['--placement', 'cross-node'],
      'placement (--placement): "cross-node" needs a cluster provider: kind, gke or existing; allowed: same-node, cross-node',
    ],
  ];
  it.each(flagRows)('flags %j', async (flags, message) => {
    expect(await problemsOf(loadConfig({ flags }))).toEqual([message]);
  });

  const inputRows: [Record<string, string>, string][] = [
    [
      { rps: 'lots' },
      'rps (input rps): "lots" is not a whole number; allowed: a whole number from 1 to 1000000',
    ],
    [
      { 'dry-run': 'yes' },
      'dry-run (input dry-run): "yes" is not a boolean; allowed: true or false',
    ],
    [
      { 'dry-run': 'ture' },
      'dry-run (input dry-run): "ture" is not a boolean; allowed: true or false',
    ],
    [
      { engine: 'Builtin' },
      'engine (input engine): "Builtin" is not one of them; allowed: builtin, fortio',
    ],
  ];
  it.each(inputRows)('inputs %j', async (values, message) => {
    expect(await problemsOf(loadConfig({ inputs: inputs(values) }))).toEqual([message]);
  });

  it('reports every problem at once', async () => {
    const problems = await problemsOf(
      loadConfig({ flags: ['--rps', 'x', '--engine', 'y', '--duration', 'z'] }),
    );
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['rps', 'duration', 'engine']);
  });

  it('names an unknown flag, suggests the closest and lists the allowed ones', async () => {
    await expect(loadConfig({ flags: ['--rsp', '5'] })).rejects.toThrow(
      /flags: Unknown option '--rsp'.*\(did you mean "--rps"\?\); allowed: --provider, --mesh, --rps/,
    );
  });
});

describe('the config file', () => {
  it('is overridden by flags and overrides defaults, and messages name the file', async () => {
    const file = await writeConfig(
      'bench.yml',
      'rps: 1000\nconnections: 50\nmesh: [none]\nserver-delay: 10ms\ndry-run: true\n',
    );
    const config = await loadConfig({ flags: ['--config', file, '--rps', '500'], cwd: dir });
    expect(config).toMatchObject({
      rps: 500,
      connections: 50,
      meshes: ['none'],
      serverDelayMs: 10,
      dryRun: true,
    });
  });

  it('is also named by the action input and overridden by inputs', async () => {
    const file = await writeConfig('action.yml', 'repetitions: 7\nwarmup: 1s\n');
    const config = await loadConfig({ inputs: inputs({ config: file, warmup: '2s' }), cwd: dir });
    expect(config).toMatchObject({ repetitions: 7, warmupMs: 2000 });
  });

  it('rejects unknown keys with a suggestion, alongside bad values', async () => {
    const file = await writeConfig('typo.yml', 'rsp: 100\nduration: 30\n');
    expect(await problemsOf(loadConfig({ flags: ['--config', file], cwd: dir }))).toEqual([
      expect.stringMatching(
        /^rsp \(file typo\.yml\): unknown key \(did you mean "rps"\?\); allowed: provider, mesh, rps,/,
      ),
      'duration (file typo.yml key duration): 30 has no unit (write e.g. 10s or 500ms); allowed: a duration from 1s to 1h, like 30s or 5m',
    ]);
  });

  it('gives the line of a YAML syntax error', async () => {
    const file = await writeConfig('broken.yml', 'rps: 100\nmesh: [none\n');
    await expect(loadConfig({ flags: ['--config', file], cwd: dir })).rejects.toThrow(
      /config \(file broken\.yml\): YAML syntax error on line \d/,
    );
  });

  it('names a missing file', async () => {
    await expect(loadConfig({ flags: ['--config', 'nope.yml'], cwd: dir })).rejects.toThrow(
      'config: cannot read "nope.yml": ENOENT',
    );
  });

  it('must be a mapping', async () => {
    const file = await writeConfig('list.yml', '- rps\n');
    await expect(loadConfig({ flags: ['--config', file], cwd: dir })).rejects.toThrow(
      /expected a mapping/,
    );
  });

  it('accepts YAML types: numbers, booleans, lists, percentages', async () => {
    const file = await writeConfig(
      'types.yml',
      'rps: 50\nmesh:\n  - none\nmax-error-rate: 0.5%\nworkers: 2\ndry-run: false\n',
    );
    expect(await loadConfig({ flags: ['--config', file], cwd: dir })).toMatchObject({
      rps: 50,
      meshes: ['none'],
      maxErrorRate: 0.005,
      workers: 2,
      dryRun: false,
    });
  });
});

describe('action inputs', () => {
  it('treat empty strings as unset and accept newline-separated lists', async () => {
    expect(
      await loadConfig({
        inputs: inputs({ rps: '', mesh: 'none\napp-mtls\n', 'dry-run': 'TRUE' }),
      }),
    ).toMatchObject({
      rps: 320,
      meshes: ['none', 'app-mtls'],
      dryRun: true,
    });
  });
});
