// The action's inputs. An empty input means "not set", so the config file and the defaults apply;
// that is why action.yml gives the inputs no `default:` of their own.
import { CONFIG_FIELD, FIELD_KEYS } from './fields.js';
import type { RawSources } from './sources.js';

export interface InputValues {
  raw: RawSources;
  configFile?: string;
}

/** Takes the getter (core.getInput in the action, a map in tests) rather than reading the env. */
export function fromInputs(getInput: (name: string) => string): InputValues {
  const raw: RawSources = {};
  for (const key of FIELD_KEYS) {
    const value = getInput(key).trim();
    if (value !== '') raw[key] = { value, source: `input ${key}` };
  }
  const configFile = getInput(CONFIG_FIELD.key).trim();
  return { raw, ...(configFile === '' ? {} : { configFile }) };
}
