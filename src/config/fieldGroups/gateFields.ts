// The gate: where the reference run comes from and is stored, and when a change counts as a regression.
import { type FieldSpec, LIMITS, RELATIVE_THRESHOLD, durationText, whole } from '../fieldSpec.js';
import { FAIL_ON } from '../types.js';

export const GATE_FIELDS = [
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
    allowed: durationText(LIMITS.floorLatencyMs),
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
] as const satisfies readonly FieldSpec[];
