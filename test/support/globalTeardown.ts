// Fails the test run when a test left a run's temp directory (private keys, kubeconfigs) behind in
// the temp directory: a run must leave nothing, and so must the tests that drive it. What is left
// is removed either way. Loaded outside jest's module mapping: node: imports only.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Written by globalSetup.ts. */
const TEMP_SNAPSHOT = path.join('.test-build', 'temp-before.json');

export default function globalTeardown(): void {
  const before = new Set(JSON.parse(readFileSync(TEMP_SNAPSHOT, 'utf8')) as string[]);
  const left = readdirSync(os.tmpdir()).filter(
    (name) => name.startsWith('mesh-perf-') && !before.has(name),
  );
  for (const name of left) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(`the tests left ${left.length} run temp entries behind: ${left.join(', ')}`);
  }
}
