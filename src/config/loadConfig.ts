// Merges the front doors (defaults < config file < flags or inputs), validates everything with the
// one schema, and reports every problem at once, each naming the field, its source and what is
// allowed. Invalid input is a ConfigError: exit code 2.
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { FIELDS, fieldSpec } from './fields.js';
import { fromFile } from './fromFile.js';
import { fromFlags } from './fromFlags.js';
import { fromInputs } from './fromInputs.js';
import { configSchema } from './schema.js';
import type { RawSources } from './sources.js';
import type { Config } from './types.js';

export interface ConfigSources {
  /** argv after `mesh-perf run`. */
  flags?: readonly string[];
  /** The action's input getter (core.getInput). */
  inputs?: (name: string) => string;
  cwd?: string;
}

function defaults(): RawSources {
  return Object.fromEntries(FIELDS.map((f) => [f.key, { value: f.default, source: 'default' }]));
}

export async function loadConfig(sources: ConfigSources): Promise<Config> {
  const front = sources.flags
    ? fromFlags(sources.flags)
    : sources.inputs
      ? fromInputs(sources.inputs)
      : { values: {} };
  const file = front.configFile
    ? await fromFile(path.resolve(sources.cwd ?? process.cwd(), front.configFile), front.configFile)
    : { values: {}, problems: [] };
  const merged: RawSources = { ...defaults(), ...file.values, ...front.values };
  const raw = Object.fromEntries(
    Object.entries(merged).map(([key, sourced]) => [key, sourced.value]),
  );
  const parsed = configSchema.safeParse(raw);
  const problems = [...file.problems];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const source = merged[key]?.source ?? 'unknown source';
      problems.push(
        `${key} (${source}): ${issue.message}; allowed: ${fieldSpec(key)?.allowed ?? 'see the documentation'}`,
      );
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`, problems);
  }
  return parsed.data;
}
