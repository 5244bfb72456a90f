// The engine seam for runs on this machine: the local provider and `mesh-perf load` ask for an
// engine by id and drive every engine the same way (prepare, describe, run a trial).
import type { EngineId } from '../config/types.js';
import { shellQuote } from '../cluster/steps.js';
import type { Component } from '../results/schema.js';
import type { ProcessRunner } from '../process/processRunner.js';
import { VERSION } from '../version.js';
import { fortioLoadArgs } from './fortio/fortioArgs.js';
import { findFortio, type FortioBinary } from './fortio/fortioBinary.js';
import { runFortioTrial } from './fortio/fortioLocalRunner.js';
import { runLocalTrial, type LocalTrialOutcome } from './localLoadgen.js';
import type { LoadProgress, LoadSpec } from './types.js';

export interface EngineTrialOptions {
  /** Other processes to attribute, e.g. { server: pid }. The generator is always `client`. */
  watch?: Partial<Record<Component, number>>;
  onProgress?: (progress: LoadProgress) => void;
  /** Called with a function that stops the trial early (Ctrl-C, cancellation). */
  onStart?: (stop: () => void) => void;
  /** The server's fixed delay: no answer comes sooner (fortio starts its fine buckets there). */
  latencyFloorMs?: number;
  /** Response body size (fortio sizes its read buffer from it). */
  responseBytes?: number;
}

export interface LocalEngine {
  readonly id: EngineId;
  /** Checks that the engine can run here and returns its version; InfraError (exit 3) if not. */
  prepare(): Promise<string>;
  /** The command one trial runs, for `--dry-run`. */
  describeTrial(spec: LoadSpec, options?: EngineTrialOptions): string;
  runTrial(spec: LoadSpec, options?: EngineTrialOptions): Promise<LocalTrialOutcome>;
}

export interface LocalEngineDeps {
  /** The builtin engine's bundled generator script (loadgen.mjs). */
  loadgenScript: string;
  /** Finds fortio once and remembers it (shared with a fortio server). */
  fortio: () => Promise<FortioBinary>;
}

/** One lookup of the fortio binary and its version per run, however many users ask. */
export function fortioFinder(
  env: NodeJS.ProcessEnv,
  runner: ProcessRunner,
): () => Promise<FortioBinary> {
  let found: Promise<FortioBinary> | undefined;
  return () => (found ??= findFortio({ env, runner }));
}

function builtinEngine(deps: LocalEngineDeps): LocalEngine {
  return {
    id: 'builtin',
    prepare: () => Promise.resolve(VERSION),
    describeTrial: (spec) =>
      `${process.execPath} ${deps.loadgenScript} '<load spec>' (rps ${spec.rps}, ${spec.connections} connections, ${spec.workers} worker(s))`,
    runTrial: (spec, options = {}) =>
      runLocalTrial(spec, {
        loadgenScript: deps.loadgenScript,
        ...(options.watch ? { watch: options.watch } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onStart ? { onStart: options.onStart } : {}),
      }),
  };
}

function fortioEngine(deps: LocalEngineDeps): LocalEngine {
  const extras = (options: EngineTrialOptions) => ({
    ...(options.latencyFloorMs === undefined ? {} : { latencyFloorMs: options.latencyFloorMs }),
    ...(options.responseBytes === undefined ? {} : { responseBytes: options.responseBytes }),
  });
  return {
    id: 'fortio',
    prepare: async () => (await deps.fortio()).version,
    describeTrial: (spec, options = {}) => {
      const warmup =
        spec.warmupMs > 0 ? `a warm-up run with -t ${spec.warmupMs}ms and no -json, then ` : '';
      const argv = ['fortio', ...fortioLoadArgs(spec, extras(options))];
      return `${warmup}${argv.map(shellQuote).join(' ')}`;
    },
    runTrial: async (spec, options = {}) =>
      runFortioTrial(spec, {
        binary: (await deps.fortio()).path,
        ...extras(options),
        ...(options.watch ? { watch: options.watch } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onStart ? { onStart: options.onStart } : {}),
      }),
  };
}

export function createLocalEngine(id: EngineId, deps: LocalEngineDeps): LocalEngine {
  switch (id) {
    case 'builtin':
      return builtinEngine(deps);
    case 'fortio':
      return fortioEngine(deps);
  }
}
