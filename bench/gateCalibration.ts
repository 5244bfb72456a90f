// `npm run bench` (after the engine bench) or `npm run bench:gate`: the gate's power, measured with
// real local runs of the CLI. Each round makes a baseline, a second run with the same settings and
// one run per injected delay (+5 %, +10 %, +30 % of the server delay), then compares the round's
// baseline with each of the others with the gate's defaults. Every row's pairs are disjoint (one
// per round), so its frequencies are counts of independent comparisons. Writes bench/gate-results.md.
//
// Settings come from the environment (defaults: those of test/e2e/gateFlow.test.ts, on a 20 ms
// server), so a quick check and a full run use the same code:
//   GATE_BENCH_ROUNDS (20), GATE_BENCH_RPS (500), GATE_BENCH_CONNECTIONS (50),
//   GATE_BENCH_DURATION (4s), GATE_BENCH_WARMUP (1s), GATE_BENCH_REPETITIONS (6),
//   GATE_BENCH_SERVER_DELAY (20ms: a multiple of 20 ms, so +5 % is a whole millisecond),
//   GATE_BENCH_OUT (bench/gate-results.md).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileReference, gate } from '../src/compare/gate.js';
import { gateOptionsFromConfig } from '../src/compare/gateOptions.js';
import { parseDuration } from '../src/config/duration.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { localEnvironment } from '../src/results/environment.js';
import { resultDocumentSchema, type ResultDocument } from '../src/results/schema.js';
import { addVerdict, emptyRows, renderTable, roundRuns, type CalibrationRun } from './gateTally.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function setting(name: string, fallback: string): string {
  const value = process.env[`GATE_BENCH_${name}`];
  return value === undefined || value === '' ? fallback : value;
}

const settings = {
  rounds: Number(setting('ROUNDS', '20')),
  rps: setting('RPS', '500'),
  connections: setting('CONNECTIONS', '50'),
  duration: setting('DURATION', '4s'),
  warmup: setting('WARMUP', '1s'),
  repetitions: setting('REPETITIONS', '6'),
  serverDelay: setting('SERVER_DELAY', '20ms'),
  out: path.resolve(repo, setting('OUT', path.join('bench', 'gate-results.md'))),
};

/** Runs `mesh-perf run` as a user would, outside Actions (baseline none); returns its document. */
async function measureOnce(run: CalibrationRun, out: string): Promise<ResultDocument> {
  const args = [
    path.join(here, 'cli.js'),
    'run',
    '--mesh',
    'none',
    '--rps',
    settings.rps,
    '--connections',
    settings.connections,
    '--duration',
    settings.duration,
    '--warmup',
    settings.warmup,
    '--repetitions',
    settings.repetitions,
    '--server-delay',
    settings.serverDelay,
    '--inject-delay',
    `${run.injectMs}ms`,
    '--baseline',
    'none',
    '--out',
    out,
  ];
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('GITHUB_')),
  );
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // 0: measured; 3: measured with faults or invalid trials (the gate makes that infra-error).
  if (code !== 0 && code !== 3) {
    throw new Error(`mesh-perf run exited ${String(code)}: ${stderr.slice(-2000)}`);
  }
  return resultDocumentSchema.parse(JSON.parse(await readFile(out, 'utf8')) as unknown);
}

async function main(): Promise<void> {
  const serverDelayMs = parseDuration(settings.serverDelay);
  const rows = emptyRows(serverDelayMs);
  const options = gateOptionsFromConfig(await loadConfig({ flags: [] }));
  const work = await mkdtemp(path.join(os.tmpdir(), 'gate-bench-'));
  const started = Date.now();
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const documents = new Map<string, ResultDocument>();
      for (const run of roundRuns(round, serverDelayMs)) {
        process.stderr.write(
          `gate bench: round ${round + 1}/${settings.rounds}, ${run.kind} (+${run.injectMs} ms)\n`,
        );
        documents.set(
          run.kind,
          await measureOnce(run, path.join(work, `${round}-${run.kind}.json`)),
        );
      }
      const baseline = documents.get('baseline');
      if (!baseline) throw new Error('the round has no baseline run');
      const reference = fileReference(baseline, 'baseline');
      for (const row of rows) {
        const current = documents.get(row.kind);
        if (current) addVerdict(row, gate(current, reference, options));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const env = await localEnvironment();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const markdown = [
    '# Gate calibration',
    '',
    `Real local runs of \`mesh-perf run --mesh none --rps ${settings.rps} --connections ${settings.connections} --duration ${settings.duration} --warmup ${settings.warmup} --repetitions ${settings.repetitions} --server-delay ${settings.serverDelay}\`, ${settings.rounds} round(s). Each round measures a baseline, a second run with the same settings and one run per injected delay (\`--inject-delay\`), in an order that rotates from round to round; the baseline is compared with each of the others by the gate with its defaults (Welch, 95 % one-sided, Holm over every metric; p50 and p99 thresholds 10 %, floor 1 ms). Each row counts one comparison per round, none sharing a run with another in the same row.`,
    '',
    renderTable(rows),
    '',
    'A/A: every fail is a false alarm (the design bounds it at 5 %). The injected rows are regressions the gate should report once they reach the threshold: +5 % of the server delay is about half of it, +10 % just under it (p50 is the server delay plus the generator and loopback time), +30 % well above. "Median detectable p99 change" is the smallest p99 change those trials could have detected with 80 % power.',
    '',
    `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, ${env.os}, ${env.kernel}, Node ${env.nodeVersion}. Run ${new Date().toISOString().slice(0, 10)}, ${minutes} min.`,
    '',
  ].join('\n');
  await writeFile(settings.out, markdown);
  process.stdout.write(markdown);
}

await main();
