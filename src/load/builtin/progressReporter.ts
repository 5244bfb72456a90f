// Progress of a run, once a second on the run's own clock: the main thread sums the live counters
// of every share (worker threads write theirs into shared memory) into one LoadProgress.
import type { LoadProgress } from '../types.js';
import { COMPLETED, COUNTER_CELLS, ERRORS, SENT } from './shareRunner.js';

const INTERVAL_MS = 1000;

export interface ProgressTimes {
  t0: bigint;
  warmupMs: number;
  durationMs: number;
}

/** Sums cells laid out as COUNTER_CELLS per share. */
export function sumCounters(cells: Int32Array): {
  sent: number;
  completed: number;
  errors: number;
} {
  let sent = 0;
  let completed = 0;
  let errors = 0;
  for (let base = 0; base + COUNTER_CELLS <= cells.length; base += COUNTER_CELLS) {
    sent += Atomics.load(cells, base + SENT);
    completed += Atomics.load(cells, base + COMPLETED);
    errors += Atomics.load(cells, base + ERRORS);
  }
  return { sent, completed, errors };
}

function phaseAt(elapsedMs: number, times: ProgressTimes): LoadProgress['phase'] {
  if (elapsedMs < times.warmupMs) return 'warmup';
  return elapsedMs < times.warmupMs + times.durationMs ? 'measure' : 'drain';
}

/** Calls `emit` at t0 + 1 s, t0 + 2 s, ... until the returned stop function is called. */
export function startProgress(
  times: ProgressTimes,
  cells: Int32Array,
  emit: (progress: LoadProgress) => void,
): () => void {
  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  let previous = { atMs: 0, completed: 0 };
  const elapsedMs = (): number => Number(process.hrtime.bigint() - times.t0) / 1e6;

  const arm = (): void => {
    // Aligned to the run's clock rather than chained delays, so ticks do not drift apart; a tick
    // missed while the loop was busy is skipped rather than fired right after the late one.
    const now = elapsedMs();
    tick = Math.max(tick + 1, Math.floor(now / INTERVAL_MS) + 1);
    timer = setTimeout(fire, Math.max(0, tick * INTERVAL_MS - now));
    // Progress alone must never keep a finished run's process alive.
    timer.unref();
  };
  const fire = (): void => {
    const atMs = elapsedMs();
    const counts = sumCounters(cells);
    const seconds = (atMs - previous.atMs) / 1000;
    emit({
      type: 'progress',
      phase: phaseAt(atMs, times),
      elapsedMs: Math.round(atMs),
      totalMs: times.warmupMs + times.durationMs,
      ...counts,
      currentRps:
        seconds > 0 ? Math.round(((counts.completed - previous.completed) / seconds) * 10) / 10 : 0,
    });
    previous = { atMs, completed: counts.completed };
    arm();
  };
  arm();
  return () => {
    clearTimeout(timer);
  };
}
