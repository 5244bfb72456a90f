// Standalone entry of the builtin engine (bundled to loadgen.mjs): `node loadgen.mjs '<LoadSpec JSON>'`
// prints JSON lines (progress, then one result). The same file runs as each worker thread.
import { isMainThread, workerData } from 'node:worker_threads';
import { ExitCode, exitCodeOf, messageOf } from '../../errors.js';
import type { EngineTrial } from '../types.js';
import { parseLoadSpec } from './loadSpecJson.js';
import { runLoad } from './runLoad.js';
import { runWorker } from './workerShare.js';

const USAGE =
  'usage: node loadgen.mjs \'{"url":"http://127.0.0.1:8080/","rps":100,"connections":50,' +
  '"durationMs":10000,"warmupMs":2000,"requestTimeoutMs":5000,"workers":1}\'';

function writeLine(value: unknown): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(`${JSON.stringify(value)}\n`, () => {
      resolve();
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [json] = argv;
  if (json === undefined || argv.length !== 1) {
    process.stderr.write(
      `loadgen: expected exactly one argument, the LoadSpec as JSON\n${USAGE}\n`,
    );
    return ExitCode.InvalidInput;
  }
  let spec;
  try {
    spec = parseLoadSpec(json);
  } catch (error) {
    process.stderr.write(`loadgen: ${messageOf(error)}\n`);
    return exitCodeOf(error);
  }

  // SIGTERM/SIGINT: stop issuing, keep what was measured, still print the result.
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(
      `loadgen: ${signal}: stopping early; the result covers what was measured\n`,
    );
    controller.abort();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  let trial: EngineTrial;
  try {
    trial = await runLoad(spec, {
      workerScript: new URL(import.meta.url),
      signal: controller.signal,
      onProgress: (progress) => {
        process.stdout.write(`${JSON.stringify(progress)}\n`);
      },
    });
  } catch (error) {
    process.stderr.write(
      `loadgen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.Infrastructure;
  }
  await writeLine({ type: 'result', trial });
  return ExitCode.Pass;
}

if (isMainThread) {
  // Exit explicitly: a stray keep-alive socket must not hold the generator open after its result.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`loadgen: ${messageOf(error)}\n`);
      process.exit(ExitCode.Infrastructure);
    },
  );
} else {
  runWorker(workerData);
}
