// Progress of a trial in a cluster: the generators report nothing until they finish, so the
// progress line shows the phase by the clock (start delay, warm-up, measured window, drain).
import type { Config } from '../config/types.js';
import type { LoadProgress } from '../load/types.js';

const INTERVAL_MS = 1000;

export function clockProgress(
  config: Pick<Config, 'warmupMs' | 'durationMs'>,
  startDelayMs: number,
  emit: (progress: LoadProgress) => void,
): () => void {
  const started = Date.now();
  const totalMs = config.warmupMs + config.durationMs;
  const timer = setInterval(() => {
    const elapsedMs = Math.max(0, Date.now() - started - startDelayMs);
    const phase =
      elapsedMs < config.warmupMs ? 'warmup' : elapsedMs < totalMs ? 'measure' : 'drain';
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
