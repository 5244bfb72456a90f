// The `local` provider: the server and the load generator run as separate processes on this
// machine, on loopback. Runs the two baselines, `none` (plain HTTP) and `app-mtls` (TLS 1.3 with
// client certificates required by the server itself). The engine (builtin or fortio) and the
// server (ours or `fortio server`) plug in through their seams.
import os from 'node:os';
import type { Config, MeshId } from '../config/types.js';
import { ConfigError, InfraError } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { createRunCertificates, type RunCertificates } from '../certs/runCertificates.js';
import { autoWorkers } from '../load/builtin/schedule.js';
import { createLocalEngine, fortioFinder, type LocalEngine } from '../load/localEngine.js';
import type { LoadProgress, LoadSpec } from '../load/types.js';
import { verifyAppMtls } from '../mesh/appMtlsVerifier.js';
import type { PlannedTrial } from '../plan/plan.js';
import { execFileRunner, type ProcessRunner } from '../process/processRunner.js';
import type { Mtls } from '../results/schema.js';
import {
  createLocalServer,
  type LocalServer,
  type LocalServerOptions,
  type StartedServer,
} from '../server/localServer.js';
import { NOT_APPLICABLE_MTLS, type BenchmarkProvider, type TrialOutcome } from './provider.js';

export interface LocalScripts {
  server: string;
  loadgen: string;
}

export interface LocalProviderDeps {
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  /** The process edge, swapped in tests: by default the configured engine and server. */
  engine?: LocalEngine;
  server?: LocalServer;
}

interface RunningServer {
  started: StartedServer;
  /** Set when the process ended: every later trial of its scenario would measure nothing. */
  exit?: string;
}

const HOST = '127.0.0.1';
const SERVER_START_TIMEOUT_MS = 15_000;
/**
 * Unmeasured load a scenario's server gets before its first trial: SERVER_WARMUP_RUNS generator
 * runs of SERVER_WARMUP_MS each, every one from a fresh generator like a trial's. Measured here
 * (README, "Server warm-up"): the server's CPU stays high through the measured window of the
 * first two generators that connect to it, however long their own warm-up (80 % and 30 % above
 * the later trials' with none; +40 % in the second trial after an 11 s first warm-up), and
 * settles from the third on. One 10 s run first still left the first trial +39 %.
 */
export const SERVER_WARMUP_RUNS = 2;
export const SERVER_WARMUP_MS = 5_000;

export class LocalProvider implements BenchmarkProvider {
  private readonly servers = new Map<MeshId, RunningServer>();
  private readonly engine: LocalEngine;
  private readonly server: LocalServer;
  private certs: RunCertificates | undefined;
  private stopCurrent: (() => void) | undefined;
  private version: string | undefined;
  /** Scenarios whose server has been warmed up before its first trial. */
  private readonly warmed = new Set<MeshId>();
  private interrupted = false;

  constructor(
    private readonly config: Config,
    scripts: LocalScripts,
    private readonly cleanup: Cleanup,
    deps: LocalProviderDeps = { env: process.env, runner: execFileRunner },
  ) {
    const fortio = fortioFinder(deps.env, deps.runner);
    this.engine =
      deps.engine ?? createLocalEngine(config.engine, { loadgenScript: scripts.loadgen, fortio });
    this.server =
      deps.server ?? createLocalServer(config.server, { serverScript: scripts.server, fortio });
  }

  describe(meshes: readonly MeshId[]): string[] {
    const steps: string[] = [];
    if (meshes.includes('app-mtls')) {
      steps.push(
        'create a CA, a server and a client certificate (ECDSA P-256) in a private temp directory',
      );
    }
    for (const mesh of meshes) {
      steps.push(`start server: ${this.server.describe(this.serverOptions(mesh, '<tmp>'))}`);
      if (mesh === 'app-mtls') {
        steps.push(
          'verify mTLS before each trial: a client without a certificate and one from a foreign CA must be refused, ours accepted over TLS 1.3',
        );
      }
    }
    const sample = this.loadSpec(
      'none',
      0,
      this.server.requestPath(this.serverOptions('none', '')),
    );
    steps.push(
      `each trial: ${this.engine.describeTrial(sample, this.trialExtras())}, sampling /proc of the generator (client) and the server`,
    );
    steps.push(
      `before the first trial of each scenario: the same load ${SERVER_WARMUP_RUNS} times for ${SERVER_WARMUP_MS / 1000}s, unmeasured, each from a fresh generator, to warm its server up`,
    );
    steps.push('remove the temp directory and stop the servers');
    return steps;
  }

