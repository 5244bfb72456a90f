// How the configuration tests read a refusal: the problems of the one ConfigError a load must throw
// (exit 2), each line naming the field, the value and what is allowed.
import { expect } from '@jest/globals';
import { loadConfig } from '../../src/config/loadConfig.js';
import { ConfigError } from '../../src/errors.js';

export async function problemsOf(load: Promise<unknown>): Promise<readonly string[]> {
  try {
    await load;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

/** The problems with these CLI flags. */
export const flagProblems = (flags: string[]): Promise<readonly string[]> =>
  problemsOf(loadConfig({ flags }));

/** Action inputs as @actions/core's getInput reads them: unset is ''. */
export const inputs =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';
