// `npm run bench`: the builtin engine against ground truth. A local server answers after a known,
// fixed delay; at each rate the engine and autocannon (same rate, same connections, same server,
// same run) report achieved rate, p50 and p99 minus the true delay, and their CPU per 10k requests.
// Writes bench/results.md.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeScript, stopScript } from '../src/process/nodeScript.js';
import { resourcesInWindow, startProcSampler } from '../src/metrics/procSampler.js';
import { autoWorkers } from '../src/load/builtin/schedule.js';
import { runLocalTrial } from '../src/load/localLoadgen.js';
import { localEnvironment } from '../src/results/environment.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const DELAY_MS = 10;
const WARMUP_MS = 2000;
const DURATION_MS = 10_000;
const RATES = [
  { rps: 500, connections: 50 },
  { rps: 2000, connections: 100 },
  { rps: 5000, connections: 200 },
];

interface Row {
  tool: string;
  rps: number;
  connections: number;
  achievedRps: number;
  p50: number;
  p99: number;
  cpuSeconds: number;
  requests: number;
}

async function startServer(): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const server = startNodeScript(path.join(here, 'server.mjs'), [
    JSON.stringify({ host: '127.0.0.1', port: 0, delayMs: DELAY_MS, payloadBytes: 0 }),
  ]);
  const port = await server.waitFor(
    (line) => (line as { type?: string; port?: number }).port,
    10_000,
    'the benchmark server',
  );
  return { url: `http://127.0.0.1:${port}/echo`, stop: () => stopScript(server) };
}

async function builtin(url: string, rps: number, connections: number): Promise<Row> {
  const outcome = await runLocalTrial(
    {
      url,
      rps,
      connections,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      requestTimeoutMs: 10_000,
      workers: autoWorkers(rps, os.availableParallelism(), connections),
    },
    { loadgenScript: path.join(here, 'loadgen.mjs') },
  );
  const engine = outcome.engine;
  if (!engine) throw new Error(`builtin engine failed: ${outcome.faults.join('; ')}`);
  return {
    tool: 'mesh-perf builtin',
    rps,
    connections,
    achievedRps: engine.achievedRps,
    p50: engine.latencyMs.p50,
    p99: engine.latencyMs.p99,
    cpuSeconds: outcome.resources.client?.cpuSeconds ?? NaN,
    requests: engine.requests,
  };
}

interface AutocannonJson {
  requests: { total: number };
  latency: { p50: number; p99: number };
  duration: number;
}

/** autocannon at a fixed overall rate; its CPU is sampled over the measured part the same way. */
async function autocannon(url: string, rps: number, connections: number): Promise<Row> {
  const bin = path.join(repo, 'node_modules', 'autocannon', 'autocannon.js');
  const seconds = DURATION_MS / 1000;
  const child = spawn(
    process.execPath,
    [bin, '-c', String(connections), '-d', String(seconds), '-R', String(rps), '-C', '-j', url],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
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
  return {
    tool: 'autocannon 9 (-R -C)',
    rps,
    connections,
    achievedRps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuSeconds: ((cpu?.cpuCores ?? NaN) * (ended - started)) / 1000,
    requests: result.requests.total,
  };
}

const fmt = (value: number, digits = 2): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function table(rows: readonly Row[]): string {
  const lines = [
    '| Tool | Target RPS | Conns | Achieved RPS | Rate error | p50 − delay (ms) | p99 − delay (ms) | CPU s / 10k req |',
    '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.tool} | ${r.rps} | ${r.connections} | ${fmt(r.achievedRps, 1)} | ${fmt(((r.achievedRps - r.rps) / r.rps) * 100)}% | ${fmt(r.p50 - DELAY_MS)} | ${fmt(r.p99 - DELAY_MS)} | ${fmt((r.cpuSeconds / r.requests) * 10_000, 3)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const env = await localEnvironment();
  const server = await startServer();
  const rows: Row[] = [];
  try {
    for (const { rps, connections } of RATES) {
      process.stderr.write(`bench: ${rps} RPS over ${connections} connections\n`);
      rows.push(await builtin(server.url, rps, connections));
      rows.push(await autocannon(server.url, rps, connections));
    }
  } finally {
    await server.stop();
  }
  const markdown = [
    '# Engine benchmark',
    '',
    `Ground truth: the builtin server on loopback answers every request no sooner than ${DELAY_MS} ms after it arrived (Node timers have 1 ms resolution and can fire early by the monotonic clock, so the server tops an early timer up; its answers therefore run up to about 2 ms late, the same for every tool). Each tool runs ${DURATION_MS / 1000} s at a fixed rate (the builtin engine after a ${WARMUP_MS / 1000} s warm-up), one after the other, in the same run against the same server.`,
    'Latency is what each tool reports: the builtin engine from the intended send time; autocannon from the actual send (`-C`: without `-C`, autocannon at a fixed rate pads its histogram with synthetic samples, ~10 per real request here, and reports a p50 below the server delay).',
    "CPU is the load generator's user+system time from /proc, per 10,000 requests.",
    '',
    table(rows),
    '',
    `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, ${env.os}, ${env.kernel}, Node ${env.nodeVersion}. Run ${new Date().toISOString().slice(0, 10)}.`,
    '',
  ].join('\n');
  await writeFile(path.join(repo, 'bench', 'results.md'), markdown);
  process.stdout.write(markdown);
}

await main();
