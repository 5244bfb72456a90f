// The YAML config file (`--config` / input `config`): a mapping of the same keys as the flags and
// inputs. Unknown keys are errors, since a typo silently ignored would measure the wrong thing.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { FIELD_KEYS, isFieldKey } from './fields.js';
import { suggestion, type RawSources } from './sources.js';

export interface FileValues {
  values: RawSources;
  problems: string[];
}

export function parseConfigText(text: string, file: string): FileValues {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new ConfigError(
      `config (file ${file}): YAML syntax error${line === undefined ? '' : ` on line ${line}`}: ${error.message.split('\n')[0] ?? ''}`,
    );
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return { values: {}, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      `config (file ${file}): expected a mapping of keys to values; allowed keys: ${FIELD_KEYS.join(', ')}`,
    );
  }
  const values: RawSources = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!isFieldKey(key)) {
      problems.push(
        `${key} (file ${file}): unknown key${suggestion(key, FIELD_KEYS)}; allowed: ${FIELD_KEYS.join(', ')}`,
      );
      continue;
    }
    values[key] = { value, source: `file ${file} key ${key}` };
  }
  return { values, problems };
}

export async function fromFile(file: string, shownAs = file): Promise<FileValues> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `config: cannot read "${shownAs}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  return parseConfigText(text, shownAs);
}
