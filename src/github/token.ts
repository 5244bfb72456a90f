// The token the comment is posted with: the action's github-token input (masked in the log at
// once), or GITHUB_TOKEN / GH_TOKEN for the CLI. Empty when there is none; never printed.
import * as core from '@actions/core';

export function actionToken(): string {
  const token = core.getInput('github-token');
  if (token !== '') core.setSecret(token);
  return token;
}

export function cliToken(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_TOKEN ?? env.GH_TOKEN ?? '';
}
