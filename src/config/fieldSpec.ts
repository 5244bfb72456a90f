// The shape of a configuration field and the limits the schema and the allowed-values texts share,
// so the two cannot drift. The fields themselves are in src/config/fieldGroups/.
import { DURATION_ALLOWED, formatDuration } from './duration.js';

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

export const whole = (limit: { min: number; max: number }): string =>
  `a whole number from ${limit.min} to ${limit.max}`;
export const durationText = (limit: { min: number; max: number }): string =>
  `${DURATION_ALLOWED}, from ${formatDuration(limit.min)} to ${formatDuration(limit.max)}`;
export const RELATIVE_THRESHOLD = 'a fraction from 0 to 1, or a percentage like 10%';
