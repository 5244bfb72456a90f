// Appends markdown to the job summary when running in GitHub Actions (GITHUB_STEP_SUMMARY set),
// from the action and from the CLI used in a `run:` step alike.
import { appendFile } from 'node:fs/promises';

export async function appendJobSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, `${markdown}\n`);
  return true;
}
