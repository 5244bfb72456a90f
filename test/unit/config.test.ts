// The configuration's contract: defaults, precedence, and one exact message per mistake, naming
// the field, where the value came from and what is allowed, for all three front doors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromFile } from '../../src/config/fromFile.js';
import { fromFlags } from '../../src/config/fromFlags.js';
import { fromInputs } from '../../src/config/fromInputs.js';
import { describeConfig, loadConfig } from '../../src/config/loadConfig.js';
import type { Config } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';
import { FIELD_KEYS, KIND_NODE_IMAGE } from '../../src/config/fields.js';

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

const CLUSTER_DEFAULTS = {
  clusterName: null,
  nodes: 2,
  kindNodeImage: KIND_NODE_IMAGE,
  gkeProject: null,
  gkeZone: null,
  gkeMachineType: 'n2-standard-4',
  gkeExpiryMs: 21_600_000,
  kubeContext: null,
  toolVersions: {},
} satisfies Partial<Config>;

const DEFAULTS: Config = {
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
  server: 'builtin',
  placement: 'same-node',
  ...CLUSTER_DEFAULTS,
  workers: 'auto',
  istioVersion: '1.30.3',
  linkerdVersion: 'edge-25.5.2',
  ciliumVersion: '1.19.6',
  ciliumEncryption: 'wireguard',
  maxErrorRate: 0.001,
  requestTimeoutMs: 10_000,
  comment: 'on-regression',
  commentFile: 'mesh-perf-comment.json',
  out: 'mesh-perf-result.json',
  baseline: { store: 'auto' },
  baselineBranch: 'mesh-perf-data',
  baselineKeep: 50,
  saveBaseline: 'auto',
  dryRun: false,
  thresholdP50: 0.1,
  thresholdP99: 0.1,
  thresholdP999: 0.2,
  thresholdCpu: 0.2,
  thresholdMemory: 0.2,
  errorRateCap: 0.0005,
  floorLatencyMs: 1,
  floorCpuCores: 0.005,
  floorMemoryMiB: 2,
  confidence: 0.95,
  failOn: 'regression',
  injectDelayMs: 0,
};

const MESHES = 'a comma-separated list of none, app-mtls, istio, istio-ambient, linkerd, cilium';
// The lists every "unknown key" message offers: every field, in the order of fields.ts.
const FLAGS = ['--config', ...FIELD_KEYS.map((key) => `--${key}`)].join(', ');
const KEYS = FIELD_KEYS.join(', ');
const LOCAL_ONLY =
  'cannot run with provider "local"; it needs a cluster provider: kind, gke or existing';

describe('defaults', () => {
  it('with no flags give a real local benchmark of both baselines', async () => {
    expect(await loadConfig({ flags: [] })).toEqual(DEFAULTS);
    expect(await loadConfig({ inputs: inputs({}) })).toEqual(DEFAULTS);
    expect(await loadConfig()).toEqual(DEFAULTS);
  });
});

