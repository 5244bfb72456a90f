// Tool installation end to end at its edges: the real @actions/tool-cache downloads from a server
// on 127.0.0.1, the sha256 is checked before anything is unpacked, made executable or cached, and
// a binary already on PATH at the pinned version is reused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, InfraError } from '../../src/errors.js';
import { execFileRunner } from '../../src/process/processRunner.js';
import { installTool, type InstallDeps } from '../../src/tools/installTool.js';
import { TOOLS, type ToolSpec } from '../../src/tools/registry.js';
import { actionsToolCache } from '../../src/tools/toolCacheSeam.js';
import type { ToolRelease } from '../../src/tools/toolReleases.js';

let dir: string;
let server: Server;
let base: string;
const files = new Map<string, Buffer>();
const requests: string[] = [];
const saved = { cache: process.env.RUNNER_TOOL_CACHE, temp: process.env.RUNNER_TEMP };

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const script = (line: string): Buffer => Buffer.from(`#!/bin/sh\necho '${line}'\n`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'install-tool-test-'));
  process.env.RUNNER_TOOL_CACHE = path.join(dir, 'cache');
  process.env.RUNNER_TEMP = path.join(dir, 'temp');
  files.set('/kind', script('kind v0.32.0 go1.24.4 linux/amd64'));
  // A real tar.gz holding the binary at its root, as istioctl's and cilium's releases do.
  const staging = path.join(dir, 'staging');
  await mkdir(staging);
  await writeFile(path.join(staging, 'istioctl'), script('client version: 1.30.3'));
  execFileSync('tar', ['-czf', path.join(dir, 'istioctl.tar.gz'), '-C', staging, 'istioctl']);
  files.set('/istioctl.tar.gz', await readFile(path.join(dir, 'istioctl.tar.gz')));
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
  process.env.RUNNER_TOOL_CACHE = saved.cache;
  process.env.RUNNER_TEMP = saved.temp;
});

beforeEach(async () => {
  requests.length = 0;
  await rm(path.join(dir, 'cache'), { recursive: true, force: true });
});

/** The real registry entry of a tool, with its one release served from the loopback server. */
function served(name: 'kind' | 'istioctl', release: Omit<ToolRelease, 'cacheVersion'>): ToolSpec {
  return { ...TOOLS[name], releases: [{ ...release, cacheVersion: release.version }] };
}

const kindRelease = (sum: string) =>
  served('kind', {
    version: '0.32.0',
    assets: { 'linux/amd64': { url: `${base}/kind`, sha256: sum, archive: 'none' } },
  });

const logs: string[] = [];
const deps = (pathEnv = ''): InstallDeps => ({
  runner: execFileRunner,
  cache: actionsToolCache,
  platform: 'linux/amd64',
  pathEnv,
  log: (line) => logs.push(line),
});

describe('installTool', () => {
  it('downloads, verifies and caches a binary, then finds it in the cache', async () => {
    const tool = kindRelease(sha256(files.get('/kind') ?? Buffer.alloc(0)));
    const first = await installTool(tool, 'v0.32.0', deps());
    expect(first.source).toBe('download');
    expect(first.path.startsWith(path.join(dir, 'cache', 'kind', '0.32.0'))).toBe(true);
    expect((await stat(first.path)).mode & 0o111).not.toBe(0);
    expect(execFileSync(first.path, ['version'], { encoding: 'utf8' })).toContain('kind v0.32.0');
    const second = await installTool(tool, '0.32.0', deps());
    expect(second).toEqual({ ...first, source: 'cache' });
    expect(requests).toEqual(['/kind']);
  });

  it('unpacks a verified tar.gz and caches the binary inside it', async () => {
    const tool = served('istioctl', {
      version: '1.30.3',
      assets: {
        'linux/amd64': {
          url: `${base}/istioctl.tar.gz`,
          sha256: sha256(files.get('/istioctl.tar.gz') ?? Buffer.alloc(0)),
          archive: 'tar.gz',
          entry: 'istioctl',
        },
      },
    });
    const installed = await installTool(tool, '1.30.3', deps());
    expect(path.basename(installed.path)).toBe('istioctl');
    expect(execFileSync(installed.path, [], { encoding: 'utf8' })).toBe('client version: 1.30.3\n');
  });

  it('refuses a tampered download, naming tool, version, expected and actual sums, and caches nothing', async () => {
    const pinned = sha256(Buffer.from('the reviewed binary'));
    const actual = sha256(files.get('/kind') ?? Buffer.alloc(0));
    const error = await installTool(kindRelease(pinned), '0.32.0', deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as Error).message).toBe(
      `kind 0.32.0: sha256 mismatch for ${base}/kind: expected ${pinned}, got ${actual}`,
    );
    expect(actionsToolCache.find('kind', '0.32.0')).toBe('');
  });

  it('reports a platform without a pinned download as an infrastructure error', async () => {
    const tool = kindRelease(sha256(files.get('/kind') ?? Buffer.alloc(0)));
    await expect(
      installTool(tool, '0.32.0', { ...deps(), platform: 'darwin/arm64' }),
    ).rejects.toThrow(
      new InfraError(
        'kind 0.32.0: no pinned download for platform darwin/arm64; put kind 0.32.0 on PATH instead',
      ),
    );
    expect(requests).toEqual([]);
  });

  it('rejects a version without a pinned sum that is not on PATH as bad input', async () => {
    const error = await installTool(TOOLS.kind, 'v0.99.0', deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('kind v0.99.0 has no pinned sha256');
    expect((error as Error).message).toContain(
      'allowed: 0.32.0, 0.31.0, or any version already on PATH',
    );
  });

  it('reuses a binary on PATH at the pinned version, and downloads when PATH has another one', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      path.join(bin, 'kind'),
      '#!/bin/sh\necho "kind v0.99.0 go1.25.0 linux/amd64"\n',
    );
    await chmod(path.join(bin, 'kind'), 0o755);
    const reused = await installTool(TOOLS.kind, 'v0.99.0', deps(`/nonexistent:${bin}`));
    expect(reused).toEqual({ path: path.join(bin, 'kind'), version: 'v0.99.0', source: 'path' });

    const tool = kindRelease(sha256(files.get('/kind') ?? Buffer.alloc(0)));
    const downloaded = await installTool(tool, '0.32.0', deps(bin));
    expect(downloaded.source).toBe('download');
    expect(logs).toContain('kind on PATH is 0.99.0, not 0.32.0');
  });
});
