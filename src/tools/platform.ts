// The OS/architecture pair a download is published for, spelled as the release assets spell it.
export const PLATFORMS = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** This machine's platform, or null when no CLI publishes a build for it (e.g. win32, s390x). */
export function platformOf(
  os: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Platform | null {
  const cpu = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : null;
  if (cpu === null || (os !== 'linux' && os !== 'darwin')) return null;
  return `${os}/${cpu}`;
}
