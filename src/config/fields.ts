// Every configuration field in one table: the key used by the YAML file, the action input and the
// CLI flag (--key), its default, its limits and what it allows. Defaults live here and nowhere else,
// as does the shape of a problem line.
import { ConfigError } from '../errors.js';
import { DURATION_ALLOWED, formatDuration } from './duration.js';
import { TOOL_NAMES } from '../tools/toolNames.js';
import {
  MIN_CILIUM_ZTUNNEL_VERSION,
  MIN_MESH_VERSIONS,
  versionExample,
} from '../mesh/meshVersions.js';
import {
  CILIUM_ENCRYPTIONS,
  COMMENT_MODES,
  ENGINES,
  FAIL_ON,
  MESH_IDS,
  PLACEMENTS,
  PROVIDERS,
  SERVERS,
} from './types.js';

export interface FieldSpec {
  key: string;
  description: string;
  /** Raw default, spelled as a user would write it; null when nothing applies unless set. */
  default: string | boolean | null;
  allowed: string;
  /** How the docs state a null default that is derived from other fields. */
  defaultText?: string;
  /** For a flag that may stand alone (`--save-baseline`): the value it then means. */
  bareFlag?: string;
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
  nodes: { min: 1, max: 20 },
  gkeExpiryMs: { min: 3_600_000, max: 7 * DAY_MS },
  floorLatencyMs: { min: 0, max: 60_000 },
  floorCpuCores: { min: 0, max: 1000 },
  floorMemoryMiB: { min: 0, max: 1024 * 1024 },
  confidence: { min: 0.8, max: 0.999 },
  injectDelayMs: { min: 0, max: 60_000 },
  baselineKeep: { min: 1, max: 10_000 },
} as const;

/** kind's node image for the pinned kind release (v0.32.0's default, from its release notes). */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';

const whole = (limit: { min: number; max: number }): string =>
  `a whole number from ${limit.min} to ${limit.max}`;
const duration = (limit: { min: number; max: number }): string =>
  `${DURATION_ALLOWED}, from ${formatDuration(limit.min)} to ${formatDuration(limit.max)}`;
