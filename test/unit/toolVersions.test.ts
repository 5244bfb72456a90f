// Version checks on real CLI output (test/fixtures/tools/README.md says where each came from),
// and the pinned registry's own consistency.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { platformOf } from '../../src/tools/platform.js';
import { TOOLS, defaultVersion, findRelease, pinnedVersions } from '../../src/tools/registry.js';
import { TOOL_NAMES, type ToolName } from '../../src/tools/toolNames.js';
import { repoRoot } from '../support/paths.js';

const fixture = (name: string): string =>
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'tools', name), 'utf8');

describe('version parsing on real output', () => {
  it.each<[ToolName, string, string | undefined]>([
    ['kind', 'kind-version.txt', '0.24.0'],
    ['kubectl', 'kubectl-version-client.json', '1.25.2'],
    ['istioctl', 'istioctl-version.txt', '1.2.0-rc.0'],
    ['linkerd', 'linkerd-version-short.txt', 'edge-25.12.2'],
    ['cilium', 'cilium-version-client.txt', '0.12.8'],
    ['cilium', 'cilium-version-client-unversioned.txt', undefined],
  ])('%s from %s', (tool, file, expected) => {
    expect(TOOLS[tool].parseVersion(fixture(file))).toBe(expected);
  });

  it.each<[ToolName, string, string | undefined]>([
    ['kind', '0.32.0\n', '0.32.0'],
    ['kind', 'Error: unknown command\n', undefined],
    ['kubectl', 'not json', undefined],
    ['kubectl', '{"serverVersion":{"gitVersion":"v1.36.1"}}', undefined],
    ['istioctl', '1.30.3\n', '1.30.3'],
    ['istioctl', 'client version: unknown\n', undefined],
    ['linkerd', 'Client version: edge-25.5.2\n', 'edge-25.5.2'],
    ['linkerd', 'unavailable\n', undefined],
  ])('%s from %j', (tool, output, expected) => {
    expect(TOOLS[tool].parseVersion(output)).toBe(expected);
  });
});

describe('the pinned registry', () => {
  it.each(TOOL_NAMES.map((name) => [name]))(
    '%s: every asset has an https URL naming its version and a sha256; the default has linux/amd64',
    (name) => {
      const tool = TOOLS[name];
      expect(tool.releases.length).toBeGreaterThan(0);
      for (const release of tool.releases) {
        for (const asset of Object.values(release.assets)) {
          expect(asset.url).toMatch(/^https:\/\//);
          expect(asset.url).toContain(release.version);
          expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(asset.archive === 'tar.gz' ? asset.entry : 'none').toBeTruthy();
        }
        expect(release.cacheVersion).toMatch(/^\d+\.\d+\.\d+$/);
      }
      const latest = findRelease(tool, defaultVersion(tool));
      expect(latest?.assets['linux/amd64']).toBeDefined();
    },
  );

  it('finds a release with or without the leading v, and overrides win over defaults', () => {
    expect(findRelease(TOOLS.kind, 'v0.32.0')?.version).toBe('0.32.0');
    expect(findRelease(TOOLS.kind, '0.1.0')).toBeUndefined();
    expect(pinnedVersions({ kubectl: 'v1.35.2' })).toEqual({
      kind: '0.32.0',
      kubectl: 'v1.35.2',
      istioctl: '1.30.3',
      linkerd: 'edge-25.5.2',
      cilium: '0.19.7',
    });
  });

  it.each<[NodeJS.Platform, string, string | null]>([
    ['linux', 'x64', 'linux/amd64'],
    ['linux', 'arm64', 'linux/arm64'],
    ['darwin', 'arm64', 'darwin/arm64'],
    ['win32', 'x64', null],
    ['linux', 's390x', null],
  ])('platform of %s/%s is %s', (os, arch, expected) => {
    expect(platformOf(os, arch)).toBe(expected);
  });
});
