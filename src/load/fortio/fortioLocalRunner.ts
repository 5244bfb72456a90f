// One fortio trial as child processes on this machine: a warm-up run whose result is not read
// (fortio has no warm-up period of its own beyond one call per connection), then the measured run,
// with the /proc sampler watching it (`client`) and the server for the measured window only.
import type { Component } from '../../results/schema.js';
import { messageOf } from '../../errors.js';
import { startProcSampler } from '../../metrics/procSampler.js';
import {
  describeExit,
  startProcess,
  stopProcess,
  type ProcessExit,
  type RunningProcess,
} from '../../process/childProcess.js';
import { clockProgress } from '../clockProgress.js';
import { resourcesOver, type LocalTrialOutcome } from '../localLoadgen.js';
import type { LoadProgress, LoadSpec } from '../types.js';
import { fortioLoadArgs, type FortioLoadExtras } from './fortioArgs.js';
import { fortioRunFaults } from './fortioFaults.js';
import { parseFortioJson } from './fortioResult.js';
import { fortioTrial } from './parseFortioResult.js';

export interface FortioTrialOptions extends Omit<FortioLoadExtras, 'json'> {
  /** Path of the fortio binary (see findFortio). */
  binary: string;
  /** Other processes to attribute, e.g. { server: pid }. fortio itself is always `client`. */
  watch?: Partial<Record<Component, number>>;
  onProgress?: (progress: LoadProgress) => void;
  /** Called with a function that stops the trial early (Ctrl-C); fortio still reports. */
  onStart?: (stop: () => void) => void;
}

/** Beyond its own duration and timeout, how long a run may take before it counts as hung. */
const HANG_ALLOWANCE_MS = 30_000;

/** Waits for the run; stops it (and says so) when it outlives its duration by far. */
async function finished(
  run: RunningProcess,
  limitMs: number,
  faults: string[],
  what: string,
): Promise<ProcessExit> {
  const timer = setTimeout(() => {
    faults.push(`${what} did not finish within ${Math.round(limitMs / 1000)} s and was stopped`);
    void stopProcess(run, 5000, 'SIGINT');
  }, limitMs);
  try {
    return await run.exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function runFortioTrial(
  spec: LoadSpec,
  options: FortioTrialOptions,
): Promise<LocalTrialOutcome> {
  const faults: string[] = [];
  const { binary, watch, onProgress, onStart, ...extras } = options;
  let current: RunningProcess | undefined;
  let stopRequested = false;
  // A function, not the flag itself: the stop callback flips it while the awaits below are pending.
  const stopped = (): boolean => stopRequested;
  // SIGINT: fortio ends the run early and still prints the result of what it measured.
  onStart?.(() => {
    stopRequested = true;
    current?.kill('SIGINT');
  });
  const stopProgress = onProgress ? clockProgress(spec, 0, onProgress) : () => {};
  const hangLimit = (ms: number): number => ms + spec.requestTimeoutMs + HANG_ALLOWANCE_MS;
  try {
    if (spec.warmupMs > 0 && !stopped()) {
      const args = fortioLoadArgs(
        { ...spec, durationMs: spec.warmupMs },
        { ...extras, json: false },
      );
      current = startProcess(binary, args);
      const exit = await finished(current, hangLimit(spec.warmupMs), faults, 'fortio warm-up');
      if (exit.code !== 0 && !stopped()) {
        faults.push(`fortio warm-up ${describeExit(exit)}`);
        return { engine: undefined, resources: {}, faults };
      }
    }
    if (stopped()) {
      faults.push('stopped during the warm-up');
      return { engine: undefined, resources: {}, faults };
    }
    current = startProcess(binary, fortioLoadArgs(spec, extras));
    const pids = new Map<string, number>([['client', current.pid]]);
    for (const [component, pid] of Object.entries(watch ?? {})) pids.set(component, pid);
    // /proc exists on Linux only; elsewhere the trial is measured without resources, not failed.
    const sampler = process.platform === 'linux' ? startProcSampler(pids) : undefined;
    const exit = await finished(current, hangLimit(spec.durationMs), faults, 'fortio');
    const samples = (await sampler?.stop()) ?? new Map<string, never[]>();
    if (exit.code !== 0) faults.push(`fortio ${describeExit(exit)}`);
    let result;
    try {
      result = parseFortioJson(exit.stdout);
    } catch (error) {
      faults.push(messageOf(error));
      return { engine: undefined, resources: {}, faults };
    }
    const engine = fortioTrial(result);
    faults.push(...fortioRunFaults({ result, stderr: exit.stderr, connections: spec.connections }));
    const attributed = resourcesOver(samples, engine);
    return { engine, resources: attributed.resources, faults: [...faults, ...attributed.faults] };
  } finally {
    stopProgress();
  }
}