describe('bad flags: one exact line each', () => {
  // prettier-ignore
  const rows: [string[], string][] = [
    [['--rps', 'fast'], 'rps (--rps): "fast" is not a whole number; allowed: a whole number from 1 to 1000000'],
    [['--rps', '0'], 'rps (--rps): "0" is less than 1; allowed: a whole number from 1 to 1000000'],
    [['--rps', '2.5'], 'rps (--rps): "2.5" is not a whole number; allowed: a whole number from 1 to 1000000'],
    [['--rps', '0x10'], 'rps (--rps): "0x10" is not a whole number; allowed: a whole number from 1 to 1000000'],
    [['--connections', '-3'], 'connections (--connections): "-3" is less than 1; allowed: a whole number from 1 to 100000'],
    [['--duration', '10'], 'duration (--duration): "10" has no unit, which is ambiguous; add one, e.g. 10s or 10ms; allowed: a duration like 500ms, 10s or 5m, from 1s to 24h'],
    [['--duration', '10 sec'], 'duration (--duration): "10 sec" is not a duration; allowed: a duration like 500ms, 10s or 5m, from 1s to 24h'],
    [['--duration', '500ms'], 'duration (--duration): "500ms" is shorter than 1s; allowed: a duration like 500ms, 10s or 5m, from 1s to 24h'],
    [['--warmup=-1s'], 'warmup (--warmup): "-1s" is not a duration; allowed: a duration like 500ms, 10s or 5m, from 0s to 24h'],
    [['--repetitions', '101'], 'repetitions (--repetitions): "101" is more than 100; allowed: a whole number from 1 to 100'],
    [['--server-delay', '2m'], 'server-delay (--server-delay): "2m" is longer than 1m; allowed: a duration like 500ms, 10s or 5m, from 0s to 1m'],
    [['--payload-bytes', 'big'], 'payload-bytes (--payload-bytes): "big" is not a whole number; allowed: a whole number from 0 to 10485760 (10 MiB)'],
    [['--engine', 'wrk'], 'engine (--engine): "wrk" is not an engine; allowed: builtin, fortio'],
    [['--server', 'nginx'], 'server (--server): "nginx" is not a server; allowed: builtin, fortio'],
    [['--provider', 'minikube'], 'provider (--provider): "minikube" is not a provider; allowed: local, kind, gke, existing'],
    [['--placement', 'far'], 'placement (--placement): "far" is not a placement; allowed: same-node, cross-node'],
    [['--mesh', 'none,istoi'], `mesh (--mesh): "istoi" is not a mesh (did you mean "istio"?); allowed: ${MESHES}`],
    [['--mesh', 'none,none'], `mesh (--mesh): "none" is listed twice; allowed: ${MESHES}`],
    [['--mesh', ' , '], `mesh (--mesh): " , " names no mesh; allowed: ${MESHES}`],
    [['--workers', 'many'], 'workers (--workers): "many" is not auto or a whole number; allowed: auto, or a whole number from 1 to 64 and at most connections'],
    [['--workers', '8', '--connections', '4'], 'workers (--workers): 8 is more than connections 4 (from --connections); each worker needs at least one connection; allowed: auto, or a whole number from 1 to 64 and at most connections'],
    [['--max-error-rate', '5'], 'max-error-rate (--max-error-rate): "5" is more than 1 (for a percentage write 5%); allowed: a fraction from 0 to 1, or a percentage like 0.5%'],
    [['--max-error-rate', 'low'], 'max-error-rate (--max-error-rate): "low" is not a fraction or a percentage; allowed: a fraction from 0 to 1, or a percentage like 0.5%'],
    [['--request-timeout', '100ms'], 'request-timeout (--request-timeout): 100ms is not longer than server-delay 200ms; allowed: a duration like 500ms, 10s or 5m, longer than server-delay and at most 24h'],
    [['--server-delay', '20s'], 'request-timeout (default): 10s is not longer than server-delay 20s (from --server-delay); allowed: a duration like 500ms, 10s or 5m, longer than server-delay and at most 24h'],
    [['--mesh', 'istio'], `mesh (--mesh): "istio" ${LOCAL_ONLY}; allowed: none, app-mtls (with provider "local")`],
    [['--placement', 'cross-node'], `placement (--placement): "cross-node" ${LOCAL_ONLY}; allowed: same-node (with provider "local")`],
    [['--dry-run=yes'], 'dry-run (--dry-run): "yes" is not true or false; allowed: true or false'],
    [['--rsp', '5'], `rsp (--rsp): unknown flag (did you mean "--rps"?); allowed: ${FLAGS}`],
    [['--rps'], 'rps (--rps): no value given; allowed: a whole number from 1 to 1000000'],
    [['--rps', '1', '--rps', '2'], 'rps (--rps): given 2 times ("1", "2"); allowed: --rps once'],
    [['istio'], `argument (command line): "istio" is not a flag; allowed: only flags: ${FLAGS}`],
    [['--dry-run', 'false'], `argument (command line): "false" is not a flag (to give --dry-run a value write --dry-run=false); allowed: only flags: ${FLAGS}`],
  ];
  it.each(rows)('%j', async (flags, message) => {
    expect(await problemsOf(loadConfig({ flags }))).toEqual([message]);
  });
});

