// Run-to-run noise to assume until a key has enough stored runs to estimate its own: τ per metric,
// measured with real local runs on the project's 2-core machine (README, "Run-to-run noise";
// test/fixtures/run-noise/ holds the runs, and a test recomputes these numbers from them).
import type { MetricId } from '../results/schema.js';

export interface PriorTau {
  /** Standard deviation of a run's mean log value around the code's own. */
  tau: number;
  /** Satterthwaite df of the τ² it was measured with. */
  df: number;
  /** Runs it was measured from. */
  runs: number;
}

export type RunNoisePrior = Partial<Record<MetricId, PriorTau>>;

/**
 * 28 runs of `--mesh none --rps 500 --connections 50 --duration 4s --warmup 1s --repetitions 6
 * --server-delay 10ms` in three series over 30 minutes (load average 0.3 to 3.8), as one group:
 * a stored baseline and a later run differ by whatever differs between series. Server CPU only
 * from the 8 runs with the server warm-up of src/cluster/localProvider.ts (the warm-up changed
 * it); CPU and memory take the larger of client and server. p99 and p99.9 are this large because
 * one run of the 28 met a burst of other work (p99 46 ms against 14 to 19 ms): such runs happen
 * on shared runners, and this default must not fail a pull request on one. The error rate has
 * none: it is compared on differences against an absolute cap.
 */
export const MEASURED_PRIOR: RunNoisePrior = {
  'latency-p50': { tau: 0.011, df: 8, runs: 28 },
  'latency-p99': { tau: 0.217, df: 17, runs: 28 },
  'latency-p999': { tau: 0.235, df: 17, runs: 28 },
  cpu: { tau: 0.125, df: 6, runs: 8 },
  memory: { tau: 0.002, df: 1, runs: 28 },
};
