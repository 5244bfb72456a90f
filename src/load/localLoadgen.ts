// One trial of the builtin engine as a child process on this machine, with the sampler watching
// the generator and any other local processes (the server) for the measured window only.
import type { Component, Resources } from '../results/schema.js';
import { resourcesInWindow, startProcSampler, type ProcSample } from '../metrics/procSampler.js';
import { startNodeScript, stopScript } from '../process/nodeScript.js';
import type { EngineTrial, LoadProgress, LoadSpec } from './types.js';

export interface LocalTrialOutcome {
  /** Undefined when the generator produced no result at all. */
  engine: EngineTrial | undefined;
  resources: Resources;
  /** What went wrong around the trial; each one makes the trial invalid. */
  faults: string[];
}

export interface LocalTrialOptions {
  loadgenScript: string;
  /** Other processes to attribute, e.g. { server: pid }. The generator is always `client`. */
  watch?: Partial<Record<Component, number>>;
  onProgress?: (progress: LoadProgress) => void;
  /** Called with a function that stops the generator early (Ctrl-C, cancellation). */
  onStart?: (stop: () => void) => void;
}

function isProgress(line: unknown): line is LoadProgress {
  return (
    typeof line === 'object' && line !== null && (line as { type?: unknown }).type === 'progress'
  );
}

function resultOf(line: unknown): EngineTrial | undefined {
  if (typeof line !== 'object' || line === null) return undefined;
  const record = line as { type?: unknown; trial?: unknown };
  return record.type === 'result' ? (record.trial as EngineTrial) : undefined;
}

export async function runLocalTrial(
  spec: LoadSpec,
  options: LocalTrialOptions,
): Promise<LocalTrialOutcome> {
  const faults: string[] = [];
  let engine: EngineTrial | undefined;
  const child = startNodeScript(options.loadgenScript, [JSON.stringify(spec)], (line) => {
    if (isProgress(line)) options.onProgress?.(line);
    engine ??= resultOf(line);
  });
  options.onStart?.(() => {
    child.kill('SIGTERM');
  });
  const pids = new Map<string, number>([['client', child.pid]]);
  for (const [component, pid] of Object.entries(options.watch ?? {})) pids.set(component, pid);
  // /proc exists on Linux only; elsewhere the trial is measured without resources, not failed.
  const sampler = process.platform === 'linux' ? startProcSampler(pids) : undefined;

  // The generator ends by itself; the bound only guards against a hung child.
  const limitMs = spec.warmupMs + spec.durationMs + spec.requestTimeoutMs + 30_000;
  const timer = setTimeout(() => {
    faults.push(
      `load generator did not finish within ${Math.round(limitMs / 1000)} s and was stopped`,
    );
    void stopScript(child);
  }, limitMs);
  const exit = await child.exited;
  clearTimeout(timer);
  const samples = (await sampler?.stop()) ?? new Map<string, never[]>();

  if (exit.code !== 0) {
    const how = exit.code === null ? `signal ${exit.signal ?? 'unknown'}` : `code ${exit.code}`;
    faults.push(
      `load generator exited with ${how}${exit.stderrTail ? `: ${exit.stderrTail}` : ''}`,
    );
  }
  if (!engine) {
    faults.push('load generator printed no result');
    return { engine, resources: {}, faults };
  }
  const attributed = resourcesOver(samples, engine);
  return { engine, resources: attributed.resources, faults: [...faults, ...attributed.faults] };
}

/** Each sampled process's CPU and peak memory over the trial's measured window. */
export function resourcesOver(
  samples: ReadonlyMap<string, readonly ProcSample[]>,
  window: Pick<EngineTrial, 'measureStartMs' | 'measureEndMs'>,
): { resources: Resources; faults: string[] } {
  const resources: Resources = {};
  const faults: string[] = [];
  for (const [component, series] of samples) {
    const measured = resourcesInWindow(series, window.measureStartMs, window.measureEndMs);
    if (measured) resources[component as Component] = measured;
    else faults.push(`no resource samples for ${component} in the measured window`);
  }
  return { resources, faults };
}