describe('bad action inputs: one exact line each', () => {
  // prettier-ignore
  const rows: [Record<string, string>, string][] = [
    [{ rps: 'lots' }, 'rps (input rps): "lots" is not a whole number; allowed: a whole number from 1 to 1000000'],
    [{ 'dry-run': 'yes' }, 'dry-run (input dry-run): "yes" is not true or false; allowed: true or false'],
    [{ 'dry-run': 'ture' }, 'dry-run (input dry-run): "ture" is not true or false; allowed: true or false'],
    [{ engine: 'Builtin' }, 'engine (input engine): "Builtin" is not an engine (did you mean "builtin"?); allowed: builtin, fortio'],
    [{ mesh: 'none\nlinkerd' }, `mesh (input mesh): "linkerd" ${LOCAL_ONLY}; allowed: none, app-mtls (with provider "local")`],
    [{ 'max-error-rate': '150%' }, 'max-error-rate (input max-error-rate): "150%" is more than 100%; allowed: a fraction from 0 to 1, or a percentage like 0.5%'],
    [{ workers: '65' }, 'workers (input workers): "65" is more than 64; allowed: auto, or a whole number from 1 to 64 and at most connections'],
    [{ config: 'missing.yml' }, `config (input config): cannot read "missing.yml" (${path.join('/tmp/nowhere', 'missing.yml')}): no such file (ENOENT); allowed: a path to a YAML file`],
  ];
  it.each(rows)('%j', async (values, message) => {
    expect(await problemsOf(loadConfig({ inputs: inputs(values), cwd: '/tmp/nowhere' }))).toEqual([
      message,
    ]);
  });
});

describe('bad config files: one exact line each', () => {
  // prettier-ignore
  const rows: [string, string][] = [
    ['duration: 30\n', 'duration (file bench.yml key duration): 30 has no unit, which is ambiguous; add one, e.g. 30s or 30ms; allowed: a duration like 500ms, 10s or 5m, from 1s to 24h'],
    ['rps: 12.5\n', 'rps (file bench.yml key rps): 12.5 is not a whole number; allowed: a whole number from 1 to 1000000'],
    ['rps:\n', 'rps (file bench.yml key rps): an empty value is not a whole number; allowed: a whole number from 1 to 1000000'],
    ['dry-run: yes\n', 'dry-run (file bench.yml key dry-run): "yes" is not true or false; allowed: true or false'],
    ['mesh: [none, 5]\n', `mesh (file bench.yml key mesh): 5 is not a mesh; allowed: ${MESHES}`],
    ['mesh: []\n', `mesh (file bench.yml key mesh): [] names no mesh; allowed: ${MESHES}`],
    ['out: 42\n', 'out (file bench.yml key out): 42 is not a file path; allowed: a file path'],
    ['rsp: 100\n', `rsp (file bench.yml key rsp): unknown key (did you mean "rps"?); allowed: ${KEYS}`],
    ['config: other.yml\n', `config (file bench.yml key config): unknown key; allowed: ${KEYS}`],
    ['rps: 100\nmesh: [none\n', 'config (file bench.yml line 3): YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]; allowed: a YAML mapping of configuration keys to values'],
    ['rps: 1\nrps: 2\n', 'config (file bench.yml line 2): YAML syntax error: Map keys must be unique; allowed: a YAML mapping of configuration keys to values'],
    ['- rps\n', 'config (file bench.yml): the file holds a list; allowed: a YAML mapping of configuration keys to values'],
  ];
  it.each(rows)('%j', async (text, message) => {
    const file = await writeConfig('bench.yml', text);
    expect(await problemsOf(loadConfig({ flags: ['--config', file], cwd: dir }))).toEqual([
      message,
    ]);
  });
});

describe('all problems at once', () => {
  it('from every front door and every rule, in one ConfigError', async () => {
    const file = await writeConfig('many.yml', 'rsp: 100\nduration: 30\nprovider: local\n');
    const load = loadConfig({
      flags: ['--config', file, '--bogus', '--engine', 'y', '--mesh', 'istio', '--rps', 'x'],
      cwd: dir,
    });
    await expect(load).rejects.toThrow(
      /^Invalid configuration:\n {2}bogus \(--bogus\): unknown flag/,
    );
    const problems = await problemsOf(load);
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'bogus (--bogus)',
      'rsp (file many.yml key rsp)',
      'rps (--rps)',
      'duration (file many.yml key duration)',
      'engine (--engine)',
      'mesh (--mesh)',
    ]);
    // The rule names the provider's source when it is not the default.
    expect(problems.at(-1)).toBe(
      'mesh (--mesh): "istio" cannot run with provider "local" (from file many.yml key provider); it needs a cluster provider: kind, gke or existing; allowed: none, app-mtls (with provider "local")',
    );
  });

  it('reports one line per bad mesh', async () => {
    const problems = await problemsOf(loadConfig({ flags: ['--mesh', 'istio,linkrd,cilium'] }));
    expect(problems).toEqual([
      `mesh (--mesh): "linkrd" is not a mesh (did you mean "linkerd"?); allowed: ${MESHES}`,
    ]);
    expect(await problemsOf(loadConfig({ flags: ['--mesh', 'istio,cilium'] }))).toEqual([
      `mesh (--mesh): "istio" ${LOCAL_ONLY}; allowed: none, app-mtls (with provider "local")`,
      `mesh (--mesh): "cilium" ${LOCAL_ONLY}; allowed: none, app-mtls (with provider "local")`,
    ]);
  });
});

