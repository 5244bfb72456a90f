// The server seam for runs on this machine: our echo server (server.mjs) or `fortio server`, each
// started as its own process so the sampler can attribute its CPU and memory to `server`.
import type { ServerId } from '../config/types.js';
import { shellQuote } from '../cluster/steps.js';
import {
  fortioEchoPath,
  fortioServerArgs,
  parseFortioListening,
  type FortioServerOptions,
} from '../load/fortio/fortioArgs.js';
import type { FortioBinary } from '../load/fortio/fortioBinary.js';
import { describeExit, startProcess, stopProcess } from '../process/childProcess.js';
import { startNodeScript, stopScript } from '../process/nodeScript.js';

export type LocalServerOptions = FortioServerOptions;

export interface StartedServer {
  pid: number;
  port: number;
  /** Path and query every request asks for (fortio's echo handler takes the delay from it). */
  path: string;
  /** Resolves with how the process ended, if it ends before stop(). */
  ended: Promise<string>;
  stop(): Promise<void>;
}

export interface LocalServer {
  readonly id: ServerId;
  /** Checks that the server can run here; InfraError (exit 3) if not. */
  prepare(): Promise<void>;
  /** The command that starts it, for `--dry-run`. */
  describe(options: LocalServerOptions): string;
  /** The path and query requests will ask for (StartedServer.path, known before the start). */
  requestPath(options: LocalServerOptions): string;
  start(options: LocalServerOptions, timeoutMs: number): Promise<StartedServer>;
}

export interface LocalServerDeps {
  /** The bundled echo server (server.mjs). */
  serverScript: string;
  fortio: () => Promise<FortioBinary>;
}

/** Our server answers every path the same way; /echo says what it does. */
const ECHO_PATH = '/echo';

/** Our server's one JSON argument. */
function builtinOptions(options: LocalServerOptions): Record<string, unknown> {
  return {
    host: options.host,
    port: options.port,
    delayMs: options.delayMs,
    payloadBytes: options.payloadBytes,
    ...(options.tls ? { tls: options.tls } : {}),
  };
}

function builtinServer(deps: LocalServerDeps): LocalServer {
  return {
    id: 'builtin',
    prepare: () => Promise.resolve(),
    describe: (options) =>
      `${process.execPath} ${deps.serverScript} '${JSON.stringify(builtinOptions(options))}'`,
    requestPath: () => ECHO_PATH,
    async start(options, timeoutMs) {
      const child = startNodeScript(deps.serverScript, [JSON.stringify(builtinOptions(options))]);
      const ended = child.exited.then(
        (exit) =>
          `exited unexpectedly (code ${exit.code ?? exit.signal ?? 'unknown'})${exit.stderrTail ? `: ${exit.stderrTail}` : ''}`,
      );
      const stop = async (): Promise<void> => {
        await stopScript(child);
      };
      try {
        const port = await child.waitFor(
          (line) => {
            const record = line as { type?: unknown; port?: unknown } | null;
            return record?.type === 'listening' && typeof record.port === 'number'
              ? record.port
              : undefined;
          },
          timeoutMs,
          'the server to listen',
        );
        return { pid: child.pid, port, path: ECHO_PATH, ended, stop };
      } catch (error) {
        await stop();
        throw error;
      }
    },
  };
}

function fortioServer(deps: LocalServerDeps): LocalServer {
  return {
    id: 'fortio',
    prepare: async () => {
      await deps.fortio();
    },
    describe: (options) => ['fortio', ...fortioServerArgs(options)].map(shellQuote).join(' '),
    requestPath: (options) => fortioEchoPath(options.delayMs, options.payloadBytes),
    async start(options, timeoutMs) {
      const binary = (await deps.fortio()).path;
      const child = startProcess(binary, fortioServerArgs(options));
      const ended = child.exited.then((exit) => `exited unexpectedly: ${describeExit(exit)}`);
      const stop = async (): Promise<void> => {
        await stopProcess(child);
      };
      try {
        const port = await child.waitForStderr(
          parseFortioListening,
          timeoutMs,
          'fortio server to listen',
        );
        return {
          pid: child.pid,
          port,
          path: fortioEchoPath(options.delayMs, options.payloadBytes),
          ended,
          stop,
        };
      } catch (error) {
        await stop();
        throw error;
      }
    },
  };
}

export function createLocalServer(id: ServerId, deps: LocalServerDeps): LocalServer {
  switch (id) {
    case 'builtin':
      return builtinServer(deps);
    case 'fortio':
      return fortioServer(deps);
  }
}
