// One share of a run as the main thread drives it, the same way whether it runs in this thread or
// in a worker thread: wait until ready, start at a common t0, maybe stop early, collect the result.
import { ShareRunner, type SharePlan, type ShareResult } from './shareRunner.js';

export interface ShareHandle {
  /** Starts the schedule at t0 (process.hrtime.bigint() time, shared by all threads). */
  start(t0: bigint): void;
  /** Stops issuing early; the result still comes, with what was measured. */
  stop(): void;
  /** Settles after start(); rejects when the share failed. */
  readonly result: Promise<ShareResult>;
  /** Releases the thread and connections; safe to call at any time, more than once. */
  dispose(): void;
}

export function inThreadShare(plan: SharePlan, counters: Int32Array): ShareHandle {
  const runner = new ShareRunner(plan, counters);
  let started: (result: Promise<ShareResult>) => void = () => undefined;
  const result = new Promise<ShareResult>((resolve) => {
    started = resolve;
  });
  return {
    start(t0) {
      started(runner.run(t0));
    },
    stop() {
      runner.stop();
    },
    result,
    dispose() {
      runner.stop();
    },
  };
}
