// The builtin engine: splits a LoadSpec into shares (this thread, or one per worker thread), starts
// them together at one t0, reports progress, and merges their histograms and counts into a trial.
import { encodeHistogram, latencyMsOf, mergeEncoded } from '../../metrics/histogram.js';
import { mergeErrorCounts } from '../mergeTrials.js';
import type { EngineTrial, LoadProgress, LoadSpec } from '../types.js';
import { checkLoadSpec } from './loadSpecJson.js';
import { startProgress } from './progressReporter.js';
import { splitConnections, windowOf } from './schedule.js';
import { inThreadShare, type ShareHandle } from './shareHandle.js';
import { COUNTER_CELLS, type SharePlan, type ShareResult } from './shareRunner.js';
import { readTlsMaterial, type TlsMaterial } from './tlsMaterial.js';
import { startShareWorker } from './workerShare.js';

export { autoWorkers } from './schedule.js';

export interface RunLoadOptions {
  /** The bundled loadgen script, which each worker thread runs; required when spec.workers > 1. */
  workerScript?: URL | string;
  /** About once a second, combined over all workers. */
  onProgress?: (progress: LoadProgress) => void;
  /** Aborting stops issuing early; the trial then covers what was measured up to that point. */
  signal?: AbortSignal;
}

/** Workers need a moment to receive the start message; t0 lies this far ahead so all begin at it. */
const WORKER_START_SLACK_MS = 20;

export function sharePlans(spec: LoadSpec, tls: TlsMaterial | undefined): SharePlan[] {
  return splitConnections(spec.connections, spec.workers).map((connections, worker) => ({
    url: spec.url,
    rps: spec.rps,
    workers: spec.workers,
    worker,
    connections,
    warmupMs: spec.warmupMs,
    durationMs: spec.durationMs,
    requestTimeoutMs: spec.requestTimeoutMs,
    ...(tls ? { tls } : {}),
  }));
}

async function startShares(
  plans: readonly SharePlan[],
  cells: Int32Array,
  workerScript: URL | string | undefined,
): Promise<ShareHandle[]> {
  if (workerScript === undefined || plans.length === 1) {
    return plans.map((plan) =>
      inThreadShare(
        plan,
        cells.subarray(plan.worker * COUNTER_CELLS, (plan.worker + 1) * COUNTER_CELLS),
      ),
    );
  }
  const buffer = cells.buffer as SharedArrayBuffer;
  const started = await Promise.allSettled(
    plans.map((plan) => startShareWorker(workerScript, { plan, counters: buffer })),
  );
  const handles = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    for (const handle of handles) handle.dispose();
    throw failed.reason;
  }
  return handles;
}

/**
 * One trial from the shares' results. The window ends early when the run was stopped, and the
 * rate is over the window actually measured; requests the stop cut off count as unsent.
 */
export function combineShares(
  spec: LoadSpec,
  results: readonly ShareResult[],
  wallMsAtT0: number,
): EngineTrial {
  const window = windowOf(spec.warmupMs, spec.durationMs);
  const stops = results.flatMap((r) =>
    r.stoppedEarlyAtNs === undefined ? [] : [r.stoppedEarlyAtNs],
  );
  const endNs =
    stops.length === 0
      ? window.measureEndNs
      : Math.min(window.measureEndNs, Math.max(window.measureStartNs, ...stops));
  const seconds = (endNs - window.measureStartNs) / 1e9;
  const histogram = mergeEncoded(results.map((r) => r.histogram));
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  return {
    engine: 'builtin',
    requestedRps: spec.rps,
    achievedRps: seconds > 0 ? Math.round((requests / seconds) * 1000) / 1000 : 0,
    requests,
    unsent: results.reduce((sum, r) => sum + r.unsent, 0),
    errors: mergeErrorCounts(results.map((r) => r.errors)),
    latencyMs: latencyMsOf(histogram),
    histogram: encodeHistogram(histogram),
    measureStartMs: Math.round(wallMsAtT0 + window.measureStartNs / 1e6),
    measureEndMs: Math.round(wallMsAtT0 + endNs / 1e6),
  };
}

/** Runs one trial of the builtin engine: open loop, constant rate, latency from intended times. */
export async function runLoad(spec: LoadSpec, options: RunLoadOptions = {}): Promise<EngineTrial> {
  const checked = checkLoadSpec(spec);
  if (checked.workers > 1 && options.workerScript === undefined) {
    throw new Error(
      `runLoad: spec.workers is ${checked.workers}, which needs options.workerScript ` +
        '(the bundled loadgen script that each worker thread runs)',
    );
  }
  const plans = sharePlans(checked, await readTlsMaterial(checked.tls));
  const cells = new Int32Array(new SharedArrayBuffer(plans.length * COUNTER_CELLS * 4));
  const handles = await startShares(plans, cells, options.workerScript);

  const slackNs = BigInt(plans.length > 1 ? WORKER_START_SLACK_MS * 1e6 : 0);
  const t0 = process.hrtime.bigint() + slackNs;
  const wallMsAtT0 = Date.now() + Number(slackNs) / 1e6;
  for (const handle of handles) handle.start(t0);

  const stopProgress = options.onProgress
    ? startProgress(
        { t0, warmupMs: checked.warmupMs, durationMs: checked.durationMs },
        cells,
        options.onProgress,
      )
    : () => undefined;
  const onAbort = (): void => {
    for (const handle of handles) handle.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    const results = await Promise.all(handles.map((handle) => handle.result));
    return combineShares(checked, results, wallMsAtT0);
  } finally {
    stopProgress();
    options.signal?.removeEventListener('abort', onAbort);
    for (const handle of handles) handle.dispose();
  }
}
