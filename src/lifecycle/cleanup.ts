// Everything a run creates (temp key directories, child processes, later clusters) registers its
// undo here, so it is undone on success, on error and on Ctrl-C alike, newest first.

export type CleanupFn = () => void | Promise<void>;

/**
 * What a step would leave behind if this process were killed before it ran (SIGKILL on a
 * cancelled job): the action's post step removes these from saved state.
 */
export type Leftover =
  | { kind: 'dir'; path: string }
  | { kind: 'pid'; pid: number }
  /** `command`: the kind binary the run used (it may live in the tool cache, not on PATH). */
  | { kind: 'kind-cluster'; name: string; kubeconfig?: string; command?: string }
  | { kind: 'gke-cluster'; name: string; zone: string; project: string }
  /** A namespace the run created in a cluster it did not create; context null: the current one. */
  | {
      kind: 'namespace';
      name: string;
      context: string | null;
      kubeconfig?: string;
      command?: string;
    };

interface Step {
  what: string;
  fn: CleanupFn;
  leftover: Leftover | undefined;
}

export class Cleanup {
  private readonly steps: Step[] = [];
  private running: Promise<string[]> | undefined;

  /** @param onChange told the pending leftovers whenever they change (the action saves state). */
  constructor(private readonly onChange?: (leftovers: Leftover[]) => void) {}

  /** Registers an undo step; returns a function that runs just that step early. */
  add(what: string, fn: CleanupFn, leftover?: Leftover): () => Promise<void> {
    const step = { what, fn, leftover };
    this.steps.push(step);
    this.changed();
    return async () => {
      const index = this.steps.indexOf(step);
      if (index === -1) return;
      this.steps.splice(index, 1);
      this.changed();
      await fn();
    };
  }

  leftovers(): Leftover[] {
    return this.steps.flatMap((step) => (step.leftover ? [step.leftover] : []));
  }

  private changed(): void {
    this.onChange?.(this.leftovers());
  }

  /**
   * Runs every pending step, newest first; returns the failures instead of throwing. A call while
   * a pass is running joins it; a call after it starts a new pass for steps added since.
   */
  runAll(): Promise<string[]> {
    if (this.running) return this.running;
    const pass = this.runSteps();
    this.running = pass;
    // Cleared when the pass settles, never inside it: with nothing to run the pass finishes
    // before `running` is even assigned, and clearing it there would leave the finished pass in
    // place, so steps added later would never run.
    void pass.finally(() => {
      if (this.running === pass) this.running = undefined;
    });
    return pass;
  }

  private async runSteps(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      this.changed();
      try {
        await step.fn();
      } catch (error) {
        failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }

  get pending(): number {
    return this.steps.length;
  }
}

/**
 * Runs the cleanup on SIGINT/SIGTERM, then exits with 128+signal. Entry points call this; nothing
 * installs handlers at import time. Returns a function that removes the handlers.
 */
export function cleanupOnSignals(cleanup: Cleanup, log: (line: string) => void): () => void {
  const handlers: [NodeJS.Signals, () => void][] = (['SIGINT', 'SIGTERM'] as const).map(
    (signal) => [
      signal,
      () => {
        log(`received ${signal}: cleaning up`);
        void cleanup.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      },
    ],
  );
  for (const [signal, handler] of handlers) process.once(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}
