// `mesh-perf load URL`: one trial of an engine (builtin or fortio) against any URL, printed as the
// same trial JSON either way, the way users run `fortio load`. The generator runs as its own
// process so its CPU and memory are measured too.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseDuration } from '../config/duration.js';
import { ConfigError } from '../errors.js';
import { autoWorkers } from '../load/builtin/schedule.js';
import { checkLoadSpec } from '../load/builtin/loadSpecJson.js';
import { createLocalEngine, fortioFinder } from '../load/localEngine.js';
import type { LoadSpec } from '../load/types.js';
import { ENGINES, type EngineId } from '../config/types.js';
import { execFileRunner } from '../process/processRunner.js';
import { judgeTrial } from '../results/trialValidity.js';
import { ExitCode } from '../errors.js';
import { bundledScripts } from './bundledScripts.js';
import { writeLine, type CliIo } from './io.js';

const OPTIONS = {
  rps: { type: 'string', default: '100' },
  connections: { type: 'string', default: '10' },
  duration: { type: 'string', default: '10s' },
  warmup: { type: 'string', default: '1s' },
  'request-timeout': { type: 'string', default: '10s' },
  workers: { type: 'string', default: 'auto' },
  engine: { type: 'string', default: 'builtin' },
  'max-error-rate': { type: 'string', default: '0.001' },
  cacert: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'server-name': { type: 'string' },
  out: { type: 'string' },
} as const;

const ALLOWED_FLAGS = Object.keys(OPTIONS)
  .map((name) => `--${name}`)
  .join(', ');

function numberFlag(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ConfigError(
      `${name} (--${name}): "${text}" is not ${integer ? 'a whole number' : 'a number'}`,
    );
  }
  return value;
}

function durationFlag(name: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new ConfigError(
      `${name} (--${name}): "${text}" is not a duration; allowed: a duration like 500ms, 10s or 5m`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

export function loadSpecFromArgs(argv: string[]): {
  spec: LoadSpec;
  engine: EngineId;
  maxErrorRate: number;
  out?: string;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError(
      `load: ${(error as Error).message}; allowed flags: ${ALLOWED_FLAGS}`,
      undefined,
      { cause: error },
    );
  }
  const { values, positionals } = parsed;
  const [url, ...extra] = positionals;
  if (url === undefined || extra.length > 0) {
    throw new ConfigError(
      'url: expected exactly one URL; allowed: mesh-perf load http(s)://HOST:PORT/PATH [flags]',
    );
  }
  const engine = ENGINES.find((id) => id === values.engine);
  if (engine === undefined) {
    throw new ConfigError(
      `engine (--engine): "${values.engine}" is not an engine; allowed: ${ENGINES.join(', ')}`,
    );
  }
  const rps = numberFlag('rps', values.rps, false);
  const connections = numberFlag('connections', values.connections, true);
  const workers =
    values.workers === 'auto'
      ? autoWorkers(rps, os.availableParallelism(), connections)
      : numberFlag('workers', values.workers, true);
  const maxErrorRate = numberFlag('max-error-rate', values['max-error-rate'], false);
  if (maxErrorRate < 0 || maxErrorRate > 1) {
    throw new ConfigError(
      `max-error-rate (--max-error-rate): ${maxErrorRate} is out of range; allowed: a fraction from 0 to 1`,
    );
  }
  const tlsFlags = [values.cacert, values.cert, values.key];
  if (values.cacert === undefined && tlsFlags.some((f) => f !== undefined)) {
    throw new ConfigError('cacert (--cacert): required with --cert/--key, to verify the server');
  }
  const spec = checkLoadSpec({
    url,
    rps,
    connections,
    durationMs: durationFlag('duration', values.duration),
    warmupMs: durationFlag('warmup', values.warmup),
    requestTimeoutMs: durationFlag('request-timeout', values['request-timeout']),
    workers,
    ...(values.cacert === undefined
      ? {}
      : {
          tls: {
            caFile: values.cacert,
            ...(values.cert === undefined ? {} : { certFile: values.cert }),
            ...(values.key === undefined ? {} : { keyFile: values.key }),
            ...(values['server-name'] === undefined ? {} : { serverName: values['server-name'] }),
          },
        }),
  });
  return { spec, engine, maxErrorRate, ...(values.out === undefined ? {} : { out: values.out }) };
}

export async function loadCommand(argv: string[], io: CliIo): Promise<number> {
  const { spec, engine: engineId, maxErrorRate, out } = loadSpecFromArgs(argv);
  const generator = createLocalEngine(engineId, {
    loadgenScript: bundledScripts(io.entryUrl).loadgen,
    fortio: fortioFinder(io.env, execFileRunner),
  });
  // Missing fortio is an infrastructure error (exit 3) that says how to install it.
  await generator.prepare();
  const outcome = await generator.runTrial(spec, {
    onProgress: (p) => {
      if (!io.stderr.isTTY) return;
      const rate = p.countsUnknown ? '' : ` rate ${p.currentRps.toFixed(1)}/s`;
      io.stderr.write(
        `\r\x1b[2K${p.phase} ${(p.elapsedMs / 1000).toFixed(1)}s/${(p.totalMs / 1000).toFixed(1)}s${rate}`,
      );
    },
  });
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
  const { engine } = outcome;
  const judgement = engine
    ? judgeTrial({
        engine,
        mesh: 'none',
        mtlsVerified: false,
        maxErrorRate,
        faults: outcome.faults,
      })
    : { valid: false, invalidReasons: outcome.faults };
  const trial = { ...engine, resources: outcome.resources, ...judgement };
  const json = JSON.stringify(trial, null, 2);
  writeLine(io.stdout, json);
  if (out !== undefined) await writeFile(out, `${json}\n`);
  if (!judgement.valid)
    writeLine(io.stderr, `mesh-perf: trial is not valid: ${judgement.invalidReasons.join('; ')}`);
  return judgement.valid ? ExitCode.Pass : ExitCode.Infrastructure;
}
