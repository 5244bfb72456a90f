// CLI flags of `mesh-perf run`: `--<key> VALUE` for every field, booleans as switches. Strict, but
// every unknown flag, stray argument and missing value is collected, so one run reports them all.
import { parseArgs } from 'node:util';
import {
  CONFIG_FIELD,
  INPUT_FIELDS,
  fieldSpec,
  invalidConfiguration,
  problemLine,
  type FieldSpec,
} from './fields.js';
import { suggestion, type RawSources } from './sources.js';

export interface FlagValues {
  raw: RawSources;
  configFile?: string;
}

const isSwitch = (field: FieldSpec): boolean => typeof field.default === 'boolean';

/** Every flag `run` accepts, as typed on the command line. */
export const RUN_FLAGS: readonly string[] = INPUT_FIELDS.map((f) => `--${f.key}`);

function options(): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(
    INPUT_FIELDS.map((f) => [f.key, { type: isSwitch(f) ? 'boolean' : 'string' }]),
  );
}

/**
 * parseArgs takes the next argument as the value even when it is another flag ("--rps --duration
 * 5s"); drop such value-less flags first, so the flag after them is still read as a flag. A flag
 * that may stand alone (`--save-baseline`) gets the value it then means.
 */
function dropMissingValues(argv: readonly string[], problems: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return [...kept, ...argv.slice(i)];
    const field = arg.startsWith('--') ? fieldSpec(arg.slice(2)) : undefined;
    const next = argv[i + 1];
    if (field && !isSwitch(field) && (next === undefined || next.startsWith('--'))) {
      if (field.bareFlag !== undefined) {
        kept.push(`${arg}=${field.bareFlag}`);
        continue;
      }
      const what = next === undefined ? 'no value given' : `no value given before "${next}"`;
      problems.push(problemLine(field.key, arg, what, field.allowed));
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

/** The flags' values with their sources, plus every problem found in the argument list. */
export function readFlags(argv: readonly string[]): FlagValues & { problems: string[] } {
  const problems: string[] = [];
  const { tokens } = parseArgs({
    args: dropMissingValues(argv, problems),
    options: options(),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given = new Map<string, string[]>();
  const raw: RawSources = {};
  let configFile: string | undefined;
  // An unknown flag's value arrives as a positional; it is part of that one mistake.
  let valueOfUnknown = -1;
  tokens.forEach((token, i) => {
    if (token.kind === 'option-terminator') return;
    if (token.kind === 'positional') {
      if (i === valueOfUnknown) return;
      const previous = tokens[i - 1];
      const hint =
        previous?.kind === 'option' && previous.value === undefined
          ? ` (to give ${previous.rawName} a value write ${previous.rawName}=${token.value})`
          : '';
      problems.push(
        problemLine(
          'argument',
          'command line',
          `"${token.value}" is not a flag${hint}`,
          `only flags: ${RUN_FLAGS.join(', ')}`,
        ),
      );
      return;
    }
    const field = fieldSpec(token.name);
    if (!field) {
      const what = `unknown flag${suggestion(token.rawName, RUN_FLAGS)}`;
      problems.push(problemLine(token.name, token.rawName, what, RUN_FLAGS.join(', ')));
      if (token.value === undefined) valueOfUnknown = i + 1;
      return;
    }
    const value: string | boolean = token.value ?? true;
    given.set(field.key, [...(given.get(field.key) ?? []), String(value)]);
    if (field.key === CONFIG_FIELD.key) configFile = String(value);
    else raw[field.key] = { value, source: token.rawName };
  });
  for (const [key, values] of given) {
    if (values.length < 2) continue;
    const what = `given ${values.length} times (${values.map((v) => `"${v}"`).join(', ')})`;
    problems.push(problemLine(key, `--${key}`, what, `--${key} once`));
  }
  return { raw, ...(configFile === undefined ? {} : { configFile }), problems };
}

/** The flags of `mesh-perf run` (the argv after `run`); throws a ConfigError naming all problems. */
export function fromFlags(argv: readonly string[]): FlagValues {
  const { problems, ...values } = readFlags(argv);
  if (problems.length > 0) throw invalidConfiguration(problems);
  return values;
}
