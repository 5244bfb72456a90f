// The YAML config file (`--config` / input `config`): a mapping of the same keys as the flags and
// inputs. Unknown keys are errors, since a typo silently ignored would measure the wrong thing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  CONFIG_FIELD,
  FIELD_KEYS,
  invalidConfiguration,
  isFieldKey,
  problemLine,
} from './fields.js';
import { suggestion, type RawSources } from './sources.js';

export interface FileValues {
  raw: RawSources;
  /** Unknown keys, syntax errors, an unreadable file: reported with the value problems. */
  problems: string[];
}

export interface FileOptions {
  /** The path as the user wrote it, for messages; defaults to the path read. */
  shownAs?: string;
  /** Where the path came from, e.g. "--config" or "input config". */
  source?: string;
}

const MAPPING = 'a YAML mapping of configuration keys to values';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/** Keys and values of a config file's text; `shownAs` names the file in every message. */
export function parseConfigText(text: string, shownAs: string): FileValues {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0]?.line;
    const what = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    const source = `file ${shownAs}${line === undefined ? '' : ` line ${line}`}`;
    return {
      raw: {},
      problems: [problemLine('config', source, `YAML syntax error: ${what}`, MAPPING)],
    };
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return { raw: {}, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data) ? 'a list' : `the single value ${JSON.stringify(data)}`;
    return {
      raw: {},
      problems: [problemLine('config', `file ${shownAs}`, `the file holds ${kind}`, MAPPING)],
    };
  }
  const raw: RawSources = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const source = `file ${shownAs} key ${key}`;
    if (isFieldKey(key)) raw[key] = { value, source };
    else {
      const what = `unknown key${suggestion(key, FIELD_KEYS)}`;
      problems.push(problemLine(key, source, what, FIELD_KEYS.join(', ')));
    }
  }
  return { raw, problems };
}

/** Reads and parses a config file; never throws for bad input, it returns the problems. */
export async function readConfigFile(file: string, options: FileOptions = {}): Promise<FileValues> {
  const shownAs = options.shownAs ?? file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code === undefined ? undefined : READ_ERRORS[code]) ?? (error as Error).message;
    const where = path.resolve(file) === shownAs ? '' : ` (${path.resolve(file)})`;
    const what = `cannot read "${shownAs}"${where}: ${reason}${code === undefined ? '' : ` (${code})`}`;
    return {
      raw: {},
      problems: [problemLine('config', options.source ?? 'config', what, CONFIG_FIELD.allowed)],
    };
  }
  return parseConfigText(text, shownAs);
}

/** The config file's values with every key checked; throws a ConfigError naming all problems. */
export async function fromFile(file: string, options: FileOptions = {}): Promise<RawSources> {
  const { raw, problems } = await readConfigFile(file, options);
  if (problems.length > 0) throw invalidConfiguration(problems);
  return raw;
}
