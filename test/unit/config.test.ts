// The configuration's contract: the defaults, and one exact message per mistake naming the field,
// where the value came from and what is allowed, for all three front doors and all at once.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadConfig } from '../../src/config/loadConfig.js';
import { FIELD_KEYS } from '../../src/config/fields.js';
import { inputs, problemsOf } from '../support/configProblems.js';
import { DEFAULTS } from '../support/configDefaults.js';
import { useConfigDir } from '../support/configDir.js';

const files = useConfigDir('config-test-');

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
    const file = await files.write('bench.yml', text);
    expect(await problemsOf(loadConfig({ flags: ['--config', file], cwd: files.dir }))).toEqual([
      message,
    ]);
  });
});

describe('all problems at once', () => {
  it('from every front door and every rule, in one ConfigError', async () => {
    const file = await files.write('many.yml', 'rsp: 100\nduration: 30\nprovider: local\n');
    const load = loadConfig({
      flags: ['--config', file, '--bogus', '--engine', 'y', '--mesh', 'istio', '--rps', 'x'],
      cwd: files.dir,
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
