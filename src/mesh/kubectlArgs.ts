// The few kubectl invocations the mesh installs and checks need beyond the Kubernetes API: applying
// a project's published manifest, piping a CLI's rendered manifest, and exec into an agent pod.

/** Server-side apply of a published manifest; large CRDs exceed client-side apply's annotation. */
export function kubectlApplyUrlArgs(url: string): string[] {
  return ['apply', '--server-side', '-f', url];
}

/** Applies the manifests on standard input (a CLI's rendered install, piped in). */
export function kubectlApplyStdinArgs(): string[] {
  return ['apply', '-f', '-'];
}

/** Deletes the objects on standard input, tolerating those already gone. */
export function kubectlDeleteStdinArgs(): string[] {
  return ['delete', '--ignore-not-found', '-f', '-'];
}

/** Runs a command in one container of a pod (argv after `--`, never through a shell). */
export function kubectlExecArgs(
  namespace: string,
  pod: string,
  container: string,
  command: readonly string[],
): string[] {
  return ['exec', '--namespace', namespace, pod, '--container', container, '--', ...command];
}
