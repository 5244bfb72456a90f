// Mesh release numbers: accepted spellings, the oldest releases the steps support, ordering, and
// the configuration keys built on them (errors name the key, the value and what is allowed).
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/errors.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import {
  isAtLeast,
  normalizeVersion,
  versionProblem,
  type MeshProject,
} from '../../../src/mesh/meshVersions.js';

describe('versionProblem', () => {
  it.each<[MeshProject, string, string | undefined]>([
    ['istio', '1.30.3', undefined],
    ['istio', '1.31.0-beta.1', undefined],
    ['istio', '1.23.6', 'is older than 1.24.0'],
    ['istio', 'v1.30.3', 'is not an Istio release like 1.30.3'],
    ['istio', '1.30', 'is not an Istio release like 1.30.3'],
    ['linkerd', 'edge-26.8.3', undefined],
    ['linkerd', 'edge-25.4.4', undefined],
    ['linkerd', 'edge-25.4.3', 'is older than edge-25.4.4'],
    ['linkerd', 'stable-2.14.10', 'is not a Linkerd edge release like edge-26.8.3'],
    ['cilium', '1.19.6', undefined],
    ['cilium', 'v1.19.6', undefined],
    ['cilium', '1.15.19', 'is older than 1.16.0'],
  ])('%s %s', (project, version, problem) => {
    expect(versionProblem(project, version)).toBe(problem);
  });

  it("orders pre-releases before their release and drops Cilium's leading v", () => {
    expect(isAtLeast('istio', '1.31.0-rc.0', '1.31.0')).toBe(false);
    expect(isAtLeast('istio', '1.31.0', '1.31.0-rc.0')).toBe(true);
    expect(isAtLeast('linkerd', 'edge-26.10.1', 'edge-26.8.2')).toBe(true);
    expect(normalizeVersion('cilium', 'v1.19.6')).toBe('1.19.6');
  });
});

async function problems(inputs: Record<string, string>): Promise<readonly string[]> {
  try {
    await loadConfig({ inputs: (name) => inputs[name] ?? '' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('mesh configuration keys', () => {
  it('has pinned defaults and takes overrides', async () => {
    expect(await loadConfig({ inputs: () => '' })).toMatchObject({
      istioVersion: '1.30.3',
      linkerdVersion: 'edge-25.5.2',
      ciliumVersion: '1.19.6',
      ciliumEncryption: 'wireguard',
    });
    expect(
      await loadConfig({
        inputs: (name) =>
          ({
            'cilium-version': 'v1.20.2',
            'cilium-encryption': 'ztunnel',
            'istio-version': '1.29.6',
          })[name] ?? '',
      }),
    ).toMatchObject({
      ciliumVersion: '1.20.2',
      ciliumEncryption: 'ztunnel',
      istioVersion: '1.29.6',
    });
  });

  it.each([
    [
      { 'istio-version': '1.22.0' },
      'istio-version (input istio-version): "1.22.0" is older than 1.24.0; allowed: a release like 1.30.3, 1.24.0 or newer',
    ],
    [
      { 'linkerd-version': 'stable-2.14.10' },
      'linkerd-version (input linkerd-version): "stable-2.14.10" is not a Linkerd edge release like edge-26.8.3; allowed: an edge release like edge-26.8.3, edge-25.4.4 or newer',
    ],
    [
      { 'cilium-encryption': 'spire' },
      'cilium-encryption (input cilium-encryption): "spire" is not a Cilium encryption mode; allowed: wireguard, ipsec, ztunnel (ztunnel is beta and needs cilium-version 1.19.0 or newer)',
    ],
    [
      { 'cilium-encryption': 'ztunnel', 'cilium-version': '1.18.4' },
      'cilium-encryption (input cilium-encryption): "ztunnel" needs cilium-version 1.19.0 or newer, not 1.18.4 (from input cilium-version); allowed: wireguard, ipsec, ztunnel (ztunnel is beta and needs cilium-version 1.19.0 or newer)',
    ],
  ])('%j', async (inputs, problem) => {
    expect(await problems(inputs)).toEqual([problem]);
  });
});
