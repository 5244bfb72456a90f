// Every configuration field in one table: the key used by the YAML file, the action input and the
// CLI flag (--key), its default, its limits and what it allows. Defaults live here and nowhere else,
// as does the shape of a problem line.
import { ConfigError } from '../errors.js';
import { DURATION_ALLOWED, formatDuration } from './duration.js';
import {
  MIN_CILIUM_ZTUNNEL_VERSION,
  MIN_MESH_VERSIONS,
  versionExample,
} from '../mesh/meshVersions.js';
import { CILIUM_ENCRYPTIONS, ENGINES, MESH_IDS, PLACEMENTS, PROVIDERS } from './types.js';

export interface FieldSpec {
  key: string;
  description: string;
  /** Raw default, spelled as a user would write it; null when nothing applies unless set. */
  default: string | boolean | null;
  allowed: string;
}

// Timers overflow past 2^31 ms (about 24.8 days); a day is far beyond any sensible benchmark.
const DAY_MS = 86_400_000;

/** Inclusive bounds, shared by the schema and the allowed-values text so the two cannot drift. */
export const LIMITS = {
  rps: { min: 1, max: 1_000_000 },
  connections: { min: 1, max: 100_000 },
  repetitions: { min: 1, max: 100 },
  payloadBytes: { min: 0, max: 10 * 1024 * 1024 },
  workers: { min: 1, max: 64 },
  durationMs: { min: 1000, max: DAY_MS },
  warmupMs: { min: 0, max: DAY_MS },
  serverDelayMs: { min: 0, max: 60_000 },
  requestTimeoutMs: { min: 1, max: DAY_MS },
} as const;

const whole = (limit: { min: number; max: number }): string =>
  `a whole number from ${limit.min} to ${limit.max}`;
const duration = (limit: { min: number; max: number }): string =>
  `${DURATION_ALLOWED}, from ${formatDuration(limit.min)} to ${formatDuration(limit.max)}`;

export const FIELDS = [
  {
    key: 'provider',
    description:
      'Where the benchmark runs: local processes on this machine, or a Kubernetes cluster.',
    default: 'local',
    allowed: PROVIDERS.join(', '),
  },
  {
    key: 'mesh',
    description:
      'Scenarios to measure, comma- or newline-separated; none and app-mtls are the baselines.',
    default: 'none,app-mtls',
    allowed: `a comma-separated list of ${MESH_IDS.join(', ')}`,
  },
  {
    key: 'rps',
    description: 'Requests per second, held constant (open loop).',
    default: '320',
    allowed: whole(LIMITS.rps),
  },
  {
    key: 'connections',
    description: 'Keep-alive connections the load is spread over.',
    default: '160',
    allowed: whole(LIMITS.connections),
  },
  {
    key: 'duration',
    description: 'Measured time of each trial.',
    default: '30s',
    allowed: duration(LIMITS.durationMs),
  },
  {
    key: 'warmup',
    description: 'Load before each trial that is not measured.',
    default: '5s',
    allowed: duration(LIMITS.warmupMs),
  },
  {
    key: 'repetitions',
    description: 'Trials per scenario, interleaved across scenarios.',
    default: '3',
    allowed: whole(LIMITS.repetitions),
  },
  {
    key: 'server-delay',
    description: 'How long the server waits before answering each request.',
    default: '200ms',
    allowed: duration(LIMITS.serverDelayMs),
  },
  {
    key: 'payload-bytes',
    description: 'Size of each response body in bytes.',
    default: '0',
    allowed: `${whole(LIMITS.payloadBytes)} (10 MiB)`,
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
    allowed: `auto, or ${whole(LIMITS.workers)} and at most connections`,
  },
  {
    key: 'istio-version',
    description:
      'Istio release installed for istio and istio-ambient (istioctl of the same release).',
    default: '1.30.3',
    allowed: `a release like ${versionExample('istio')}, ${MIN_MESH_VERSIONS.istio} or newer`,
  },
  {
    key: 'linkerd-version',
    description:
      'Linkerd edge release installed for linkerd (the linkerd CLI of the same release).',
    default: 'edge-26.8.3',
    allowed: `an edge release like ${versionExample('linkerd')}, ${MIN_MESH_VERSIONS.linkerd} or newer`,
  },
  {
    key: 'cilium-version',
    description: 'Cilium release installed for cilium (cilium install --version).',
    default: '1.19.6',
    allowed: `a release like ${versionExample('cilium')}, ${MIN_MESH_VERSIONS.cilium} or newer`,
  },
  {
    key: 'cilium-encryption',
    description:
      'Transparent encryption Cilium is installed with; wireguard and ipsec do not encrypt traffic between pods on the same node.',
    default: 'wireguard',
    allowed: `${CILIUM_ENCRYPTIONS.join(', ')} (ztunnel is beta and needs cilium-version ${MIN_CILIUM_ZTUNNEL_VERSION} or newer)`,
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
    allowed: `${DURATION_ALLOWED}, longer than server-delay and at most ${formatDuration(LIMITS.requestTimeoutMs.max)}`,
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

/** The config-file path: a flag and an input of its own, not a key of the file or of Config. */
export const CONFIG_FIELD = {
  key: 'config',
  description:
    'Path of a YAML file (relative to the working directory) with the same keys as these inputs; inputs and flags override it.',
  default: null,
  allowed: 'a path to a YAML file',
} as const satisfies FieldSpec;

/** Everything a flag or an action input can set. */
export const INPUT_FIELDS: readonly FieldSpec[] = [CONFIG_FIELD, ...FIELDS];

export function fieldSpec(key: string): FieldSpec | undefined {
  return INPUT_FIELDS.find((f) => f.key === key);
}

export function isFieldKey(key: string): key is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(key);
}

/** The default as documented: action.yml states it as "Default: <this>.". */
export function documentedDefault(field: FieldSpec): string {
  return field.default === null ? 'none' : String(field.default);
}

/** The description of the action input (and of the flag) for a field. */
export function inputDescription(field: FieldSpec): string {
  return `${field.description} Allowed: ${field.allowed}. Default: ${documentedDefault(field)}.`;
}

/** One problem, in the one shape every message has. */
export function problemLine(key: string, source: string, what: string, allowed: string): string {
  return `${key} (${source}): ${what}; allowed: ${allowed}`;
}

/** All problems at once, as the ConfigError (exit code 2) every front door throws. */
export function invalidConfiguration(problems: readonly string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`, problems);
}
