// `mesh-perf compare BASELINE.json CURRENT.json`: the gate on two stored result documents, with
// the same thresholds, floors, confidence and fail-on as a run (flags, or a config file's keys).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodeFor, fileReference, gate } from '../compare/gate.js';
import { gateOptionsFromConfig } from '../compare/gateOptions.js';
import { loadConfig } from '../config/loadConfig.js';
import { ConfigError } from '../errors.js';
import { renderVerdictMarkdown, renderVerdictTable } from '../report/verdictTerminal.js';
import type { ResultDocument } from '../results/schema.js';
import { writeLine, type CliIo } from './io.js';
import { readResultDocument } from './reportCommand.js';

const FORMATS = ['table', 'markdown', 'json'] as const;

/** The configuration keys that shape the verdict; compare accepts these as flags. */
export const GATE_KEYS = [
  'threshold-p50',
  'threshold-p99',
  'threshold-p999',
  'threshold-cpu',
  'threshold-memory',
  'error-rate-cap',
  'floor-latency',
  'floor-cpu',
  'floor-memory',
  'confidence',
  'fail-on',
] as const;

const FLAGS = ['--format', '--out', '--config', ...GATE_KEYS.map((k) => `--${k}`)];
const USAGE = `mesh-perf compare BASELINE.json CURRENT.json [--format ${FORMATS.join('|')}] [--out FILE] [--config FILE] [${GATE_KEYS.map((k) => `--${k} V`).join('] [')}]`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        config: { type: 'string' },
        ...Object.fromEntries(GATE_KEYS.map((k) => [k, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new ConfigError(
      `compare: ${(error as Error).message}; allowed: ${FLAGS.join(', ')}`,
      undefined,
      { cause: error },
    );
  }
}

export async function compareCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(
      `format (--format): "${format}" is not a compare format; allowed: ${FORMATS.join(', ')}`,
    );
  }
  const [baselineFile, currentFile, ...extra] = positionals;
  if (baselineFile === undefined || currentFile === undefined || extra.length > 0) {
    throw new ConfigError(
      `compare: expects exactly two result documents, the baseline then the current; allowed: ${USAGE}`,
    );
  }
  // The gate's flags go through the one configuration schema: same parsing, same messages.
  const flags = [
    ...(values.config === undefined ? [] : ['--config', values.config]),
    ...GATE_KEYS.flatMap((key) => {
      const given = (values as Record<string, string | boolean | undefined>)[key];
      return typeof given === 'string' ? [`--${key}=${given}`] : [];
    }),
  ];
  const config = await loadConfig({ flags });
  const baseline = await readResultDocument(baselineFile);
  const current = await readResultDocument(currentFile);
  const verdict = gate(
    current,
    fileReference(baseline, baselineFile),
    gateOptionsFromConfig(config),
  );

  if (values.out !== undefined) {
    const withVerdict: ResultDocument = { ...current, verdict };
    await mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
    await writeFile(values.out, `${JSON.stringify(withVerdict, null, 2)}\n`);
  }
  const rendered =
    format === 'json'
      ? JSON.stringify(verdict, null, 2)
      : format === 'markdown'
        ? renderVerdictMarkdown(verdict)
        : renderVerdictTable(verdict);
  writeLine(io.stdout, rendered);
  return exitCodeFor(verdict, config.failOn);
}
