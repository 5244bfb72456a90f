// Makes a pinned CLI available: reused from PATH when it already reports the pinned version,
// else taken from the tool cache, else downloaded, checked against the sha256 kept in the source
// (before it is unpacked, made executable or cached), and cached.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, constants, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InfraError, messageOf } from '../errors.js';
import type { ProcessRunner } from '../process/processRunner.js';
import type { Platform } from './platform.js';
import { findRelease, type ToolSpec } from './registry.js';
import type { ToolCache } from './toolCacheSeam.js';
import { sameVersion } from './versionParsers.js';

export interface InstallDeps {
  runner: ProcessRunner;
  cache: ToolCache;
  /** null when this machine has no published build of any tool. */
  platform: Platform | null;
  /** The PATH to look for an installed binary in. */
  pathEnv: string | undefined;
  log: (line: string) => void;
}

export interface InstalledTool {
  path: string;
  version: string;
  source: 'path' | 'cache' | 'download';
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first executable named `binary` on PATH, as a shell would find it. */
export async function findOnPath(binary: string, pathEnv: string | undefined): Promise<string> {
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, binary);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return '';
}

async function versionOnPath(
  tool: ToolSpec,
  binaryPath: string,
  runner: ProcessRunner,
): Promise<string | undefined> {
  try {
    const result = await runner.run(binaryPath, tool.versionArgs, { timeoutMs: 20_000 });
    return result.code === 0 ? tool.parseVersion(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

export async function installTool(
  tool: ToolSpec,
  version: string,
  deps: InstallDeps,
): Promise<InstalledTool> {
  const onPath = await findOnPath(tool.binary, deps.pathEnv);
  if (onPath !== '') {
    const found = await versionOnPath(tool, onPath, deps.runner);
    if (found !== undefined && sameVersion(found, version)) {
      deps.log(`${tool.name} ${version}: using ${onPath}`);
      return { path: onPath, version, source: 'path' };
    }
    deps.log(`${tool.name} on PATH is ${found ?? 'of unknown version'}, not ${version}`);
  }

  const release = findRelease(tool, version);
  if (!release) {
    const known = tool.releases.map((r) => r.version).join(', ');
    throw new ConfigError(
      `tool-versions: ${tool.name} ${version} has no pinned sha256 in this version of mesh-perf and is not on PATH at that version; allowed: ${known}, or any version already on PATH`,
    );
  }
  const asset = deps.platform === null ? undefined : release.assets[deps.platform];
  if (!asset) {
    throw new InfraError(
      `${tool.name} ${release.version}: no pinned download for platform ${deps.platform ?? `${process.platform}/${process.arch}`}; put ${tool.name} ${release.version} on PATH instead`,
    );
  }

  const cached = deps.cache.find(tool.name, release.cacheVersion);
  if (cached !== '') {
    return { path: path.join(cached, tool.binary), version: release.version, source: 'cache' };
  }

  deps.log(`${tool.name} ${release.version}: downloading ${asset.url}`);
  let downloaded: string;
  try {
    downloaded = await deps.cache.downloadTool(asset.url);
  } catch (error) {
    throw new InfraError(`${tool.name} ${release.version}: download of ${asset.url} failed`, {
      cause: error,
    });
  }
  let extracted: string | undefined;
  try {
    const actual = await sha256File(downloaded);
    if (actual !== asset.sha256) {
      throw new InfraError(
        `${tool.name} ${release.version}: sha256 mismatch for ${asset.url}: expected ${asset.sha256}, got ${actual}`,
      );
    }
    let binaryFile = downloaded;
    if (asset.archive === 'tar.gz') {
      extracted = await deps.cache.extractTar(downloaded);
      binaryFile = path.join(extracted, asset.entry ?? tool.binary);
    }
    const cacheDir = await deps.cache.cacheFile(
      binaryFile,
      tool.binary,
      tool.name,
      release.cacheVersion,
    );
    const installed = path.join(cacheDir, tool.binary);
    await chmod(installed, 0o755);
    return { path: installed, version: release.version, source: 'download' };
  } catch (error) {
    if (error instanceof InfraError) throw error;
    throw new InfraError(`${tool.name} ${release.version}: install failed: ${messageOf(error)}`, {
      cause: error,
    });
  } finally {
    await rm(downloaded, { force: true });
    if (extracted !== undefined) await rm(extracted, { recursive: true, force: true });
  }
}
