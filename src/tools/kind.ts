// Argument lists for the kind CLI. Pure: the cluster plan prints them in a dry run and the
// executor runs exactly these.

export interface KindCreateOptions {
  name: string;
  /** Node image, pinned by digest. */
  image: string;
  /** Private kubeconfig the cluster's credentials are written to (the user's is left alone). */
  kubeconfig: string;
  /**
   * How long kind waits for the control plane to be Ready, e.g. "5m"; undefined when nodes cannot
   * become Ready before a CNI is installed (Cilium), where waiting would only run into the timeout.
   */
  wait?: string;
}

/** The cluster config YAML goes on stdin (`--config -`). */
export function kindCreateClusterArgs(o: KindCreateOptions): string[] {
  return [
    'create',
    'cluster',
    '--name',
    o.name,
    '--config',
    '-',
    '--image',
    o.image,
    '--kubeconfig',
    o.kubeconfig,
    ...(o.wait === undefined ? [] : ['--wait', o.wait]),
  ];
}

export function kindDeleteClusterArgs(name: string, kubeconfig?: string): string[] {
  return [
    'delete',
    'cluster',
    '--name',
    name,
    ...(kubeconfig === undefined ? [] : ['--kubeconfig', kubeconfig]),
  ];
}

export function kindLoadDockerImageArgs(name: string, images: readonly string[]): string[] {
  return ['load', 'docker-image', ...images, '--name', name];
}

export function kindGetKubeconfigArgs(name: string): string[] {
  return ['get', 'kubeconfig', '--name', name];
}
