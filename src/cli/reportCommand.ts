// `mesh-perf report RESULT.json [--format table|markdown|json|smp] [--baseline FILE]`: renders a
// stored result document; `smp` is the Service Mesh Performance spec's shape, and a baseline
// document adds its line to the markdown's percentile charts.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { renderMarkdownReport } from '../report/markdown.js';
import { toSmp } from '../report/smp/smpExport.js';
import { renderTerminalReport } from '../report/terminalTable.js';
import { resultDocumentSchema, type ResultDocument } from '../results/schema.js';
import { writeLine, type CliIo } from './io.js';

const FORMATS = ['table', 'markdown', 'json', 'smp'] as const;
type Format = (typeof FORMATS)[number];
const SYNOPSIS = `RESULT.json [--format ${FORMATS.join('|')}] [--baseline FILE]`;

export async function readResultDocument(file: string): Promise<ResultDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`result: cannot read "${file}": ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`result: "${file}" is not JSON: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  const parsed = resultDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new ConfigError(
      `result: "${file}" is not a mesh-perf/v1 result document:\n  ${problems.join('\n  ')}`,
      problems,
    );
  }
  return parsed.data;
}

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'table' }, baseline: { type: 'string' } },
    });
  } catch (error) {
    throw new ConfigError(`report: ${(error as Error).message}; allowed: ${SYNOPSIS}`);
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new ConfigError(
      `format (--format): "${format}" is not a report format; allowed: ${FORMATS.join(', ')}`,
    );
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    throw new ConfigError(
      `report: expects exactly one RESULT.json path; allowed: mesh-perf report ${SYNOPSIS}`,
    );
  }
  const document = await readResultDocument(file);
  const baselineFile = parsed.values.baseline;
  const baseline = baselineFile === undefined ? null : await readResultDocument(baselineFile);
  writeLine(io.stdout, render(format, document, file, baseline));
  return 0;
}

function render(
  format: Format,
  document: ResultDocument,
  file: string,
  baseline: ResultDocument | null,
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(document, null, 2);
    case 'smp':
      return JSON.stringify(toSmp(document), null, 2);
    case 'markdown':
      // The headline comes from the document's verdict, or from its faults when it has none.
      return renderMarkdownReport(document, undefined, { baseline });
    case 'table':
      return renderTerminalReport(document, file);
  }
}
