// The CLIs a cluster run needs, at which versions, and why: kind for the kind provider, kubectl
// for the mesh installs that pipe manifests and for the post step, and each mesh's own CLI at the
// release of the mesh it installs (istioctl and linkerd install their own release). gcloud and
// docker come with the runner and are never downloaded.
import type { Config } from '../config/types.js';
import type { Platform } from '../tools/platform.js';
import { findRelease, pinnedVersions, TOOLS } from '../tools/registry.js';
import type { ToolName } from '../tools/toolNames.js';

export interface ToolNeed {
  tool: ToolName;
  version: string;
  why: string;
}

/** The mesh releases the mesh CLIs must match; absent ones fall back to the pinned CLI. */
export interface MeshReleases {
  istio?: string;
  linkerd?: string;
}

export function toolsNeeded(config: Config, releases: MeshReleases = {}): ToolNeed[] {
  const pinned = pinnedVersions(config.toolVersions);
  const meshes = config.meshes;
  const needs: ToolNeed[] = [];
  if (config.provider === 'kind') {
    needs.push({ tool: 'kind', version: pinned.kind, why: 'creates and deletes the cluster' });
  }
  needs.push({
    tool: 'kubectl',
    version: pinned.kubectl,
    why: 'applies the manifests mesh CLIs render, runs commands in mesh pods, and lets the post step remove what a cancelled run left',
  });
  if (meshes.includes('istio') || meshes.includes('istio-ambient')) {
    needs.push({
      tool: 'istioctl',
      version: config.toolVersions.istioctl ?? releases.istio ?? pinned.istioctl,
      why: 'installs Istio at its own release and reads ztunnel state',
    });
  }
  if (meshes.includes('linkerd')) {
    needs.push({
      tool: 'linkerd',
      version: config.toolVersions.linkerd ?? releases.linkerd ?? pinned.linkerd,
      why: 'renders the Linkerd install of its own release and checks the data plane',
    });
  }
  if (meshes.includes('cilium')) {
    needs.push({
      tool: 'cilium',
      version: pinned.cilium,
      why: 'installs Cilium at cilium-version and waits for its status',
    });
  }
  return needs;
}

/** One dry-run line per tool: where it comes from, and the sum a download is checked against. */
export function describeToolNeed(need: ToolNeed, platform: Platform | null): string {
  const release = findRelease(TOOLS[need.tool], need.version);
  const asset = platform === null ? undefined : release?.assets[platform];
  const source = asset
    ? `else downloaded from ${asset.url} and checked against sha256 ${asset.sha256}`
    : release
      ? `else it must be on PATH: no pinned download for ${platform ?? 'this platform'}`
      : 'else it must be on PATH: this version has no pinned sha256';
  return `${need.tool} ${need.version} (${need.why}): used from PATH when it reports that version, ${source}`;
}
