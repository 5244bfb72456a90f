// The open-loop schedule as pure arithmetic: when each request is due, which ones are measured, and
// how the rate and the connections are split across worker threads.

const NS_PER_S = 1e9;
const NS_PER_MS = 1e6;
/**
 * Rate one worker thread sustains comfortably: ~60-70 µs of CPU per request measured on a 2-core
 * box, so about half a core. Another worker costs CPU of its own, so add one only past this.
 */
export const RPS_PER_WORKER = 8000;

/**
 * One worker's share of the whole run's schedule. Request j of the whole run is due at
 * t0 + j/rps; worker w of W takes j = k·W + w, so its k-th request is due at
 * t0 + w/rps + k/(rps/W) and the workers together keep the whole run evenly spaced.
 */
export class Schedule {
  constructor(
    /** Requests per second of the whole run, all workers together. */
    readonly rps: number,
    readonly workers = 1,
    readonly worker = 0,
  ) {
    if (!(rps > 0) || !Number.isFinite(rps))
      throw new RangeError(`rps must be positive, got ${rps}`);
    if (!Number.isInteger(workers) || workers < 1) {
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    }
    if (!Number.isInteger(worker) || worker < 0 || worker >= workers) {
      throw new RangeError(`worker must be in [0, ${workers - 1}], got ${worker}`);
    }
  }

  /** Requests per second this share sends. */
  get shareRps(): number {
    return this.rps / this.workers;
  }

  /**
   * Due time of this share's k-th request, in nanoseconds after t0. Computed from k each time,
   * never accumulated, so a long run does not drift.
   */
  dueNs(k: number): number {
    return Math.round(((k * this.workers + this.worker) * NS_PER_S) / this.rps);
  }

  /** The first of this share's indices due at or after `ns` (0 for any time up to the first). */
  firstAtOrAfter(ns: number): number {
    const estimate = Math.ceil(((ns * this.rps) / NS_PER_S - this.worker) / this.workers);
    let k = Math.max(0, estimate);
    // The float estimate can be one off where a due time rounds onto the boundary; settle exactly.
    while (k > 0 && this.dueNs(k - 1) >= ns) k -= 1;
    while (this.dueNs(k) < ns) k += 1;
    return k;
  }

  /** This share's indices due in [fromNs, toNs), as a half-open index range. */
  indicesIn(fromNs: number, toNs: number): { first: number; end: number } {
    const first = this.firstAtOrAfter(fromNs);
    return { first, end: Math.max(first, this.firstAtOrAfter(toNs)) };
  }
}

/** The run's phases relative to t0, in nanoseconds: warm-up, then the measured window. */
export interface Window {
  measureStartNs: number;
  measureEndNs: number;
}

export function windowOf(warmupMs: number, durationMs: number): Window {
  return {
    measureStartNs: Math.round(warmupMs * NS_PER_MS),
    measureEndNs: Math.round((warmupMs + durationMs) * NS_PER_MS),
  };
}

/** Connections per worker: as even as possible, the first workers taking the remainder. */
export function splitConnections(connections: number, workers: number): number[] {
  const base = Math.floor(connections / workers);
  const extra = connections % workers;
  return Array.from({ length: workers }, (_, w) => base + (w < extra ? 1 : 0));
}

/**
 * Worker threads for `workers: 'auto'`: one per RPS_PER_WORKER requests per second, at least one,
 * at most one per CPU and never more than there are connections (each worker needs one).
 */
export function autoWorkers(
  rps: number,
  cpus: number,
  connections = Number.POSITIVE_INFINITY,
): number {
  const wanted = Math.ceil(rps / RPS_PER_WORKER);
  return Math.max(1, Math.min(wanted, Math.floor(cpus), Math.floor(connections)));
}
