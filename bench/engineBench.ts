// `npm run bench`: the load generators against ground truth. A local server answers after a known,
// fixed delay; at each rate the builtin engine, fortio (as the fortio engine runs it) and autocannon
// (same rate, same connections, same server, same run) report achieved rate, p50 and p99 minus the
// true delay, and their CPU per 10k requests. Then the server stalls once for 1 s, and each reports
// its p99: the cost of coordinated omission. Writes bench/results.md; BENCH_SECONDS=2 is a quick
// check that prints the tables without writing the file.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFortio } from '../src/load/fortio/fortioBinary.js';
import { execFileRunner } from '../src/process/processRunner.js';
import { localEnvironment } from '../src/results/environment.js';
import {
  autocannon,
  builtin,
  fortio,
  fortioWith,
  startServer,
  type Load,
  type Row,
} from './benchTools.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const serverScript = path.join(here, 'server.mjs');
const loadgenScript = path.join(here, 'loadgen.mjs');
const DELAY_MS = 10;
const quick = process.env.BENCH_SECONDS !== undefined;
const DURATION_MS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10)) * 1000;
const WARMUP_MS = Math.min(2000, DURATION_MS / 2);
const RATES = [
  { rps: 500, connections: 50 },
  { rps: 2000, connections: 100 },
  { rps: 5000, connections: 200 },
];
/** Many calls per connection, so that one stuck call per connection is under 1 % of the calls. */
const STALL = { rps: 200, connections: 10, forMs: 1000 };

const fmt = (value: number, digits = 2): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const rateError = (r: Row): string => `${fmt(((r.achievedRps - r.rps) / r.rps) * 100)}%`;

function ratesTable(rows: readonly Row[]): string {
  const lines = [
    '| Tool | Target RPS | Conns | Achieved RPS | Rate error | p50 − delay (ms) | p99 − delay (ms) | CPU s / 10k req |',
    '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.tool} | ${r.rps} | ${r.connections} | ${fmt(r.achievedRps, 1)} | ${rateError(r)} | ${fmt(r.p50 - DELAY_MS)} | ${fmt(r.p99 - DELAY_MS)} | ${fmt((r.cpuSeconds / r.requests) * 10_000, 3)} |`,
    );
  }
  return lines.join('\n');
}

function stallTable(rows: readonly Row[]): string {
  const lines = [
    '| Tool | Achieved RPS | p50 (ms) | p99 (ms) | max (ms) | Would the trial count? |',
    '| :--- | ---: | ---: | ---: | ---: | :--- |',
  ];
  for (const r of rows) {
    const verdict = r.notes.length === 0 ? 'yes' : `no: ${r.notes.join('; ')}`;
    lines.push(
      `| ${r.tool} | ${fmt(r.achievedRps, 1)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}

/** Each tool against a fresh server that stalls once, a third into the tool's measured time. */
async function stallRows(fortioBinary: Awaited<ReturnType<typeof findFortio>>): Promise<Row[]> {
  const tools: [number, (load: Load) => Promise<Row>][] = [
    [WARMUP_MS, (load) => builtin(loadgenScript, load)],
    [WARMUP_MS, (load) => fortio(fortioBinary, load)],
    [WARMUP_MS, (load) => fortioWith('nocatchup', fortioBinary, load)],
    [0, (load) => autocannon(repo, { ...load, warmupMs: 0 })],
  ];
  const rows: Row[] = [];
  for (const [warmupMs, run] of tools) {
    const afterMs = warmupMs + DURATION_MS / 3;
    const server = await startServer(serverScript, {
      delayMs: DELAY_MS,
      stall: { afterMs, forMs: STALL.forMs },
    });
    try {
      rows.push(
        await run({
          url: server.url,
          rps: STALL.rps,
          connections: STALL.connections,
          durationMs: DURATION_MS,
          warmupMs,
          delayMs: DELAY_MS,
        }),
      );
    } finally {
      await server.stop();
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const env = await localEnvironment();
  const fortioBinary = await findFortio({ env: process.env, runner: execFileRunner });
  const server = await startServer(serverScript, { delayMs: DELAY_MS });
  const rows: Row[] = [];
  try {
    for (const { rps, connections } of RATES) {
      process.stderr.write(`bench: ${rps} RPS over ${connections} connections\n`);
      const load = {
        url: server.url,
        rps,
        connections,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        delayMs: DELAY_MS,
      };
      rows.push(await builtin(loadgenScript, load));
      rows.push(await fortio(fortioBinary, load));
      rows.push(await fortioWith('uniform', fortioBinary, load));
      rows.push(await autocannon(repo, load));
    }
  } finally {
    await server.stop();
  }
  process.stderr.write(
    `bench: a ${STALL.forMs} ms stall at ${STALL.rps} RPS over ${STALL.connections} connections\n`,
  );
  const stalls = await stallRows(fortioBinary);
  const seconds = DURATION_MS / 1000;
  const markdown = [
    '# Engine benchmark',
    '',
    `Ground truth: the builtin server on loopback answers every request no sooner than ${DELAY_MS} ms after it arrived (Node timers have 1 ms resolution and can fire early by the monotonic clock, so the server tops an early timer up; its answers therefore run up to about 2 ms late, the same for every tool). Each tool runs ${seconds} s at a fixed rate (the builtin engine and fortio after a ${WARMUP_MS / 1000} s warm-up), one after the other, in the same run against the same server.`,
    `Latency is what each tool reports: the builtin engine from the intended send time; fortio ${fortioBinary.version} (as \`--engine fortio\` runs it: \`-r 0.00005 -offset ${DELAY_MS}ms\`, default catch-up, no -uniform or -jitter; its histogram converted as the engine converts it) and autocannon from the actual send (\`-C\`: without \`-C\`, autocannon at a fixed rate pads its histogram with synthetic samples, ~10 per real request here, and reports a p50 below the server delay).`,
    "CPU is the load generator's user+system time from /proc over the measured window, per 10,000 requests. The `-uniform` rows are fortio with its connections staggered evenly, as the builtin engine spaces its requests: the difference to the plain fortio rows is what fortio's default bursts (every connection firing at the same instant) cost.",
    '',
    ratesTable(rows),
    '',
    `## A server that stalls once for ${STALL.forMs / 1000} s`,
    '',
    `${STALL.rps} RPS over ${STALL.connections} connections for ${seconds} s; a third of the way into each tool's measured time the server holds every answer until the stall ends (then adds its ${DELAY_MS} ms). About ${(STALL.rps * STALL.forMs) / 1000} requests fell due during the stall. A generator that measures from the intended send time puts each one's wait into its latency; one that measures from the actual send records one stuck call per connection (${STALL.connections}) and sends the rest late, at normal latency.`,
    '',
    stallTable(stalls),
    '',
    `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, ${env.os}, ${env.kernel}, Node ${env.nodeVersion}. Run ${new Date().toISOString().slice(0, 10)}.`,
    '',
  ].join('\n');
  if (!quick) await writeFile(path.join(repo, 'bench', 'results.md'), markdown);
  else
    process.stderr.write(
      'bench: BENCH_SECONDS is set: a quick check, bench/results.md is left as it is\n',
    );
  process.stdout.write(markdown);
}

await main();