describe('precedence: flag beats input beats file beats default', () => {
  it('takes each value from the strongest source that sets it', async () => {
    const file = await writeConfig(
      'bench.yml',
      'rps: 1000\nconnections: 50\nmesh: [none]\nserver-delay: 10ms\nduration: 10\n',
    );
    const config = await loadConfig({
      flags: ['--config', file, '--rps', '500', '--duration', '2s'],
      inputs: inputs({ rps: '700', connections: '60' }),
      cwd: dir,
    });
    // rps: flag over input over file; connections: input over file; duration: the file's bad
    // value is never checked because the flag replaced it; warmup: default.
    expect(config).toEqual({
      ...DEFAULTS,
      rps: 500,
      connections: 60,
      meshes: ['none'],
      serverDelayMs: 10,
      durationMs: 2000,
    });
  });

  it('names the source a bad value came from', async () => {
    const file = await writeConfig('src.yml', 'engine: wrk\nrps: 0\n');
    const problems = await problemsOf(
      loadConfig({ flags: ['--config', file, '--rps', 'x'], cwd: dir }),
    );
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'rps (--rps)',
      'engine (file src.yml key engine)',
    ]);
  });

  it('reads the file named by the action input, overridden by inputs', async () => {
    const file = await writeConfig('action.yml', 'repetitions: 7\nwarmup: 1s\n');
    const config = await loadConfig({ inputs: inputs({ config: file, warmup: '2s' }), cwd: dir });
    expect(config).toEqual({ ...DEFAULTS, repetitions: 7, warmupMs: 2000 });
  });
});

