// Bundles every entry point into dist/ with esbuild: one self-contained file each, so the action
// runs without node_modules and the load generator / server can be mounted into a pod on their own.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';

// CommonJS dependencies call require() for Node built-ins; an ESM bundle needs one provided.
const requireShim =
  "import { createRequire as __meshPerfCreateRequire } from 'node:module';\n" +
  'const require = __meshPerfCreateRequire(import.meta.url);';

export const entries = {
  main: { in: 'src/entry/main.ts', out: 'main.js' },
  post: { in: 'src/entry/post.ts', out: 'post.js' },
  cli: { in: 'src/entry/cli.ts', out: 'cli.js', shebang: true },
  // .mjs: these two are copied alone into pods (ConfigMap), where no package.json says "module".
  loadgen: { in: 'src/load/builtin/loadgenMain.ts', out: 'loadgen.mjs' },
  server: { in: 'src/server/serverMain.ts', out: 'server.mjs' },
  // Not shipped: `npm run bench` builds these into .bench-build/ beside the scripts they drive.
  bench: { in: 'bench/engineBench.ts', out: 'engineBench.mjs', internal: true },
  gateBench: { in: 'bench/gateCalibration.ts', out: 'gateCalibration.mjs', internal: true },
  runNoise: { in: 'bench/runNoise.ts', out: 'runNoise.mjs', internal: true },
};
const shipped = Object.keys(entries).filter((name) => !entries[name].internal);

export async function buildEntries(outdir, names = shipped) {
  await Promise.all(
    names.map(async (name) => {
      const entry = entries[name];
      if (!entry) throw new Error(`unknown entry ${name}`);
      await build({
        entryPoints: [entry.in],
        outfile: `${outdir}/${entry.out}`,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        legalComments: 'none',
        logLevel: process.argv.includes('--skip-missing') ? 'silent' : 'warning',
        banner: { js: (entry.shebang ? '#!/usr/bin/env node\n' : '') + requireShim },
      });
      // The bin must be executable for `npx mesh-perf`; git keeps the mode for fresh clones.
      if (entry.shebang) await chmod(`${outdir}/${entry.out}`, 0o755);
    }),
  );
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      outdir: { type: 'string', default: 'dist' },
      only: { type: 'string' },
      // Tests build whatever entries exist so far.
      'skip-missing': { type: 'boolean', default: false },
    },
  });
  let names = values.only ? values.only.split(',') : shipped;
  if (values['skip-missing']) names = names.filter((name) => existsSync(entries[name]?.in ?? ''));
  if (!values.only) await rm(values.outdir, { recursive: true, force: true });
  if (values['skip-missing']) {
    // Tolerant mode for tests: an entry that does not build yet must not stop the others.
    for (const name of names) {
      await buildEntries(values.outdir, [name]).catch(() => console.warn(`build: skipped ${name}`));
    }
  } else {
    await buildEntries(values.outdir, names);
  }
}
