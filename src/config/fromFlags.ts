// CLI flags of `mesh-perf run`: `--<key> VALUE` for every field, `--dry-run` as a switch.
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { CONFIG_KEY, FIELD_KEYS } from './fields.js';
import { suggestion, type RawSources } from './sources.js';

type Options = Record<string, { type: 'string' | 'boolean' }>;

const BOOLEAN_KEYS = new Set(['dry-run']);
const OPTIONS: Options = Object.fromEntries(
  [...FIELD_KEYS, CONFIG_KEY].map((key) => [
    key,
    { type: BOOLEAN_KEYS.has(key) ? 'boolean' : 'string' },
  ]),
);
export const RUN_FLAGS = Object.keys(OPTIONS).map((key) => `--${key}`);

export interface FlagValues {
  values: RawSources;
  configFile?: string;
}

export function fromFlags(argv: readonly string[]): FlagValues {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    const match = /'(-{1,2}[^']+)'/.exec((error as Error).message);
    const flag = match?.[1];
    const hint = flag && !RUN_FLAGS.includes(flag) ? suggestion(flag, RUN_FLAGS) : '';
    throw new ConfigError(
      `flags: ${(error as Error).message.split('\n')[0] ?? ''}${hint}; allowed: ${RUN_FLAGS.join(', ')}`,
      undefined,
      { cause: error },
    );
  }
  const values: RawSources = {};
  let configFile: string | undefined;
  for (const [key, value] of Object.entries(parsed.values)) {
    if (value === undefined) continue;
    if (key === CONFIG_KEY) configFile = String(value);
    else values[key] = { value, source: `--${key}` };
  }
  return { values, ...(configFile === undefined ? {} : { configFile }) };
}
