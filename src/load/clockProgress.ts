// Progress by the clock, for generators that report nothing until they finish (fortio, the pods of
// a cluster run): the line shows the phase (start delay, warm-up, measured window, drain) and the
// elapsed time, and says that counts are unknown.
import type { LoadProgress } from './types.js';

const INTERVAL_MS = 1000;

export function clockProgress(
  phases: { warmupMs: number; durationMs: number },
  startDelayMs: number,
  emit: (progress: LoadProgress) => void,
): () => void {
  const started = Date.now();
  const totalMs = phases.warmupMs + phases.durationMs;
  const timer = setInterval(() => {
    const elapsedMs = Math.max(0, Date.now() - started - startDelayMs);
    const phase =
      elapsedMs < phases.warmupMs ? 'warmup' : elapsedMs < totalMs ? 'measure' : 'drain';
    emit({
      type: 'progress',
      phase,
      elapsedMs,
      totalMs,
      sent: 0,
      completed: 0,
      errors: 0,
      currentRps: 0,
      countsUnknown: true,
    });
  }, INTERVAL_MS);
  return () => {
    clearInterval(timer);
  };
}
