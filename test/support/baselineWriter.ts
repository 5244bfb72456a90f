// One writer process for the concurrency test: stores one run on the data branch as the action
// would on a push to main, and prints the outcome as JSON. Before its first push it waits until
// every writer has committed on the same tip, so their pushes really collide.
// Usage: node baselineWriter.mjs '<json options>'
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBaselineStore, saveBaseline } from '../../src/baseline/baselineStage.js';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { documentFor } from './gitRepos.js';

interface WriterOptions {
  serverUrl: string;
  repository: string;
  commit: string;
  runId: string;
  cwd: string;
  barrierDir: string;
  writers: number;
}

async function waitForAll(options: WriterOptions): Promise<void> {
  await writeFile(path.join(options.barrierDir, options.runId), '');
  const deadline = Date.now() + 60_000;
  while ((await readdir(options.barrierDir)).length < options.writers) {
    if (Date.now() > deadline) throw new Error('the other writers never reached the barrier');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as WriterOptions;
  const cleanup = new Cleanup();
  const logs: string[] = [];
  try {
    const store = createBaselineStore(
      {
        baseline: { store: 'git-branch' },
        baselineBranch: 'mesh-perf-data',
        baselineKeep: 50,
        saveBaseline: 'auto',
      },
      {
        runner: execFileRunner,
        cleanup,
        log: (line) => logs.push(line),
        env: {
          ...process.env,
          GITHUB_ACTIONS: 'true',
          GITHUB_SERVER_URL: options.serverUrl,
          GITHUB_REPOSITORY: options.repository,
        },
        cwd: options.cwd,
        backoff: { attempts: 8, baseMs: 50, capMs: 1000 },
        beforePush: async (attempt) => {
          if (attempt === 1) await waitForAll(options);
        },
      },
    );
    const outcome = await saveBaseline(
      store,
      documentFor(options.commit, { runId: options.runId }),
      {
        setting: 'auto',
        context: {
          kind: 'push',
          ref: 'refs/heads/main',
          sha: options.commit,
          defaultBranch: 'main',
          deleted: false,
        },
      },
    );
    process.stdout.write(`${JSON.stringify({ runId: options.runId, outcome, logs })}\n`);
  } finally {
    await cleanup.runAll();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
