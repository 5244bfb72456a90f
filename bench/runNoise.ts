// The run-to-run noise study on a directory of real runs: aa-*.json (runs with the same settings)
// and inject-*.json (the same plus a known injected delay), as test/fixtures/run-noise/README.md
// says how to make. Prints τ per metric, the mean server and client CPU by repetition (warm-up
// drift), and how often the gate fails A/A pairs and catches +30 % regressions with no run-to-run
// term, a default, and history. `node scripts/build.mjs --outdir .bench-build --only runNoise`,
// then `node .bench-build/runNoise.mjs DIR`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gateOptionsFromConfig } from '../src/compare/gateOptions.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { resultDocumentSchema, type ResultDocument } from '../src/results/schema.js';
import {
  aaPairs,
  meanByRepetition,
  priorFrom,
  tallyPairs,
  tauOf,
  withCpuScaled,
  type NoiseMode,
  type Pair,
  type PairTally,
} from './runNoiseTally.js';

async function runs(dir: string, prefix: string): Promise<ResultDocument[]> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.json'));
  return Promise.all(
    names.sort().map(async (name) => {
      const json = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as unknown;
      return resultDocumentSchema.parse(json);
    }),
  );
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function line(label: string, tally: PairTally): string {
  const rows = Object.entries(tally.failedRows)
    .map(([row, n]) => `${row} ${n}`)
    .join(', ');
  return `| ${label} | ${tally.pairs} | ${tally.fail} (${pct(tally.fail / tally.pairs)}) | ${rows || '-'} |`;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: node .bench-build/runNoise.mjs DIR');
  const aa = await runs(dir, 'aa-');
  const injected = await runs(dir, 'inject-');
  const options = gateOptionsFromConfig(await loadConfig({ flags: [] }));
  const out: string[] = [`${aa.length} A/A runs, ${injected.length} runs with injected delay`, ''];

  out.push('| metric | τ | df | runs |', '| --- | ---: | ---: | ---: |');
  for (const metric of ['latency-p50', 'latency-p99', 'latency-p999'] as const) {
    const t = tauOf(aa, { metric, component: null });
    if (t) out.push(`| ${metric} | ${pct(t.tau)} | ${t.df.toFixed(1)} | ${t.runs} |`);
  }
  for (const metric of ['cpu', 'memory'] as const) {
    for (const component of ['client', 'server'] as const) {
      const t = tauOf(aa, { metric, component });
      if (t)
        out.push(`| ${metric} ${component} | ${pct(t.tau)} | ${t.df.toFixed(1)} | ${t.runs} |`);
    }
  }
  out.push('', `default from these A/A runs: ${JSON.stringify(priorFrom(() => aa))}`, '');

  for (const component of ['server', 'client'] as const) {
    const byRep = meanByRepetition(aa, { metric: 'cpu', component });
    out.push(`cpu ${component} by repetition: ${byRep.map((v) => v.toFixed(4)).join(' ')}`);
  }
  out.push('');

  const pairsAa = aaPairs(aa);
  const injectPairs: Pair[] = aa.flatMap((baseline, i) =>
    injected.map((current) => ({
      baseline,
      current,
      history: aa,
      prior: priorFrom(() => aa.filter((_, k) => k !== i)),
    })),
  );
  const cpuPairs = (component: 'client' | 'server'): Pair[] =>
    pairsAa.map((p) => ({ ...p, current: withCpuScaled(p.current, component, 1.3) }));

  out.push('| comparison, run-to-run term | pairs | verdict fail | failed rows |');
  out.push('| --- | ---: | ---: | --- |');
  const modes: NoiseMode[] = ['none', 'series-prior', 'default', 'history'];
  for (const mode of modes) out.push(line(`A/A, ${mode}`, tallyPairs(pairsAa, mode, options)));
  for (const mode of injected.length > 0 ? modes : []) {
    out.push(line(`+3 ms injected, ${mode}`, tallyPairs(injectPairs, mode, options)));
  }
  for (const component of ['client', 'server'] as const) {
    for (const mode of modes) {
      const tally = tallyPairs(cpuPairs(component), mode, options);
      out.push(line(`cpu ${component} x1.3, ${mode}`, tally));
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
