import { describe, expect, it } from '@jest/globals';
import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isOurTempDir, parseLeftovers, removeLeftovers } from '../../src/post.js';

describe('post step leftovers', () => {
  it('parses saved state and drops anything malformed', () => {
    expect(parseLeftovers('')).toEqual([]);
    expect(parseLeftovers('not json')).toEqual([]);
    expect(
      parseLeftovers(
        JSON.stringify([
          { kind: 'dir', path: '/tmp/mesh-perf-1' },
          { kind: 'pid', pid: 12 },
          { kind: 'pid', pid: 'x' },
          7,
        ]),
      ),
    ).toEqual([
      { kind: 'dir', path: '/tmp/mesh-perf-1' },
      { kind: 'pid', pid: 12 },
    ]);
  });

  it.each([
    ['/tmp/mesh-perf-abc', true],
    ['/tmp/mesh-perf-abc/../../etc', false],
    ['/tmp/other', false],
    ['/home/mesh-perf-x', false],
    ['/tmp/a/mesh-perf-x', false],
  ])('treats %s as ours: %p', (dir, expected) => {
    expect(isOurTempDir(dir, '/tmp')).toBe(expected);
  });

  it('removes our temp directory and leaves a process that is not ours alone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-'));
    const lines: string[] = [];
    await removeLeftovers(
      [
        { kind: 'dir', path: dir },
        { kind: 'pid', pid: process.pid },
      ],
      (l) => lines.push(l),
    );
    await expect(stat(dir)).rejects.toThrow();
    expect(lines).toEqual([`removed ${dir}`]);
  });
});