  async setUp(meshes: readonly MeshId[]): Promise<void> {
    for (const mesh of meshes) {
      if (mesh !== 'none' && mesh !== 'app-mtls') {
        throw new ConfigError(
          `mesh: "${mesh}" cannot run with provider "local"; it needs a cluster provider: kind, gke or existing`,
        );
      }
    }
    // Fails early, before any certificate or server, when fortio is asked for but missing.
    this.version = await this.engine.prepare();
    await this.server.prepare();
    if (meshes.includes('app-mtls')) this.certs = await createRunCertificates(this.cleanup);
    for (const mesh of meshes) this.servers.set(mesh, await this.startServer(mesh));
  }

  /** The engine's version once setUp has run (fortio's `fortio version`, else ours). */
  engineVersion(): string | undefined {
    return this.version;
  }

  async verifyMtls(mesh: MeshId): Promise<Mtls> {
    if (mesh === 'none') return NOT_APPLICABLE_MTLS;
    const server = this.servers.get(mesh);
    if (!server || !this.certs) throw new InfraError(`no server is running for ${mesh}`);
    return verifyAppMtls(
      { host: HOST, port: server.started.port, serverName: 'localhost' },
      this.certs,
    );
  }

  async runTrial(
    trial: PlannedTrial,
    onProgress: (p: LoadProgress) => void,
  ): Promise<TrialOutcome> {
    const server = this.servers.get(trial.mesh);
    if (!server) throw new InfraError(`no server is running for ${trial.mesh}`);
    if (server.exit) throw new InfraError(`the ${trial.mesh} server ${server.exit}`);
    const { port, path, pid } = server.started;
    const spec = this.loadSpec(trial.mesh, port, path);
    if (!this.warmed.has(trial.mesh)) {
      this.warmed.add(trial.mesh);
      for (let run = 0; run < SERVER_WARMUP_RUNS && !this.interrupted; run++) {
        await this.engine.runTrial(
          { ...spec, warmupMs: 0, durationMs: SERVER_WARMUP_MS },
          {
            ...this.trialExtras(),
            onProgress: (p) => {
              onProgress({ ...p, phase: 'warmup' });
            },
            onStart: (stop) => {
              this.started(stop);
            },
          },
        );
      }
    }
    const outcome = await this.engine.runTrial(spec, {
      ...this.trialExtras(),
      watch: { server: pid },
      onProgress,
      onStart: (stop) => {
        this.started(stop);
      },
    });
    this.stopCurrent = undefined;
    return outcome;
  }

  interrupt(): void {
    this.interrupted = true;
    this.stopCurrent?.();
  }

  /** A trial that starts after an interrupt (the one after a server warm-up) stops at once. */
  private started(stop: () => void): void {
    this.stopCurrent = stop;
    if (this.interrupted) stop();
  }

  private trialExtras(): { latencyFloorMs: number; responseBytes: number } {
    return { latencyFloorMs: this.config.serverDelayMs, responseBytes: this.config.payloadBytes };
  }

  private workers(): number {
    return this.config.workers === 'auto'
      ? autoWorkers(this.config.rps, os.availableParallelism(), this.config.connections)
      : this.config.workers;
  }

  private loadSpec(mesh: MeshId, port: number, path: string): LoadSpec {
    const tls =
      mesh === 'app-mtls' && this.certs
        ? {
            caFile: this.certs.caFile,
            certFile: this.certs.clientCertFile,
            keyFile: this.certs.clientKeyFile,
            serverName: 'localhost',
          }
        : undefined;
    return {
      url: `${tls ? 'https' : 'http'}://${HOST}:${port}${path}`,
      rps: this.config.rps,
      connections: this.config.connections,
      durationMs: this.config.durationMs,
      warmupMs: this.config.warmupMs,
      requestTimeoutMs: this.config.requestTimeoutMs,
      workers: this.workers(),
      ...(tls ? { tls } : {}),
    };
  }

  private serverOptions(mesh: MeshId, certDir: string): LocalServerOptions {
    const base = {
      host: HOST,
      port: 0,
      // inject-delay is a calibration knob: a known regression the gate must catch.
      delayMs: this.config.serverDelayMs + this.config.injectDelayMs,
      payloadBytes: this.config.payloadBytes,
    };
    if (mesh !== 'app-mtls') return base;
    const certs = this.certs;
    return {
      ...base,
      tls: {
        certFile: certs?.serverCertFile ?? `${certDir}/server.pem`,
        keyFile: certs?.serverKeyFile ?? `${certDir}/server-key.pem`,
        caFile: certs?.caFile ?? `${certDir}/ca.pem`,
        requireClientCert: true,
      },
    };
  }

  private async startServer(mesh: MeshId): Promise<RunningServer> {
    let started: StartedServer;
    try {
      started = await this.server.start(this.serverOptions(mesh, ''), SERVER_START_TIMEOUT_MS);
    } catch (error) {
      throw new InfraError(
        `could not start the ${mesh} server: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.cleanup.add(`stop the ${mesh} server`, () => started.stop(), {
      kind: 'pid',
      pid: started.pid,
    });
    const server: RunningServer = { started };
    void started.ended.then((exit) => {
      server.exit = exit;
    });
    return server;
  }
}
