// The action's inputs. An empty input means "not set", so the config file and the defaults apply;
// that is why action.yml gives the inputs no `default:` of their own.
import { CONFIG_KEY, FIELD_KEYS } from './fields.js';
import type { RawSources } from './sources.js';

export interface InputValues {
  values: RawSources;
  configFile?: string;
}

export function fromInputs(getInput: (name: string) => string): InputValues {
  const values: RawSources = {};
  for (const key of FIELD_KEYS) {
    const value = getInput(key).trim();
    if (value !== '') values[key] = { value, source: `input ${key}` };
  }
  const configFile = getInput(CONFIG_KEY).trim();
  return { values, ...(configFile === '' ? {} : { configFile }) };
}
