// Splits a high rate across several load-generator pods, so that no single pod (one Node process,
// or one fortio) has to hold more than it can at a constant rate.

export interface LoadShare {
  index: number;
  rps: number;
  connections: number;
}

/**
 * The builtin engine costs about 60-90 µs of CPU per request (README, Benchmark): 4000 RPS keep a
 * generator near a third of a core, far from its 1-core limit, so it never falls behind.
 */
export const DEFAULT_MAX_RPS_PER_GENERATOR = 4000;

/** Whole amounts split as evenly as possible: 10 in 3 is [4, 3, 3]; fractions split equally. */
function spread(total: number, parts: number): number[] {
  if (!Number.isInteger(total)) return Array.from({ length: parts }, () => total / parts);
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * As few generators as keep each at or under `maxRpsPerGenerator`, but never more than there are
 * connections (each needs one). Rates and connections are spread the same way, so every generator
 * keeps the same rate per connection (the study's 2 RPS per connection).
 */
export function splitLoad(
  rps: number,
  connections: number,
  maxRpsPerGenerator = DEFAULT_MAX_RPS_PER_GENERATOR,
): LoadShare[] {
  if (!(rps > 0) || !Number.isFinite(rps)) throw new RangeError(`rps must be positive, got ${rps}`);
  if (!Number.isInteger(connections) || connections < 1) {
    throw new RangeError(`connections must be a whole number of at least 1, got ${connections}`);
  }
  if (!(maxRpsPerGenerator > 0)) {
    throw new RangeError(`the rate per generator must be positive, got ${maxRpsPerGenerator}`);
  }
  const count = Math.min(Math.max(1, Math.ceil(rps / maxRpsPerGenerator)), connections);
  const rates = spread(rps, count);
  const conns = spread(connections, count);
  return rates.map((share, index) => ({ index, rps: share, connections: conns[index] ?? 1 }));
}
