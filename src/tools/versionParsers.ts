// Reads the version a CLI on PATH reports, so a binary already at the pinned version is reused
// instead of downloaded. Each parser returns undefined for output it does not recognise.

/** `kind version`: "kind v0.32.0 go1.24.4 linux/amd64" (quiet mode prints only "0.32.0"). */
export function parseKindVersion(output: string): string | undefined {
  return /(?:^|\s)kind v(\d+\.\d+\.\d+[\w.+-]*)/.exec(output)?.[1] ?? bareSemver(output);
}

/** `kubectl version --client -o json`: clientVersion.gitVersion, e.g. "v1.36.1". */
export function parseKubectlVersion(output: string): string | undefined {
  // kubectl may append a warning line after the JSON document; parse the object only.
  const start = output.indexOf('{');
  const end = output.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  try {
    const parsed = JSON.parse(output.slice(start, end + 1)) as {
      clientVersion?: { gitVersion?: unknown };
    };
    const gitVersion = parsed.clientVersion?.gitVersion;
    return typeof gitVersion === 'string' ? stripV(gitVersion) : undefined;
  } catch {
    return undefined;
  }
}

/** `istioctl version --remote=false`: "client version: 1.30.3", or the bare "1.30.3". */
export function parseIstioctlVersion(output: string): string | undefined {
  const line = /^client version:\s*(\S+)\s*$/im.exec(output)?.[1];
  return line !== undefined ? validSemver(line) : bareSemver(output);
}

/** `linkerd version --client --short`: the release name alone, e.g. "edge-25.5.2". */
export function parseLinkerdVersion(output: string): string | undefined {
  const match = /^(?:Client version:\s*)?((?:edge|stable|version)-\d+\.\d+(?:\.\d+)?)\s*$/im.exec(
    output,
  );
  return match?.[1];
}

/** `cilium version --client`: "cilium-cli: v0.19.7 compiled with go1.25.1 on linux/amd64". */
export function parseCiliumVersion(output: string): string | undefined {
  const match = /^cilium-cli:\s+v(\d+\.\d+\.\d+[\w.+-]*)\s/m.exec(output);
  return match?.[1];
}

function stripV(version: string): string {
  return version.replace(/^v/, '');
}

function validSemver(text: string): string | undefined {
  return /^\d+\.\d+\.\d+[\w.+-]*$/.test(text) ? text : undefined;
}

function bareSemver(output: string): string | undefined {
  const trimmed = output.trim();
  return /^v?\d+\.\d+\.\d+[\w.+-]*$/.test(trimmed) ? stripV(trimmed) : undefined;
}

/** Versions compare without the leading "v" that some tools print and others do not. */
export function sameVersion(a: string, b: string): boolean {
  return stripV(a.trim()) === stripV(b.trim());
}