describe('good input', () => {
  it('from a file with YAML types: numbers, booleans, lists, percentages', async () => {
    const file = await writeConfig(
      'types.yml',
      `provider: kind
mesh:
  - none
  - istio-ambient
rps: 3200
connections: 1600
duration: 5m
warmup: 0
repetitions: 5
server-delay: 0s
payload-bytes: 1024
engine: fortio
placement: cross-node
workers: 4
max-error-rate: 0.5%
request-timeout: 1m30s
comment: always
out: results/run.json
dry-run: true
threshold-p50: 5%
threshold-p99: 0.15
threshold-p999: 30%
threshold-cpu: 25%
threshold-memory: 0.3
error-rate-cap: 0.01%
floor-latency: 2ms
floor-cpu: 0.01
floor-memory: 4Mi
confidence: 99%
fail-on: inconclusive
inject-delay: 3ms
`,
    );
    expect(await loadConfig({ flags: ['--config', file], cwd: dir })).toEqual({
      provider: 'kind',
      meshes: ['none', 'istio-ambient'],
      rps: 3200,
      connections: 1600,
      durationMs: 300_000,
      warmupMs: 0,
      repetitions: 5,
      serverDelayMs: 0,
      payloadBytes: 1024,
      engine: 'fortio',
      server: 'builtin',
      placement: 'cross-node',
      ...CLUSTER_DEFAULTS,
      workers: 4,
      istioVersion: '1.30.3',
      linkerdVersion: 'edge-25.5.2',
      ciliumVersion: '1.19.6',
      ciliumEncryption: 'wireguard',
      maxErrorRate: 0.005,
      requestTimeoutMs: 90_000,
      comment: 'always',
      commentFile: path.join('results', 'mesh-perf-comment.json'),
      out: 'results/run.json',
      baseline: { store: 'auto' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: 50,
      saveBaseline: 'auto',
      dryRun: true,
      thresholdP50: 0.05,
      thresholdP99: 0.15,
      thresholdP999: 0.3,
      thresholdCpu: 0.25,
      thresholdMemory: 0.3,
      errorRateCap: 0.0001,
      floorLatencyMs: 2,
      floorCpuCores: 0.01,
      floorMemoryMiB: 4,
      confidence: 0.99,
      failOn: 'inconclusive',
      injectDelayMs: 3,
    } satisfies Config);
  });

  it('from flags, with --dry-run as a switch and --key=value', async () => {
    expect(
      await loadConfig({
        flags: ['--provider=gke', '--mesh', 'istio,linkerd', '--dry-run', '--workers', '2'].concat([
          '--gke-project',
          'bench-project',
          '--gke-zone',
          'us-central1-a',
        ]),
      }),
    ).toEqual({
      ...DEFAULTS,
      provider: 'gke',
      gkeProject: 'bench-project',
      gkeZone: 'us-central1-a',
      meshes: ['istio', 'linkerd'],
      workers: 2,
      dryRun: true,
    });
    expect(await loadConfig({ flags: ['--dry-run=False'] })).toEqual(DEFAULTS);
  });

  it('from inputs: empty means unset, lists may be newline-separated, booleans any case', async () => {
    expect(
      await loadConfig({
        inputs: inputs({ rps: '', mesh: 'none\napp-mtls\n', 'dry-run': 'TRUE' }),
      }),
    ).toEqual({ ...DEFAULTS, dryRun: true });
  });
});

describe('the front doors on their own', () => {
  it('fromFlags returns raw values with their sources and the config path', () => {
    expect(fromFlags(['--config', 'b.yml', '--rps', '5', '--dry-run'])).toEqual({
      raw: {
        rps: { value: '5', source: '--rps' },
        'dry-run': { value: true, source: '--dry-run' },
      },
      configFile: 'b.yml',
    });
    expect(() => fromFlags(['--nope'])).toThrow(ConfigError);
  });

  it('fromInputs skips empty inputs', () => {
    expect(fromInputs(inputs({ rps: ' 9 ', mesh: '' }))).toEqual({
      raw: { rps: { value: '9', source: 'input rps' } },
    });
  });

  it('fromFile returns the keys it checked, or throws naming every problem', async () => {
    const good = await writeConfig('good.yml', 'rps: 9\n');
    expect(await fromFile(path.join(dir, good), { shownAs: good })).toEqual({
      rps: { value: 9, source: 'file good.yml key rps' },
    });
    const bad = await writeConfig('bad.yml', 'rsp: 9\nwarmpu: 1s\n');
    await expect(fromFile(path.join(dir, bad), { shownAs: bad })).rejects.toThrow(
      /rsp \(file bad\.yml key rsp\).*\n {2}warmpu \(file bad\.yml key warmpu\): unknown key \(did you mean "warmup"\?\)/,
    );
  });
});

describe('describeConfig', () => {
  it('prints every field as a config file would spell it', () => {
    expect(describeConfig(DEFAULTS).join('\n')).toBe(`provider: local
mesh: none,app-mtls
rps: 320
connections: 160
duration: 30s
warmup: 5s
repetitions: 3
server-delay: 200ms
payload-bytes: 0
engine: builtin
server: builtin
placement: same-node
workers: auto
max-error-rate: 0.001
request-timeout: 10s
inject-delay: 0s
out: mesh-perf-result.json
dry-run: false
cluster-name: null
nodes: 2
kind-node-image: ${KIND_NODE_IMAGE}
gke-project: null
gke-zone: null
gke-machine-type: n2-standard-4
gke-expiry: 6h
kube-context: null
tool-versions: null
istio-version: 1.30.3
linkerd-version: edge-25.5.2
cilium-version: 1.19.6
cilium-encryption: wireguard
baseline: auto
baseline-branch: mesh-perf-data
baseline-keep: 50
save-baseline: auto
threshold-p50: 0.1
threshold-p99: 0.1
threshold-p999: 0.2
threshold-cpu: 0.2
threshold-memory: 0.2
error-rate-cap: 0.0005
floor-latency: 1ms
floor-cpu: 5m
floor-memory: 2MiB
confidence: 0.95
fail-on: regression
comment: on-regression
comment-file: mesh-perf-comment.json`);
  });

  it('loads back as a config file to the same Config', async () => {
    const config: Config = {
      ...DEFAULTS,
      provider: 'existing',
      meshes: ['cilium', 'none'],
      durationMs: 90_500,
      workers: 3,
      out: 'true',
      dryRun: true,
      thresholdP999: 0.35,
      floorCpuCores: 0.0125,
      floorMemoryMiB: 0.5,
      confidence: 0.9,
      failOn: 'inconclusive',
      injectDelayMs: 3,
    };
    const file = await writeConfig('described.yml', describeConfig(config).join('\n'));
    expect(await loadConfig({ flags: ['--config', file], cwd: dir })).toEqual(config);
  });
});
