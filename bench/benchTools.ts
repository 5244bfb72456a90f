// The load generators `npm run bench` compares, each run the way mesh-perf or its users run it,
// against the same server: one row of achieved rate, latency and generator CPU per run.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { autoWorkers } from '../src/load/builtin/schedule.js';
import type { FortioBinary } from '../src/load/fortio/fortioBinary.js';
import { runFortioTrial } from '../src/load/fortio/fortioLocalRunner.js';
import { runLocalTrial, type LocalTrialOutcome } from '../src/load/localLoadgen.js';
import type { LoadSpec } from '../src/load/types.js';
import { resourcesInWindow, startProcSampler } from '../src/metrics/procSampler.js';
import { MIN_RATE_FRACTION } from '../src/results/trialValidity.js';
import { startNodeScript, stopScript } from '../src/process/nodeScript.js';

export interface Row {
  tool: string;
  rps: number;
  connections: number;
  achievedRps: number;
  p50: number;
  p99: number;
  max: number;
  cpuSeconds: number;
  requests: number;
  /** Why the trial would not count (fell behind, errors); empty when valid. */
  notes: string[];
}

export interface Load {
  url: string;
  rps: number;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** The server's fixed delay (fortio's histogram offset). */
  delayMs: number;
}

export async function startServer(
  serverScript: string,
  options: { delayMs: number; stall?: { afterMs: number; forMs: number } },
): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const server = startNodeScript(serverScript, [
    JSON.stringify({ host: '127.0.0.1', port: 0, payloadBytes: 0, ...options }),
  ]);
  const port = await server.waitFor(
    (line) => (line as { type?: string; port?: number }).port,
    10_000,
    'the benchmark server',
  );
  return { url: `http://127.0.0.1:${port}/echo`, stop: () => stopScript(server) };
}

function spec(load: Load): LoadSpec {
  return {
    url: load.url,
    rps: load.rps,
    connections: load.connections,
    durationMs: load.durationMs,
    warmupMs: load.warmupMs,
    requestTimeoutMs: 10_000,
    workers: autoWorkers(load.rps, os.availableParallelism(), load.connections),
  };
}

function rowOf(tool: string, load: Load, outcome: LocalTrialOutcome): Row {
  const engine = outcome.engine;
  if (!engine) throw new Error(`${tool} produced no result: ${outcome.faults.join('; ')}`);
  const row = {
    tool,
    rps: load.rps,
    connections: load.connections,
    achievedRps: engine.achievedRps,
    p50: engine.latencyMs.p50,
    p99: engine.latencyMs.p99,
    max: engine.latencyMs.max,
    cpuSeconds: outcome.resources.client?.cpuSeconds ?? NaN,
    requests: engine.requests,
  };
  return judged(row, [
    ...outcome.faults,
    ...(engine.errors.total > 0 ? [`${engine.errors.total} errors`] : []),
  ]);
}

export async function builtin(loadgenScript: string, load: Load): Promise<Row> {
  return rowOf('mesh-perf builtin', load, await runLocalTrial(spec(load), { loadgenScript }));
}

/** fortio as the fortio engine runs it: a warm-up run, then the measured run, same argv. */
export async function fortio(fortioBinary: FortioBinary, load: Load): Promise<Row> {
  const outcome = await runFortioTrial(spec(load), {
    binary: fortioBinary.path,
    latencyFloorMs: load.delayMs,
  });
  return rowOf(`fortio ${fortioBinary.version}`, load, outcome);
}

/** fortio with a flag the engine leaves off: -nocatchup or -uniform. */
export async function fortioWith(
  flag: 'nocatchup' | 'uniform',
  fortioBinary: FortioBinary,
  load: Load,
): Promise<Row> {
  const outcome = await runFortioTrial(spec(load), {
    binary: fortioBinary.path,
    latencyFloorMs: load.delayMs,
    ...(flag === 'nocatchup' ? { noCatchup: true } : { uniform: true }),
  });
  return rowOf(`fortio ${fortioBinary.version} -${flag}`, load, outcome);
}

/** Why a trial like this would not count: judged as mesh-perf judges every trial. */
function judged(row: Omit<Row, 'notes'>, notes: string[]): Row {
  const rate =
    row.achievedRps < row.rps * MIN_RATE_FRACTION
      ? [`achieved rate under ${MIN_RATE_FRACTION * 100}% of the requested`]
      : [];
  return { ...row, notes: [...notes, ...rate] };
}

interface AutocannonJson {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  duration: number;
  non2xx: number;
  errors: number;
}

/** autocannon at a fixed overall rate; its CPU is sampled over the measured part the same way. */
export async function autocannon(repo: string, load: Load): Promise<Row> {
  const bin = path.join(repo, 'node_modules', 'autocannon', 'autocannon.js');
  const seconds = Math.round(load.durationMs / 1000);
  const child = spawn(
    process.execPath,
    [
      bin,
      '-c',
      String(load.connections),
      '-d',
      String(seconds),
      '-R',
      String(load.rps),
      '-C',
      '-j',
      load.url,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  if (child.pid === undefined) throw new Error('could not start autocannon');
  const sampler = startProcSampler(new Map([['client', child.pid]]));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const started = Date.now();
  await new Promise((resolve) => child.on('close', resolve));
  const ended = Date.now();
  const samples = (await sampler.stop()).get('client') ?? [];
  const result = JSON.parse(stdout) as AutocannonJson;
  // autocannon has no separate warm-up; its whole run is the window (start-up excluded: 0.5 s).
  const cpu = resourcesInWindow(samples, started + 500, ended);
  const failed = result.non2xx + result.errors;
  const row = {
    tool: 'autocannon 9 (-R -C)',
    rps: load.rps,
    connections: load.connections,
    achievedRps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    cpuSeconds: ((cpu?.cpuCores ?? NaN) * (ended - started)) / 1000,
    requests: result.requests.total,
  };
  return judged(row, failed > 0 ? [`${failed} errors`] : []);
}
