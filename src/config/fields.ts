// Every configuration field in one table: the key used by the YAML file, the action input and the
// CLI flag (--key), its default and what it allows. Defaults live here and nowhere else.
import { ENGINES, MESH_IDS, PLACEMENTS, PROVIDERS } from './types.js';

export interface FieldSpec {
  key: string;
  description: string;
  /** Raw default, spelled as a user would write it. */
  default: string | boolean;
  allowed: string;
}

export const FIELDS = [
  {
    key: 'provider',
    description: 'Where the benchmark runs: local processes on this machine, or a cluster.',
    default: 'local',
    allowed: PROVIDERS.join(', '),
  },
  {
    key: 'mesh',
    description: 'Scenarios to measure, comma-separated; none and app-mtls are the baselines.',
    default: 'none,app-mtls',
    allowed: `a comma-separated list of ${MESH_IDS.join(', ')}`,
  },
  {
    key: 'rps',
    description: 'Requests per second, held constant (open loop).',
    default: '320',
    allowed: 'a whole number from 1 to 1000000',
  },
  {
    key: 'connections',
    description: 'Keep-alive connections the load is spread over.',
    default: '160',
    allowed: 'a whole number from 1 to 100000',
  },
  {
    key: 'duration',
    description: 'Measured time of each trial.',
    default: '30s',
    allowed: 'a duration from 1s to 1h, like 30s or 5m',
  },
  {
    key: 'warmup',
    description: 'Load before each trial that is not measured.',
    default: '5s',
    allowed: 'a duration from 0s to 10m, like 5s',
  },
  {
    key: 'repetitions',
    description: 'Trials per scenario, interleaved across scenarios.',
    default: '3',
    allowed: 'a whole number from 1 to 100',
  },
  {
    key: 'server-delay',
    description: 'How long the server waits before answering each request.',
    default: '200ms',
    allowed: 'a duration from 0s to 60s, like 200ms',
  },
  {
    key: 'payload-bytes',
    description: 'Size of each response body.',
    default: '0',
    allowed: 'a whole number from 0 to 10485760',
  },
  {
    key: 'engine',
    description: 'Load generator.',
    default: 'builtin',
    allowed: ENGINES.join(', '),
  },
  {
    key: 'placement',
    description: 'Client and server on the same node or on different nodes (clusters only).',
    default: 'same-node',
    allowed: PLACEMENTS.join(', '),
  },
  {
    key: 'workers',
    description: 'Load-generator threads; auto picks from the rate and the cores.',
    default: 'auto',
    allowed: 'auto or a whole number from 1 to 64',
  },
  {
    key: 'max-error-rate',
    description: 'Largest fraction of failed requests a valid trial may have.',
    default: '0.001',
    allowed: 'a fraction from 0 to 1, or a percentage like 0.5%',
  },
  {
    key: 'request-timeout',
    description: 'A request without an answer after this long counts as a timeout error.',
    default: '10s',
    allowed: 'a duration from 1ms to 10m, longer than server-delay',
  },
  {
    key: 'out',
    description: 'Path of the result document (JSON).',
    default: 'mesh-perf-result.json',
    allowed: 'a file path',
  },
  {
    key: 'dry-run',
    description: 'Print every step that would run, start nothing.',
    default: false,
    allowed: 'true or false',
  },
] as const satisfies readonly FieldSpec[];

export type FieldKey = (typeof FIELDS)[number]['key'];

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((f) => f.key);

/** The config-file path is a front door of its own, not a field of the file. */
export const CONFIG_KEY = 'config';

export function fieldSpec(key: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.key === key);
}

export function isFieldKey(key: string): key is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(key);
}
