// Puts fake kind, docker, kubectl, istioctl, linkerd and cilium CLIs into a private bin directory
// (fakeCliMain.ts, bundled with esbuild, behind one shell shim per name) and reads back the argv
// each was started with. Tests put the directory first on PATH.
import { buildSync } from 'esbuild';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pinnedVersions } from '../../src/tools/registry.js';
import { fixturesDir, repoRoot } from './paths.js';

export const FAKE_CLI_NAMES = ['kind', 'docker', 'kubectl', 'istioctl', 'linkerd', 'cilium'];

export interface RecordedCall {
  cli: string;
  args: string[];
  kubeconfig: string | null;
}

export interface FakeClis {
  dir: string;
  /** Environment for processes that should find the fakes (PATH first, and their settings). */
  env: NodeJS.ProcessEnv;
  calls(): Promise<RecordedCall[]>;
  dispose(): Promise<void>;
}

export interface FakeCliOptions {
  /** What `kind create cluster` copies to its --kubeconfig (the fake API server's). */
  kubeconfig?: string;
  /** Command-line prefixes that fail, e.g. "istioctl install". */
  fail?: string[];
  /** Versions the fakes report; the pinned ones by default, so they are used from PATH. */
  versions?: Partial<Record<string, string>>;
}

export async function installFakeClis(options: FakeCliOptions = {}): Promise<FakeClis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-fake-cli-'));
  const program = path.join(dir, 'fake-cli.mjs');
  buildSync({
    entryPoints: [path.join(repoRoot, 'test', 'support', 'fakeCliMain.ts')],
    outfile: program,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    // yaml is CommonJS and requires Node built-ins, which an ESM bundle must provide.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  for (const name of FAKE_CLI_NAMES) {
    const shim = path.join(dir, name);
    await writeFile(shim, `#!/bin/sh\nexec "${process.execPath}" "${program}" ${name} "$@"\n`);
    await chmod(shim, 0o755);
  }
  const record = path.join(dir, 'calls.jsonl');
  await writeFile(record, '');
  const pinned = pinnedVersions({});
  const env: NodeJS.ProcessEnv = {
    PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_CLI_RECORD: record,
    FAKE_CLI_KUBECONFIG: options.kubeconfig ?? '',
    FAKE_CLI_FIXTURES: fixturesDir,
    FAKE_CLI_FAIL: JSON.stringify(options.fail ?? []),
    FAKE_CLI_VERSIONS: JSON.stringify({ ...pinned, docker: '28.0.0', ...options.versions }),
  };
  return {
    dir,
    env,
    async calls() {
      const text = await readFile(record, 'utf8');
      return text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as RecordedCall);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** "istioctl install --skip-confirmation ..." per call, for compact assertions. */
export const commandLines = (calls: readonly RecordedCall[]): string[] =>
  calls.map((c) => [c.cli, ...c.args].join(' '));
