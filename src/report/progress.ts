// Live progress while trials run: a line redrawn in place on a terminal; plain, sparse log lines
// (and one log group per trial) in GitHub Actions or when output is piped.
import type { LoadProgress } from '../load/types.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Trial } from '../results/schema.js';

export interface ProgressSink {
  trialStarted(trial: PlannedTrial, total: number): void;
  update(progress: LoadProgress): void;
  trialFinished(trial: Trial): void;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export function progressText(label: string, p: LoadProgress): string {
  const remaining = Math.max(0, p.totalMs - p.elapsedMs);
  const time = `${label}  ${p.phase.padEnd(7)} ${seconds(p.elapsedMs)}/${seconds(p.totalMs)} (${seconds(remaining)} left)`;
  return p.countsUnknown
    ? time
    : `${time}  rate ${p.currentRps.toFixed(1)}/s  sent ${p.sent}  errors ${p.errors}`;
}

export function finishedText(label: string, trial: Trial): string {
  const status = trial.valid ? 'valid' : `INVALID: ${trial.invalidReasons.join('; ')}`;
  return `${label}  done: ${trial.achievedRps.toFixed(1)}/s, p50 ${trial.latencyMs.p50} ms, p99 ${trial.latencyMs.p99} ms, errors ${trial.errors.total}, ${status}`;
}

const labelOf = (trial: PlannedTrial, total: number): string =>
  `[${trial.index + 1}/${total}] ${trial.mesh} #${trial.repetition}`;

/** Redraws one line on a TTY (stderr), leaving the finished line behind. */
export class TerminalProgress implements ProgressSink {
  private label = '';
  constructor(private readonly stream: NodeJS.WriteStream) {}

  trialStarted(trial: PlannedTrial, total: number): void {
    this.label = labelOf(trial, total);
    this.stream.write(`${this.label}  starting`);
  }

  update(progress: LoadProgress): void {
    const text = progressText(this.label, progress).slice(
      0,
      Math.max(20, (this.stream.columns || 120) - 1),
    );
    this.stream.write(`\r\x1b[2K${text}`);
  }

  trialFinished(trial: Trial): void {
    this.stream.write(`\r\x1b[2K${finishedText(this.label, trial)}\n`);
  }
}

/** Plain lines: start, every `everyMs` of progress, and the end; optional grouping per trial. */
export class LogProgress implements ProgressSink {
  private label = '';
  private lastLoggedMs = -Infinity;
  constructor(
    private readonly log: (line: string) => void,
    private readonly group?: { start(name: string): void; end(): void },
    private readonly everyMs = 10_000,
  ) {}

  trialStarted(trial: PlannedTrial, total: number): void {
    this.label = labelOf(trial, total);
    this.lastLoggedMs = -Infinity;
    if (this.group) this.group.start(this.label);
    else this.log(`${this.label}  starting`);
  }

  update(progress: LoadProgress): void {
    if (progress.elapsedMs - this.lastLoggedMs < this.everyMs) return;
    this.lastLoggedMs = progress.elapsedMs;
    this.log(progressText(this.label, progress));
  }

  trialFinished(trial: Trial): void {
    this.log(finishedText(this.label, trial));
    this.group?.end();
  }
}
