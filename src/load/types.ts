// What a load engine is asked to do and what it reports, independent of the engine.

export interface TlsFiles {
  /** CA bundle that signs the server's certificate. */
  caFile: string;
  /** Client certificate and key, for mTLS. */
  certFile?: string;
  keyFile?: string;
  /** SNI / name to verify; defaults to the URL's host. */
  serverName?: string;
}

export interface LoadSpec {
  url: string;
  rps: number;
  connections: number;
  durationMs: number;
  warmupMs: number;
  requestTimeoutMs: number;
  /** Worker threads sharing the rate; 1 runs in the calling thread. */
  workers: number;
  tls?: TlsFiles;
}

export interface LatencyMs {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface ErrorCounts {
  total: number;
  /** HTTP status codes as strings ("503"), plus "timeout" and "socket". */
  byCode: Record<string, number>;
}

/** One engine run, before resources and validity are attached. */
export interface EngineTrial {
  engine: string;
  requestedRps: number;
  achievedRps: number;
  /** Requests whose intended send time fell in the measured window and that were sent. */
  requests: number;
  /** Requests scheduled in the measured window but never sent (generator fell behind). */
  unsent: number;
  errors: ErrorCounts;
  latencyMs: LatencyMs;
  /** HdrHistogram of latencies in microseconds, compressed and base64 encoded. */
  histogram: string;
  /** Wall-clock bounds of the measured window (warm-up excluded), epoch milliseconds. */
  measureStartMs: number;
  measureEndMs: number;
}

export interface LoadProgress {
  type: 'progress';
  phase: 'warmup' | 'measure' | 'drain';
  elapsedMs: number;
  totalMs: number;
  sent: number;
  completed: number;
  errors: number;
  /** Completed requests per second over the last progress interval. */
  currentRps: number;
  /**
   * Set by engines that count nothing until the end (fortio prints its numbers when it is done):
   * sent, completed, errors and currentRps are then 0 and not shown.
   */
  countsUnknown?: true;
}
