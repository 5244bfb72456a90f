// The undo list every run registers with: newest first, failures collected, concurrent calls
// joined, and steps added after a pass (even an empty one) run by the next.
import { describe, expect, it } from '@jest/globals';
import { Cleanup, type Leftover } from '../../src/lifecycle/cleanup.js';

describe('Cleanup', () => {
  it('runs the steps newest first and collects failures instead of throwing', async () => {
    const cleanup = new Cleanup();
    const order: string[] = [];
    cleanup.add('first', () => {
      order.push('first');
    });
    cleanup.add('broken', () => {
      throw new Error('no such process');
    });
    cleanup.add('last', async () => {
      await Promise.resolve();
      order.push('last');
    });
    expect(await cleanup.runAll()).toEqual(['broken: no such process']);
    expect(order).toEqual(['last', 'first']);
    expect(cleanup.pending).toBe(0);
  });

  it('runs steps added after an empty pass', async () => {
    const cleanup = new Cleanup();
    expect(await cleanup.runAll()).toEqual([]);
    let ran = 0;
    cleanup.add('later', () => {
      ran += 1;
    });
    expect(await cleanup.runAll()).toEqual([]);
    expect(ran).toBe(1);
    cleanup.add('later still', () => {
      ran += 10;
    });
    expect(await cleanup.runAll()).toEqual([]);
    expect(ran).toBe(11);
  });

  it('joins a pass that is running, and runs each step once', async () => {
    const cleanup = new Cleanup();
    let ran = 0;
    cleanup.add('slow', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      ran += 1;
    });
    const [a, b] = await Promise.all([cleanup.runAll(), cleanup.runAll()]);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(ran).toBe(1);
  });

  it('runs one step early, once, and reports the leftovers as they change', async () => {
    const seen: Leftover[][] = [];
    const cleanup = new Cleanup((leftovers) => seen.push(leftovers));
    let ran = 0;
    const early = cleanup.add(
      'remove the key directory',
      () => {
        ran += 1;
      },
      { kind: 'dir', path: '/tmp/mesh-perf-x' },
    );
    await early();
    await early();
    expect(await cleanup.runAll()).toEqual([]);
    expect(ran).toBe(1);
    expect(seen).toEqual([[{ kind: 'dir', path: '/tmp/mesh-perf-x' }], []]);
  });
});
