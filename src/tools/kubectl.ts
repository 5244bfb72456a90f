// Argument lists for kubectl, for what the cluster path does outside the Kubernetes API client:
// applying bundles a mesh CLI renders (CRDs and control planes, on stdin), exec probes, and
// deleting a namespace from the post step. Generic on purpose, so the mesh installers share them.

export interface KubectlTarget {
  /** A kubeconfig file; undefined means the one kubectl finds itself (KUBECONFIG or ~/.kube). */
  kubeconfig?: string;
  /** A context of that kubeconfig; undefined means its current context. */
  context?: string;
}

function targetArgs(target: KubectlTarget): string[] {
  return [
    ...(target.kubeconfig === undefined ? [] : ['--kubeconfig', target.kubeconfig]),
    ...(target.context === undefined ? [] : ['--context', target.context]),
  ];
}

/** Server-side apply of manifests piped on stdin. */
export function kubectlApplyArgs(
  target: KubectlTarget,
  options: { fieldManager?: string; forceConflicts?: boolean } = {},
): string[] {
  return [
    ...targetArgs(target),
    'apply',
    '--server-side',
    '--field-manager',
    options.fieldManager ?? 'mesh-perf',
    ...(options.forceConflicts === true ? ['--force-conflicts'] : []),
    '-f',
    '-',
  ];
}

/** Runs a command in a pod's container; the command is an argv array, never a shell string. */
export function kubectlExecArgs(
  target: KubectlTarget,
  pod: { namespace: string; name: string; container?: string },
  command: readonly string[],
): string[] {
  return [
    ...targetArgs(target),
    'exec',
    '--namespace',
    pod.namespace,
    pod.name,
    ...(pod.container === undefined ? [] : ['--container', pod.container]),
    '--',
    ...command,
  ];
}

/** Deletes a namespace the run created; returns at once, the API server finishes the rest. */
export function kubectlDeleteNamespaceArgs(target: KubectlTarget, name: string): string[] {
  return [...targetArgs(target), 'delete', 'namespace', name, '--ignore-not-found', '--wait=false'];
}

export function kubectlCurrentContextArgs(target: KubectlTarget): string[] {
  return [...targetArgs(target), 'config', 'current-context'];
}
