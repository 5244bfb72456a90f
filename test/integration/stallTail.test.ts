// No coordinated omission, end to end through the real processes: when the server stalls once for
// 1 s, the requests that were due during the stall carry that wait, so p99 reaches at least 1 s.
// (A generator that measured from the actual send would report roughly the server delay.)
import { describe, expect, it } from '@jest/globals';
import { runLocalTrial } from '../../src/load/localLoadgen.js';
import { startNodeScript, stopScript } from '../../src/process/nodeScript.js';
import { scripts } from '../support/paths.js';

describe('a server that stalls once for 1 s', () => {
  it('pushes p99 to at least 1 s', async () => {
    const server = startNodeScript(scripts.server, [
      JSON.stringify({
        host: '127.0.0.1',
        port: 0,
        delayMs: 200,
        payloadBytes: 0,
        stall: { afterMs: 1500, forMs: 1000 },
      }),
    ]);
    try {
      const port = await server.waitFor((l) => (l as { port?: number }).port, 10_000, 'server');
      const outcome = await runLocalTrial(
        {
          url: `http://127.0.0.1:${port}/`,
          rps: 100,
          connections: 50,
          durationMs: 5000,
          warmupMs: 500,
          requestTimeoutMs: 5000,
          workers: 1,
        },
        { loadgenScript: scripts.loadgen, watch: { server: server.pid } },
      );
      const engine = outcome.engine;
      expect(outcome.faults).toEqual([]);
      expect(engine?.errors.total).toBe(0);
      // Requests due in the first 200 ms of the stall wait >= 1 s: about 4% of the 500 measured.
      expect(engine?.latencyMs.p99).toBeGreaterThanOrEqual(1000);
      expect(engine?.latencyMs.max).toBeGreaterThanOrEqual(1150);
      // The bulk of requests still see just the server's delay.
      expect(engine?.latencyMs.p50).toBeLessThan(400);
      expect(outcome.resources.server?.cpuSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await stopScript(server);
    }
  }, 30_000);
});
