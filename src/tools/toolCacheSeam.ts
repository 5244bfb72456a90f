// The download and cache operations of @actions/tool-cache behind a small interface, so the same
// install logic runs in the action, in the CLI (where the runner's cache variables are missing)
// and in tests against a loopback server.
import * as tc from '@actions/tool-cache';
import os from 'node:os';
import path from 'node:path';

export interface ToolCache {
  find(tool: string, version: string): string;
  downloadTool(url: string): Promise<string>;
  extractTar(file: string): Promise<string>;
  cacheFile(source: string, target: string, tool: string, version: string): Promise<string>;
}

/**
 * tool-cache requires RUNNER_TOOL_CACHE and RUNNER_TEMP; outside Actions they default to a cache
 * under the user's home and the system temp dir, so the CLI also downloads each version once.
 */
export function ensureToolCacheEnv(env: NodeJS.ProcessEnv = process.env): void {
  env.RUNNER_TOOL_CACHE ??= path.join(os.homedir(), '.cache', 'mesh-perf', 'tools');
  env.RUNNER_TEMP ??= os.tmpdir();
}

export const actionsToolCache: ToolCache = {
  find(tool, version) {
    ensureToolCacheEnv();
    return tc.find(tool, version);
  },
  downloadTool(url) {
    ensureToolCacheEnv();
    return tc.downloadTool(url);
  },
  extractTar(file) {
    ensureToolCacheEnv();
    return tc.extractTar(file);
  },
  cacheFile(source, target, tool, version) {
    ensureToolCacheEnv();
    return tc.cacheFile(source, target, tool, version);
  },
};
