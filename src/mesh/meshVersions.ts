// Mesh release numbers: how each project spells them, which releases the install and verification
// steps were written for (the oldest accepted), and an ordering to compare them. Pure, no imports,
// so that the config schema can validate versions without pulling in the mesh plans.

export type MeshProject = 'istio' | 'linkerd' | 'cilium';

/** A release as three numbers plus an optional pre-release tag (which sorts before the release). */
export interface ReleaseNumber {
  major: number;
  minor: number;
  patch: number;
  pre: string | null;
}

const FORMATS: Record<MeshProject, { pattern: RegExp; example: string }> = {
  // 1.30.3, 1.31.0-beta.1 (istioctl and the control plane share the number).
  istio: { pattern: /^(\d+)\.(\d+)\.(\d+)(?:-((?:alpha|beta|rc)\.\d+))?$/, example: '1.30.3' },
  // The Linkerd project publishes edge releases only: edge-YY.M.N.
  linkerd: { pattern: /^edge-(\d{2})\.(\d{1,2})\.(\d+)()$/, example: 'edge-26.8.3' },
  // cilium install --version takes 1.19.6 or v1.19.6; the leading v is dropped.
  cilium: { pattern: /^v?(\d+)\.(\d+)\.(\d+)(?:-((?:pre|rc)\.\d+))?$/, example: '1.19.6' },
};

/**
 * The oldest releases the steps here are written for. Istio 1.24: ambient GA, the
 * sidecar.istio.io/nativeSidecar annotation, `istioctl ztunnel-config workloads`. Linkerd
 * edge-25.4.4 (2.18): Gateway API CRDs installed separately before `linkerd install --crds`.
 * Cilium 1.16: the cilium-dbg agent CLI and the cilium-envoy DaemonSet by default.
 */
export const MIN_MESH_VERSIONS: Record<MeshProject, string> = {
  istio: '1.24.0',
  linkerd: 'edge-25.4.4',
  cilium: '1.16.0',
};

/** Cilium's ztunnel encryption mode (beta) arrived in 1.19. */
export const MIN_CILIUM_ZTUNNEL_VERSION = '1.19.0';

export function versionExample(project: MeshProject): string {
  return FORMATS[project].example;
}

/** The release number of a version string, or null when it is not spelled as the project does. */
export function parseRelease(project: MeshProject, version: string): ReleaseNumber | null {
  const match = FORMATS[project].pattern.exec(version.trim());
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    pre: match[4] === undefined || match[4] === '' ? null : match[4],
  };
}

/** The version as it is passed to the project's CLI (Cilium without a leading v). */
export function normalizeVersion(project: MeshProject, version: string): string {
  const trimmed = version.trim();
  return project === 'cilium' ? trimmed.replace(/^v/, '') : trimmed;
}

export function compareReleases(a: ReleaseNumber, b: ReleaseNumber): number {
  const byNumber = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (byNumber !== 0) return Math.sign(byNumber);
  if (a.pre === b.pre) return 0;
  if (a.pre === null) return 1;
  if (b.pre === null) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** True when `version` is `minimum` or newer; false when either is not a release of the project. */
export function isAtLeast(project: MeshProject, version: string, minimum: string): boolean {
  const a = parseRelease(project, version);
  const b = parseRelease(project, minimum);
  return a !== null && b !== null && compareReleases(a, b) >= 0;
}

const RELEASE_NOUN: Record<MeshProject, string> = {
  istio: 'an Istio release',
  linkerd: 'a Linkerd edge release',
  cilium: 'a Cilium release',
};

/** What is wrong with a version for a project, or undefined when it can be installed. */
export function versionProblem(project: MeshProject, version: string): string | undefined {
  if (parseRelease(project, version) === null) {
    return `is not ${RELEASE_NOUN[project]} like ${versionExample(project)}`;
  }
  const minimum = MIN_MESH_VERSIONS[project];
  if (!isAtLeast(project, version, minimum)) return `is older than ${minimum}`;
  return undefined;
}
