// Integration tests spawn the load generator and the server as real child processes, the way the
// local provider does. They run from a fresh bundle of the current sources (never the committed
// dist/), built once per test run into .test-build/. The temp directory's run entries are noted
// too, so the teardown can tell what the tests left behind.
// (Global setup and teardown are loaded outside jest's module mapping: node: imports only.)
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Read by globalTeardown.ts. */
const TEMP_SNAPSHOT = path.join('.test-build', 'temp-before.json');

export default function globalSetup(): void {
  execFileSync(
    process.execPath,
    ['scripts/build.mjs', '--outdir', '.test-build', '--skip-missing'],
    {
      stdio: 'inherit',
    },
  );
  const entries = readdirSync(os.tmpdir()).filter((name) => name.startsWith('mesh-perf-'));
  writeFileSync(TEMP_SNAPSHOT, JSON.stringify(entries));
}
