// One entry per CLI: its binary name, how to ask it for its version, how to read the answer, and
// its pinned releases. The mesh installers use istioctl, linkerd and cilium through these entries.
import { TOOL_RELEASES, type ToolRelease } from './toolReleases.js';
import type { ToolName } from './toolNames.js';
import {
  parseCiliumVersion,
  parseIstioctlVersion,
  parseKindVersion,
  parseKubectlVersion,
  parseLinkerdVersion,
  sameVersion,
} from './versionParsers.js';

export interface ToolSpec {
  name: ToolName;
  binary: string;
  /** Prints the client's own version without contacting a cluster. */
  versionArgs: readonly string[];
  parseVersion(output: string): string | undefined;
  releases: readonly ToolRelease[];
}

const spec = (
  name: ToolName,
  versionArgs: readonly string[],
  parseVersion: (output: string) => string | undefined,
): ToolSpec => ({ name, binary: name, versionArgs, parseVersion, releases: TOOL_RELEASES[name] });

export const TOOLS: Readonly<Record<ToolName, ToolSpec>> = {
  kind: spec('kind', ['version'], parseKindVersion),
  kubectl: spec('kubectl', ['version', '--client', '-o', 'json'], parseKubectlVersion),
  istioctl: spec('istioctl', ['version', '--remote=false'], parseIstioctlVersion),
  linkerd: spec('linkerd', ['version', '--client', '--short'], parseLinkerdVersion),
  cilium: spec('cilium', ['version', '--client'], parseCiliumVersion),
};

export function defaultVersion(tool: ToolSpec): string {
  const newest = tool.releases[0];
  if (!newest) throw new Error(`no pinned release for ${tool.name}`);
  return newest.version;
}

export function findRelease(tool: ToolSpec, version: string): ToolRelease | undefined {
  return tool.releases.find((release) => sameVersion(release.version, version));
}

/** The version each tool runs at: the override from `tool-versions`, else its default. */
export function pinnedVersions(
  overrides: Partial<Record<ToolName, string>>,
): Record<ToolName, string> {
  return {
    kind: overrides.kind ?? defaultVersion(TOOLS.kind),
    kubectl: overrides.kubectl ?? defaultVersion(TOOLS.kubectl),
    istioctl: overrides.istioctl ?? defaultVersion(TOOLS.istioctl),
    linkerd: overrides.linkerd ?? defaultVersion(TOOLS.linkerd),
    cilium: overrides.cilium ?? defaultVersion(TOOLS.cilium),
  };
}
