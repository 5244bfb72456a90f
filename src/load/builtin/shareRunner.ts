// Runs one share of the open-loop schedule (the whole run, or one worker thread's part): each request
// goes out at its intended time on an idle connection, or waits FIFO for one, and its latency is
// counted from the intended time, so a stalled server shows in the tail (no coordinated omission).
import { encodeHistogram, newHistogram, recordMicros } from '../../metrics/histogram.js';
import type { ErrorCounts } from '../types.js';
import { ConnectionPool, type RequestOutcome } from './connectionPool.js';
import { Schedule, windowOf, type Window } from './schedule.js';
import type { TlsMaterial } from './tlsMaterial.js';

export interface SharePlan {
  url: string;
  /** Rate of the whole run; this share sends rps / workers of it. */
  rps: number;
  workers: number;
  worker: number;
  /** Connections of this share. */
  connections: number;
  warmupMs: number;
  durationMs: number;
  requestTimeoutMs: number;
  tls?: TlsMaterial;
}

export interface ShareResult {
  /** Latencies (µs) of the measured requests that got a 2xx, encoded. */
  histogram: string;
  /** Measured requests that were sent. */
  requests: number;
  /** Measured requests that were due but never sent. */
  unsent: number;
  errors: ErrorCounts;
  /** Nanoseconds after t0 at which stop() cut the run short; undefined when it ran to the end. */
  stoppedEarlyAtNs: number | undefined;
}

/** Live counters over all phases, in Int32 cells so a worker's can live in shared memory. */
export const COUNTER_CELLS = 3;
export const SENT = 0;
export const COMPLETED = 1;
export const ERRORS = 2;

const NS_PER_MS = 1e6;
/**
 * Node timers have millisecond granularity, so a short wait is bridged with setImmediate (a spin
 * through the event loop) only below this, and below half the gap between two requests. Spin CPU
 * is charged to the client and shrinks as requests get costlier, so it must stay small: measured
 * on 2 cores, spinning through every wait under 1 ms took a whole core from 2000 RPS up, for
 * ~0.5 ms less p50. At high rates completions arrive as often as requests fall due, and each one
 * also dispatches, so little precision is lost.
 */
const SPIN_BELOW_NS = 400_000;
/** Extra wait past the request timeout before the drain gives up on a request. */
const DRAIN_GRACE_MS = 500;
/** When stopped early (SIGTERM) the result must come out before the caller's kill grace ends. */
const EARLY_STOP_DRAIN_MS = 1000;

const isSuccess = (outcome: RequestOutcome): boolean =>
  typeof outcome === 'number' && outcome >= 200 && outcome < 300;

export class ShareRunner {
  private readonly schedule: Schedule;
  private readonly window: Window;
  private readonly pool: ConnectionPool;
  private readonly histogram = newHistogram();
  private readonly errors: ErrorCounts = { total: 0, byCode: {} };
  /** First measured index, and the end of the schedule (first index due at or after the end). */
  private readonly measuredFirst: number;
  private readonly lastIndex: number;
  private readonly spinBelowNs: number;
  private t0 = 0n;
  private next = 0;
  private requests = 0;
  private issuing = false;
  private stopRequested = false;
  private finished = false;
  /** A due request is queued because every connection is busy; a completion resumes dispatch. */
  private waitingForSlot = false;
  private stoppedEarlyAtNs: number | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeImmediate: NodeJS.Immediate | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private resolve: ((result: ShareResult) => void) | undefined;

  constructor(
    private readonly plan: SharePlan,
    /** Written as requests progress, read by the progress reporter. */
    readonly counters: Int32Array = new Int32Array(COUNTER_CELLS),
  ) {
    this.schedule = new Schedule(plan.rps, plan.workers, plan.worker);
    this.window = windowOf(plan.warmupMs, plan.durationMs);
    const measured = this.schedule.indicesIn(this.window.measureStartNs, this.window.measureEndNs);
    this.measuredFirst = measured.first;
    this.lastIndex = measured.end;
    this.spinBelowNs = Math.min(SPIN_BELOW_NS, 1e9 / this.schedule.shareRps / 2);
    this.pool = new ConnectionPool({
      url: plan.url,
      connections: plan.connections,
      requestTimeoutMs: plan.requestTimeoutMs,
      ...(plan.tls ? { tls: plan.tls } : {}),
    });
  }

  /** Runs the schedule from t0 (process.hrtime.bigint() time) to the end of the drain. */
  run(t0: bigint): Promise<ShareResult> {
    this.t0 = t0;
    return new Promise((resolve) => {
      this.resolve = resolve;
      if (this.stopRequested) {
        this.stoppedEarlyAtNs = Math.max(0, this.nowNs());
        this.finish();
        return;
      }
      this.issuing = true;
      this.pump();
    });
  }

