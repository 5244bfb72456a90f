// Integration tests spawn the load generator and the server as real child processes, the way the
// local provider does. They run from a fresh bundle of the current sources (never the committed
// dist/), built once per test run into .test-build/.
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync(
    process.execPath,
    ['scripts/build.mjs', '--outdir', '.test-build', '--skip-missing'],
    {
      stdio: 'inherit',
    },
  );
}
