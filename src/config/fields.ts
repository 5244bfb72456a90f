// Every configuration field in one list: the key used by the YAML file, the action input and the
// CLI flag (--key), its default, its limits and what it allows. Defaults live in the field groups and
// nowhere else, as does the shape of a problem line.
import { ConfigError } from '../errors.js';
import { CLUSTER_FIELDS } from './fieldGroups/clusterFields.js';
import { GATE_FIELDS } from './fieldGroups/gateFields.js';
import { LOAD_FIELDS } from './fieldGroups/loadFields.js';
import { REPORT_FIELDS } from './fieldGroups/reportFields.js';
import type { FieldSpec } from './fieldSpec.js';

export { KIND_NODE_IMAGE, LIMITS, type FieldSpec } from './fieldSpec.js';

export const FIELDS = [
  ...LOAD_FIELDS,
  ...CLUSTER_FIELDS,
  ...GATE_FIELDS,
  ...REPORT_FIELDS,
] as const;

export type FieldKey = (typeof FIELDS)[number]['key'];

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((f) => f.key);

/** The config-file path: a flag and an input of its own, not a key of the file or of Config. */
export const CONFIG_FIELD = {
  key: 'config',
  description:
    'Path of a YAML file (relative to the working directory) with the same keys as these inputs; inputs and flags override it.',
  default: null,
  allowed: 'a path to a YAML file',
} as const satisfies FieldSpec;

/** Everything a flag or an action input can set. */
export const INPUT_FIELDS: readonly FieldSpec[] = [CONFIG_FIELD, ...FIELDS];

export function fieldSpec(key: string): FieldSpec | undefined {
  return INPUT_FIELDS.find((f) => f.key === key);
}

export function isFieldKey(key: string): key is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(key);
}

/** The default as documented: action.yml states it as "Default: <this>.". */
export function documentedDefault(field: FieldSpec): string {
  if (field.defaultText !== undefined) return field.defaultText;
  return field.default === null ? 'none' : String(field.default);
}

/** The description of the action input (and of the flag) for a field. */
export function inputDescription(field: FieldSpec): string {
  return `${field.description} Allowed: ${field.allowed}. Default: ${documentedDefault(field)}.`;
}

/** One problem, in the one shape every message has. */
export function problemLine(key: string, source: string, what: string, allowed: string): string {
  return `${key} (${source}): ${what}; allowed: ${allowed}`;
}

/** All problems at once, as the ConfigError (exit code 2) every front door throws. */
export function invalidConfiguration(problems: readonly string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`, problems);
}