  /** Stops issuing now, drains briefly, and resolves run() with what was measured. */
  stop(): void {
    if (this.stopRequested || this.finished) return;
    this.stopRequested = true;
    if (this.resolve === undefined) return; // not started: run() resolves at once
    if (this.issuing) this.stoppedEarlyAtNs = Math.max(0, this.nowNs());
    // Also shortens a drain already under way.
    this.stopIssuing(Math.min(this.plan.requestTimeoutMs, EARLY_STOP_DRAIN_MS));
  }

  private nowNs(): number {
    return Number(process.hrtime.bigint() - this.t0);
  }

  // One tick: send everything that is due (in index order, so waiting requests are served FIFO),
  // then sleep until the next due time: in a timer (no CPU burnt), or through setImmediate when
  // the wait is too short for one. Lateness is not hidden: latency counts from the due time.
  private readonly pump = (): void => {
    this.clearWake();
    if (!this.issuing) return;
    const now = this.nowNs();
    this.waitingForSlot = false;
    while (this.next < this.lastIndex) {
      const due = this.schedule.dueNs(this.next);
      if (due > now) break;
      if (!this.dispatch(this.next, due)) {
        this.waitingForSlot = true;
        break;
      }
      this.next += 1;
    }
    if (this.next >= this.lastIndex || now >= this.window.measureEndNs) {
      this.stopIssuing(this.plan.requestTimeoutMs + DRAIN_GRACE_MS);
      return;
    }
    // While waiting for a connection, only the end of the run needs a timer.
    const wakeAt = this.waitingForSlot ? this.window.measureEndNs : this.schedule.dueNs(this.next);
    const waitNs = wakeAt - now;
    if (waitNs < this.spinBelowNs) this.wakeImmediate = setImmediate(this.pump);
    else this.wakeTimer = setTimeout(this.pump, Math.max(1, Math.floor(waitNs / NS_PER_MS)));
  };

  private dispatch(index: number, dueNs: number): boolean {
    const measured = index >= this.measuredFirst;
    const sent = this.pool.trySend((outcome) => {
      this.complete(outcome, dueNs, measured);
    });
    if (sent) {
      Atomics.add(this.counters, SENT, 1);
      if (measured) this.requests += 1;
    }
    return sent;
  }

  private complete(outcome: RequestOutcome, dueNs: number, measured: boolean): void {
    // Requests cut off by an early stop are neither latencies nor errors: they are just unfinished.
    if (outcome !== 'aborted') {
      Atomics.add(this.counters, COMPLETED, 1);
      const ok = isSuccess(outcome);
      if (!ok) Atomics.add(this.counters, ERRORS, 1);
      // Only 2xx latencies go into the histogram; errors are counted apart, so a fast 503 or a
      // refused connection cannot make the latency look better.
      if (measured && ok) recordMicros(this.histogram, (this.nowNs() - dueNs) / 1000);
      else if (measured) this.countError(String(outcome));
    }
    if (this.issuing) {
      // A completion is also a free wake-up: send what has fallen due since the last tick.
      if (this.waitingForSlot || this.schedule.dueNs(this.next) <= this.nowNs()) this.pump();
    } else if (this.pool.inFlight === 0) {
      this.finish();
    }
  }

  private countError(kind: string): void {
    this.errors.total += 1;
    this.errors.byCode[kind] = (this.errors.byCode[kind] ?? 0) + 1;
  }

  /** Ends issuing; what is still in flight gets `drainMs` to finish before it is cut off. */
  private stopIssuing(drainMs: number): void {
    this.issuing = false;
    this.clearWake();
    if (this.pool.inFlight === 0) {
      this.finish();
      return;
    }
    clearTimeout(this.drainTimer);
    this.drainTimer = setTimeout(() => {
      this.finish();
    }, drainMs);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.issuing = false;
    this.clearWake();
    clearTimeout(this.drainTimer);
    this.pool.close();
    const planned = this.lastIndex - this.measuredFirst;
    this.resolve?.({
      histogram: encodeHistogram(this.histogram),
      requests: this.requests,
      unsent: Math.max(0, planned - this.requests),
      errors: this.errors,
      stoppedEarlyAtNs: this.stoppedEarlyAtNs,
    });
  }

  private clearWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.wakeImmediate) clearImmediate(this.wakeImmediate);
    this.wakeTimer = undefined;
    this.wakeImmediate = undefined;
  }
}
