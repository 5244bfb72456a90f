// `mesh-perf report RESULT.json [--format table|markdown|json]`: renders a stored result document.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { renderMarkdownReport } from '../report/markdown.js';
import { renderTerminalReport } from '../report/terminalTable.js';
import { resultDocumentSchema, type ResultDocument } from '../results/schema.js';
import { writeLine, type CliIo } from './io.js';

const FORMATS = ['table', 'markdown', 'json'] as const;

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
      options: { format: { type: 'string', default: 'table' } },
    });
  } catch (error) {
    throw new ConfigError(
      `report: ${(error as Error).message}; allowed: RESULT.json [--format ${FORMATS.join('|')}]`,
    );
  }
  const format = parsed.values.format;
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw new ConfigError(
      `format (--format): "${format}" is not a report format; allowed: ${FORMATS.join(', ')}`,
    );
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    throw new ConfigError(
      'report: expects exactly one RESULT.json path; allowed: mesh-perf report RESULT.json [--format table|markdown|json]',
    );
  }
  const document = await readResultDocument(file);
  const headline =
    document.run.faults.length > 0
      ? '**Infrastructure error**: see below.'
      : `Run ${document.run.id}`;
  const rendered =
    format === 'json'
      ? JSON.stringify(document, null, 2)
      : format === 'markdown'
        ? renderMarkdownReport(document, headline)
        : renderTerminalReport(document, file);
  writeLine(io.stdout, rendered);
  return 0;
}
