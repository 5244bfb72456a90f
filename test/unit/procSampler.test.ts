import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import { fixturesDir } from '../support/paths.js';
import path from 'node:path';
import {
  parseProcStat,
  parseVmRssBytes,
  readProcSample,
  resourcesInWindow,
  startProcSampler,
  type ProcSample,
} from '../../src/metrics/procSampler.js';

const fixture = (name: string): Promise<string> =>
  readFile(path.join(fixturesDir, 'proc', name), 'utf8');

describe('/proc parsing on saved real files', () => {
  it('reads utime+stime and rss pages from stat', async () => {
    const stat = parseProcStat(await fixture('node-stat.txt'));
    expect(stat.cpuSeconds).toBeCloseTo(0.09, 5); // utime 5 + stime 4 ticks at USER_HZ 100
    expect(stat.rssPages).toBe(5352);
  });

  it('copes with spaces and parentheses in the command name', () => {
    const text = '42 (we (ird) name) S 1 1 1 0 -1 0 0 0 0 0 150 50 0 0 20 0 3 0 1 1 777 0';
    expect(parseProcStat(text)).toEqual({ cpuSeconds: 2, rssPages: 777 });
  });

  it('rejects text that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow('unexpected /proc/<pid>/stat format');
  });

  it('reads VmRSS in bytes from status', async () => {
    expect(parseVmRssBytes(await fixture('node-status.txt'))).toBe(21588 * 1024);
    expect(parseVmRssBytes('Name: x\n')).toBeUndefined();
  });

  it('reads a sample from a proc root', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'proc-test-'));
    try {
      await mkdir(path.join(root, '7'));
      await writeFile(path.join(root, '7', 'stat'), await fixture('node-stat.txt'));
      await writeFile(path.join(root, '7', 'status'), await fixture('node-status.txt'));
      const sample = await readProcSample(7, root);
      expect(sample.cpuSeconds).toBeCloseTo(0.09, 5);
      expect(sample.rssBytes).toBe(21588 * 1024);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('resourcesInWindow', () => {
  const samples: ProcSample[] = [
    { atMs: 0, cpuSeconds: 1, rssBytes: 10 * 1048576 },
    { atMs: 1000, cpuSeconds: 1.5, rssBytes: 30 * 1048576 },
    { atMs: 2000, cpuSeconds: 2.5, rssBytes: 20 * 1048576 },
    { atMs: 3000, cpuSeconds: 2.5, rssBytes: 50 * 1048576 },
  ];

  it('takes CPU from interpolated cumulative usage and memory as the peak inside the window', () => {
    // CPU at 500 ms = 1.25, at 2000 ms = 2.5: 1.25 s over 1.5 s.
    expect(resourcesInWindow(samples, 500, 2000)).toEqual({
      cpuCores: 0.8333,
      cpuSeconds: 1.25,
      memoryMiBPeak: 30,
    });
  });

  it('gives nothing for an empty or inverted window', () => {
    expect(resourcesInWindow(samples, 2100, 2900)).toBeUndefined();
    expect(resourcesInWindow(samples, 2000, 1000)).toBeUndefined();
    expect(resourcesInWindow([], 0, 1000)).toBeUndefined();
  });
});

describe('startProcSampler', () => {
  it('samples a live process and stops by itself when asked', async () => {
    const sampler = startProcSampler(new Map([['self', process.pid]]), 20);
    const end = Date.now() + 150;
    while (Date.now() < end) Math.sqrt(Math.random()); // burn a little CPU, bounded in time
    await new Promise((r) => setTimeout(r, 50));
    const samples = (await sampler.stop()).get('self') ?? [];
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const first = samples[0];
    const last = samples[samples.length - 1];
    expect(last?.cpuSeconds ?? 0).toBeGreaterThanOrEqual(first?.cpuSeconds ?? Infinity);
    expect(last?.rssBytes).toBeGreaterThan(1024 * 1024);
  });

  it('records nothing for a pid that does not exist, without failing', async () => {
    const sampler = startProcSampler(new Map([['ghost', 2 ** 22 + 12345]]), 20);
    await new Promise((r) => setTimeout(r, 60));
    expect((await sampler.stop()).get('ghost')).toEqual([]);
  });
});