const RELATIVE_THRESHOLD = 'a fraction from 0 to 1, or a percentage like 10%';

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
    key: 'server',
    description:
      'Server answering the load: our echo server, or fortio server (with engine fortio, the pair of the study).',
    default: 'builtin',
    allowed: SERVERS.join(', '),
  },
  {
    key: 'placement',
    description: 'Client and server on the same node or on different nodes (clusters only).',
    default: 'same-node',
    allowed: PLACEMENTS.join(', '),
  },
  {
    key: 'cluster-name',
    description:
      'Name of the kind or GKE cluster the run creates; when not set, mesh-perf- and the start of the run id.',
    default: null,
    allowed:
      'a DNS label of at most 40 characters: lowercase letters, digits and -, starting with a letter',
  },
  {
    key: 'nodes',
    description: 'Worker nodes of a kind or GKE cluster (kind adds one control-plane node).',
    default: '2',
    allowed: `${whole(LIMITS.nodes)}; cross-node placement needs at least 2`,
  },
  {
    key: 'kind-node-image',
    description: 'Node image of the kind cluster, pinned by digest.',
    default: KIND_NODE_IMAGE,
    allowed: 'an image reference such as kindest/node:v1.36.1@sha256:<64 hex digits>',
  },
  {
    key: 'gke-project',
    description: 'Google Cloud project the GKE cluster is created in (provider gke).',
    default: null,
    allowed: 'a project id: 6 to 30 lowercase letters, digits and -',
  },
  {
    key: 'gke-zone',
    description:
      'Zone of the GKE cluster (provider gke); a region makes a regional cluster with nodes in each of its zones.',
    default: null,
    allowed: 'a zone such as us-central1-a, or a region such as us-central1',
  },
  {
    key: 'gke-machine-type',
    description:
      'Machine type of the GKE nodes; N2 rather than E2, whose shared placement makes timings vary more.',
    default: 'n2-standard-4',
    allowed: 'a Compute Engine machine type such as n2-standard-4',
  },
  {
    key: 'gke-expiry',
    description:
      "Written into the GKE cluster's expiry label (creation time plus this), so a janitor can delete clusters a killed job left.",
    default: '6h',
    allowed: duration(LIMITS.gkeExpiryMs),
  },
  {
    key: 'kube-context',
    description:
      "Context of your kubeconfig to run in (provider existing); only the run's namespace and the mesh are added to that cluster.",
    default: null,
    allowed: 'a context name from your kubeconfig',
  },
  {
    key: 'tool-versions',
    description:
      'Versions of the CLIs to use instead of the pinned ones; a version without a pinned sha256 must already be on PATH.',
    default: null,
    allowed: `comma-separated tool=version pairs, tools: ${TOOL_NAMES.join(', ')}`,
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
    default: 'edge-25.5.2',
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
    key: 'comment',
    description:
      'Pull-request comment, found again by a hidden marker and updated in place: always, only on a regression (an existing comment is still updated), or never.',
    default: 'on-regression',
    allowed: COMMENT_MODES.join(', '),
  },
  {
    key: 'comment-file',
    description:
      'Where the comment is written when the token cannot post it (pull requests from forks), for a trusted workflow_run workflow to post.',
    default: null,
    defaultText: 'mesh-perf-comment.json next to the result document',
    allowed: 'a file path',
  },
  {
    key: 'out',
    description: 'Path of the result document (JSON).',
    default: 'mesh-perf-result.json',
    allowed: 'a file path',
  },
  {
    key: 'baseline',
    description:
      'Where the reference run comes from: git-branch (runs stored on a data branch of this repository), a result document (JSON file), or none; auto means git-branch in GitHub Actions and none elsewhere.',
    default: 'auto',
    allowed: 'auto, git-branch, none, or a file path (ending in .json or containing a /)',
  },
  {
    key: 'baseline-branch',
    description:
      'Branch of this repository where the git-branch store keeps results (an orphan branch, created on the first save).',
    default: 'mesh-perf-data',
    allowed: 'a git branch name',
  },
  {
    key: 'baseline-keep',
    description:
      'Stored runs kept per comparability key on the data branch; older ones are pruned in the same commit.',
    default: '50',
    allowed: whole(LIMITS.baselineKeep),
  },
  {
    key: 'save-baseline',
    description:
      'Store this run as a baseline: auto only on a push to the default branch; a bare --save-baseline means true. Runs with faults or scenarios without valid trials are never stored.',
    default: 'auto',
    allowed: 'auto, true or false',
    bareFlag: 'true',
  },
  {
    key: 'dry-run',
    description: 'Print every step that would run, start nothing.',
    default: false,
    allowed: 'true or false',
  },
  {
    key: 'threshold-p50',
    description:
      'Gate: relative increase of p50 latency at or above which a significant change fails.',
    default: '10%',
    allowed: RELATIVE_THRESHOLD,
  },
  {
    key: 'threshold-p99',
    description:
      'Gate: relative increase of p99 latency at or above which a significant change fails.',
    default: '10%',
    allowed: RELATIVE_THRESHOLD,
  },
  {
    key: 'threshold-p999',
    description:
      'Gate: relative increase of p99.9 latency at or above which a significant change fails (looser: read off the few slowest requests of a trial).',
    default: '20%',
    allowed: RELATIVE_THRESHOLD,
  },
  {
    key: 'threshold-cpu',
    description:
      'Gate: relative increase of the CPU of a component at or above which a significant change fails.',
    default: '20%',
    allowed: RELATIVE_THRESHOLD,
  },
  {
    key: 'threshold-memory',
    description:
      'Gate: relative increase of the peak memory of a component at or above which a significant change fails.',
    default: '20%',
    allowed: RELATIVE_THRESHOLD,
  },
  {
    key: 'error-rate-cap',
    description:
      'Gate: increase of the error rate (absolute, in fractions of all requests) at or above which a significant change fails; keep it under max-error-rate.',
    default: '0.05%',
    allowed: 'a fraction from 0 to 1, or a percentage like 0.05%',
  },
  {
    key: 'floor-latency',
    description: 'Gate: latency changes smaller than this never fail.',
    default: '1ms',
    allowed: duration(LIMITS.floorLatencyMs),
  },
  {
    key: 'floor-cpu',
    description: 'Gate: CPU changes smaller than this never fail (5m is 5 millicores).',
    default: '5m',
    allowed: `cores like 0.005 or millicores like 5m, from 0 to ${LIMITS.floorCpuCores.max} cores`,
  },
  {
    key: 'floor-memory',
    description: 'Gate: peak-memory changes smaller than this never fail.',
    default: '2MiB',
    allowed: 'a size like 512KiB, 2MiB or 1GiB (Ki, Mi, Gi also work), up to 1TiB',
  },
  {
    key: 'confidence',
    description:
      'Gate: confidence of each one-sided interval, before the Holm correction across all comparisons.',
    default: '0.95',
    allowed: `a fraction from ${LIMITS.confidence.min} to ${LIMITS.confidence.max}, or a percentage like 95%`,
  },
  {
    key: 'fail-on',
    description:
      'Gate: regression fails the job only on a regression; inconclusive also fails it when the verdict is inconclusive.',
    default: 'regression',
    allowed: FAIL_ON.join(', '),
  },
  {
    key: 'inject-delay',
    description:
      'Calibration: extra delay the server adds to server-delay, to check that the gate catches a known regression; recorded in the result, not part of the comparability key.',
    default: '0s',
    allowed: duration(LIMITS.injectDelayMs),
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
  if (field.defaultText !== undefined) return field.defaultText;
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
