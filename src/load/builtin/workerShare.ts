// A share of the run in a worker thread, both sides: the main thread spawns the bundled script as a
// Worker and drives it through a ShareHandle; runWorker() is what that script runs in the thread.
// Live counters travel through shared memory, the result (encoded histogram + counts) by message.
import { parentPort, Worker } from 'node:worker_threads';
import type { ShareHandle } from './shareHandle.js';
import { COUNTER_CELLS, ShareRunner, type SharePlan, type ShareResult } from './shareRunner.js';

export interface WorkerInit {
  plan: SharePlan;
  /** COUNTER_CELLS Int32 cells per worker; this worker writes the ones at `plan.worker`. */
  counters: SharedArrayBuffer;
}

type ToWorker = { type: 'start'; t0: bigint } | { type: 'stop' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; result: ShareResult }
  | { type: 'failed'; message: string; stack?: string };

const READY_TIMEOUT_MS = 30_000;

function countersOf(init: WorkerInit): Int32Array {
  return new Int32Array(init.counters, init.plan.worker * COUNTER_CELLS * 4, COUNTER_CELLS);
}

function failure(error: unknown): FromWorker {
  return error instanceof Error
    ? { type: 'failed', message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { type: 'failed', message: String(error) };
}

/** The worker thread's side. `data` is the WorkerInit that startShareWorker passed in. */
export function runWorker(data: unknown): void {
  const port = parentPort;
  if (!port) throw new Error('runWorker: not running in a worker thread');
  const post = (message: FromWorker): void => {
    port.postMessage(message);
  };
  let runner: ShareRunner;
  try {
    const init = data as WorkerInit;
    runner = new ShareRunner(init.plan, countersOf(init));
  } catch (error) {
    post(failure(error));
    return;
  }
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      runner.stop();
      return;
    }
    runner.run(message.t0).then(
      (result) => {
        post({ type: 'result', result });
        port.close();
      },
      (error: unknown) => {
        post(failure(error));
      },
    );
  });
  post({ type: 'ready' });
}

/** The main thread's side: resolves once the worker is ready to start. */
export function startShareWorker(script: URL | string, init: WorkerInit): Promise<ShareHandle> {
  const label = `load worker ${init.plan.worker + 1}`;
  const worker = new Worker(script, { workerData: init });
  let settleResult: { resolve: (r: ShareResult) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<ShareResult>((resolve, reject) => {
    settleResult = { resolve, reject };
  });
  // Unobserved until start(); a failure before then is reported through the ready promise.
  result.catch(() => undefined);

  return new Promise<ShareHandle>((resolveReady, rejectReady) => {
    const fail = (error: Error): void => {
      clearTimeout(readyTimer);
      rejectReady(error);
      settleResult?.reject(error);
      void worker.terminate();
    };
    const readyTimer = setTimeout(() => {
      fail(new Error(`${label} was not ready within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const handle: ShareHandle = {
      start(t0) {
        worker.postMessage({ type: 'start', t0 } satisfies ToWorker);
      },
      stop() {
        worker.postMessage({ type: 'stop' } satisfies ToWorker);
      },
      result,
      dispose() {
        void worker.terminate();
      },
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          clearTimeout(readyTimer);
          resolveReady(handle);
          break;
        case 'result':
          settleResult?.resolve(message.result);
          break;
        case 'failed': {
          const remote = new Error(message.message);
          if (message.stack) remote.stack = message.stack;
          fail(new Error(`${label} failed: ${message.message}`, { cause: remote }));
          break;
        }
      }
    });
    worker.on('error', (error) => {
      fail(new Error(`${label} crashed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => {
      // After a result this rejection is a no-op; before one it is the only news we get.
      fail(new Error(`${label} exited with code ${code} before reporting a result`));
    });
  });
}
