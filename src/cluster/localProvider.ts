// The `local` provider: the server and the load generator run as separate processes on this
// machine, on loopback. Runs the two baselines, `none` (plain HTTP) and `app-mtls` (TLS 1.3 with
// client certificates required by the server itself).
import os from 'node:os';
import type { Config, MeshId } from '../config/types.js';
import { ConfigError, InfraError } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { createRunCertificates, type RunCertificates } from '../certs/runCertificates.js';
import { runLocalTrial } from '../load/localLoadgen.js';
import { autoWorkers } from '../load/builtin/schedule.js';
import type { LoadProgress, LoadSpec } from '../load/types.js';
import { verifyAppMtls } from '../mesh/appMtlsVerifier.js';
import { startNodeScript, stopScript, type RunningScript } from '../process/nodeScript.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Mtls } from '../results/schema.js';
import { NOT_APPLICABLE_MTLS, type BenchmarkProvider, type TrialOutcome } from './provider.js';

export interface LocalScripts {
  server: string;
  loadgen: string;
}

interface LocalServer {
  process: RunningScript;
  port: number;
  /** Set when the process ended: every later trial of its scenario would measure nothing. */
  exit?: string;
}

const HOST = '127.0.0.1';
const SERVER_START_TIMEOUT_MS = 15_000;

export class LocalProvider implements BenchmarkProvider {
  private readonly servers = new Map<MeshId, LocalServer>();
  private certs: RunCertificates | undefined;
  private stopCurrent: (() => void) | undefined;

  constructor(
    private readonly config: Config,
    private readonly scripts: LocalScripts,
    private readonly cleanup: Cleanup,
  ) {}

  describe(meshes: readonly MeshId[]): string[] {
    const steps: string[] = [];
    if (meshes.includes('app-mtls')) {
      steps.push(
        'create a CA, a server and a client certificate (ECDSA P-256) in a private temp directory',
      );
    }
    for (const mesh of meshes) {
      steps.push(
        `start server: ${process.execPath} ${this.scripts.server} '${JSON.stringify(this.serverOptions(mesh, '<tmp>'))}'`,
      );
      if (mesh === 'app-mtls') {
        steps.push(
          'verify mTLS before each trial: a client without a certificate and one from a foreign CA must be refused, ours accepted over TLS 1.3',
        );
      }
    }
    steps.push(
      `each trial: ${process.execPath} ${this.scripts.loadgen} '<load spec>' (rps ${this.config.rps}, ${this.config.connections} connections, ${this.workers()} worker(s)), sampling /proc of the generator (client) and the server`,
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
    if (meshes.includes('app-mtls')) this.certs = await createRunCertificates(this.cleanup);
    for (const mesh of meshes) this.servers.set(mesh, await this.startServer(mesh));
  }

  async verifyMtls(mesh: MeshId): Promise<Mtls> {
    if (mesh === 'none') return NOT_APPLICABLE_MTLS;
    const server = this.servers.get(mesh);
    if (!server || !this.certs) throw new InfraError(`no server is running for ${mesh}`);
    return verifyAppMtls({ host: HOST, port: server.port, serverName: 'localhost' }, this.certs);
  }

  async runTrial(
    trial: PlannedTrial,
    onProgress: (p: LoadProgress) => void,
  ): Promise<TrialOutcome> {
    const server = this.servers.get(trial.mesh);
    if (!server) throw new InfraError(`no server is running for ${trial.mesh}`);
    if (server.exit) throw new InfraError(`the ${trial.mesh} server ${server.exit}`);
    const outcome = await runLocalTrial(this.loadSpec(trial.mesh, server.port), {
      loadgenScript: this.scripts.loadgen,
      watch: { server: server.process.pid },
      onProgress,
      onStart: (stop) => (this.stopCurrent = stop),
    });
    this.stopCurrent = undefined;
    return outcome;
  }

  interrupt(): void {
    this.stopCurrent?.();
  }

  private workers(): number {
    return this.config.workers === 'auto'
      ? autoWorkers(this.config.rps, os.availableParallelism(), this.config.connections)
      : this.config.workers;
  }

  private loadSpec(mesh: MeshId, port: number): LoadSpec {
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
      url: `${tls ? 'https' : 'http'}://${HOST}:${port}/echo`,
      rps: this.config.rps,
      connections: this.config.connections,
      durationMs: this.config.durationMs,
      warmupMs: this.config.warmupMs,
      requestTimeoutMs: this.config.requestTimeoutMs,
      workers: this.workers(),
      ...(tls ? { tls } : {}),
    };
  }

  private serverOptions(mesh: MeshId, certDir: string): Record<string, unknown> {
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

  private async startServer(mesh: MeshId): Promise<LocalServer> {
    const child = startNodeScript(this.scripts.server, [
      JSON.stringify(this.serverOptions(mesh, '')),
    ]);
    this.cleanup.add(
      `stop the ${mesh} server`,
      async () => {
        await stopScript(child);
      },
      { kind: 'pid', pid: child.pid },
    );
    try {
      const port = await child.waitFor(
        (line) => {
          const record = line as { type?: unknown; port?: unknown } | null;
          return record?.type === 'listening' && typeof record.port === 'number'
            ? record.port
            : undefined;
        },
        SERVER_START_TIMEOUT_MS,
        `the ${mesh} server to listen`,
      );
      const server: LocalServer = { process: child, port };
      void child.exited.then((exit) => {
        server.exit = `exited unexpectedly (code ${exit.code ?? exit.signal ?? 'unknown'})${exit.stderrTail ? `: ${exit.stderrTail}` : ''}`;
      });
      return server;
    } catch (error) {
      throw new InfraError(
        `could not start the ${mesh} server: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}
