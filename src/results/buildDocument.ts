// Assembles the result document from what the trials produced. Pure: the caller supplies the
// measured trials, the mTLS checks, the environment and the run's identity.
import type { Config, MeshId } from '../config/types.js';
import { configHash } from './configHash.js';
import {
  RESULT_SCHEMA_ID,
  type Environment,
  type MeshConfig,
  type Mtls,
  type ResultDocument,
  type Scenario,
  type Trial,
} from './schema.js';
import { overheadVsNone, summarizeTrials } from './summarize.js';
import type { RunIdentity } from './runIdentity.js';

export interface MeasuredScenario {
  mesh: MeshId;
  meshConfig?: MeshConfig | undefined;
  mtls: Mtls;
  trials: Trial[];
}

export interface DocumentInputs {
  config: Config;
  identity: RunIdentity;
  startedAt: Date;
  finishedAt: Date;
  environment: Environment;
  scenarios: readonly MeasuredScenario[];
  faults: readonly string[];
  /** The load engine's version, when the provider learned it. */
  engineVersion?: string | undefined;
}

export function buildDocument(inputs: DocumentInputs): ResultDocument {
  const { config } = inputs;
  const summarized = inputs.scenarios.map((s) => ({
    ...s,
    trials: [...s.trials].sort((a, b) => a.index - b.index),
    summary: summarizeTrials(s.trials),
  }));
  const none = summarized.find((s) => s.mesh === 'none');
  const scenarios: Scenario[] = summarized.map((s) => ({
    mesh: s.mesh,
    ...(s.meshConfig === undefined ? {} : { meshConfig: s.meshConfig }),
    mtls: s.mtls,
    trials: s.trials,
    summary: s.summary,
    overheadVsNone: none ? overheadVsNone(s.summary, none.summary) : null,
  }));
  return {
    schema: RESULT_SCHEMA_ID,
    run: {
      id: inputs.identity.id,
      startedAt: inputs.startedAt.toISOString(),
      finishedAt: inputs.finishedAt.toISOString(),
      commit: inputs.identity.commit,
      ref: inputs.identity.ref,
      provider: config.provider,
      engine: config.engine,
      ...(inputs.engineVersion === undefined ? {} : { engineVersion: inputs.engineVersion }),
      configHash: configHash(config),
      faults: [...inputs.faults],
    },
    environment: inputs.environment,
    load: {
      rps: config.rps,
      connections: config.connections,
      durationSeconds: config.durationMs / 1000,
      warmupSeconds: config.warmupMs / 1000,
      repetitions: config.repetitions,
      serverDelayMs: config.serverDelayMs,
      payloadBytes: config.payloadBytes,
      protocol: 'http/1.1',
      placement: config.placement,
      ...(config.injectDelayMs > 0 ? { injectedDelayMs: config.injectDelayMs } : {}),
      server: config.server,
    },
    scenarios,
  };
}
