// The comparability key of a result: two runs are compared only when what they measured was set
// up the same way (provider, engine, load profile, scenarios, machine shape). What a pull request
// changes (mesh versions and config, the code under test) and calibration knobs are not part of
// it, nor are repetitions: more trials measure the same thing more precisely.
import { createHash } from 'node:crypto';
import type { ResultDocument } from './schema.js';

export type KeyParts = Record<string, string | number>;

export function comparabilityParts(document: ResultDocument): KeyParts {
  const { load, environment, run } = document;
  return {
    provider: run.provider,
    engine: run.engine,
    scenarios: document.scenarios
      .map((s) => s.mesh)
      .sort()
      .join(','),
    rps: load.rps,
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    warmupSeconds: load.warmupSeconds,
    serverDelayMs: load.serverDelayMs,
    payloadBytes: load.payloadBytes,
    protocol: load.protocol,
    placement: load.placement,
    // A different server answering is a different measurement.
    server: load.server ?? 'builtin',
    cpus: environment.cpus,
    cpuModel: environment.cpuModel,
    // Whole GiB: the same runner type reports a few MiB more or less from boot to boot.
    memoryGiB: Math.round(environment.memoryGiB),
  };
}

/** A short, stable name for the key: safe as a directory name on the data branch. */
export function comparabilityKey(document: ResultDocument): string {
  const parts = comparabilityParts(document);
  const canonical = JSON.stringify(
    Object.keys(parts)
      .sort()
      .map((k) => [k, parts[k]]),
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Human-readable differences ("rps: 320 vs 3200"), empty when the two runs are comparable. */
export function keyDifferences(baseline: ResultDocument, current: ResultDocument): string[] {
  const a = comparabilityParts(baseline);
  const b = comparabilityParts(current);
  return Object.keys({ ...a, ...b })
    .filter((k) => a[k] !== b[k])
    .map(
      (k) => `${k}: ${String(a[k] ?? 'unset')} (baseline) vs ${String(b[k] ?? 'unset')} (current)`,
    );
}
