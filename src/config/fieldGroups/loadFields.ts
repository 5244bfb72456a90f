// What is measured and how: the provider, the scenarios, the load profile, the engines, where the result goes.
import { DURATION_ALLOWED, formatDuration } from '../duration.js';
import { type FieldSpec, LIMITS, durationText, whole } from '../fieldSpec.js';
import { ENGINES, MESH_IDS, PLACEMENTS, PROVIDERS, SERVERS } from '../types.js';

export const LOAD_FIELDS = [
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
    allowed: durationText(LIMITS.durationMs),
  },
  {
    key: 'warmup',
    description: 'Load before each trial that is not measured.',
    default: '5s',
    allowed: durationText(LIMITS.warmupMs),
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
    allowed: durationText(LIMITS.serverDelayMs),
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
    key: 'workers',
    description: 'Load-generator threads; auto picks from the rate and the cores.',
    default: 'auto',
    allowed: `auto, or ${whole(LIMITS.workers)} and at most connections`,
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
    key: 'inject-delay',
    description:
      'Calibration: extra delay the server adds to server-delay, to check that the gate catches a known regression; recorded in the result, not part of the comparability key.',
    default: '0s',
    allowed: durationText(LIMITS.injectDelayMs),
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
