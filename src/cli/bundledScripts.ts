// The server and load-generator bundles sit next to the bundled entry (dist/ or .test-build/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalScripts } from '../cluster/localProvider.js';

export function bundledScripts(entryUrl: string): LocalScripts {
  const here = path.dirname(fileURLToPath(entryUrl));
  // From the sources (src/main.ts under @github/local-action) the bundles are in ../dist.
  const dir =
    [here, path.join(here, '..', 'dist')].find((d) => existsSync(path.join(d, 'server.mjs'))) ??
    here;
  return { server: path.join(dir, 'server.mjs'), loadgen: path.join(dir, 'loadgen.mjs') };
}
