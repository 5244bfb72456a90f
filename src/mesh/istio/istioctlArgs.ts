// argv of the istioctl commands the Istio plans and verifiers run (istioctl 1.24 and newer).
// Pure; each row is tested in test/unit/mesh/istioctlArgs.test.ts.

export interface IstioInstallation {
  /** istioctl profile: minimal (istiod only) for sidecars, ambient (istiod, istio-cni, ztunnel). */
  profile: 'minimal' | 'ambient';
  /** Further `--set` values, e.g. values.global.platform=gke. */
  settings: readonly string[];
}

const setFlags = (installation: IstioInstallation): string[] =>
  [`profile=${installation.profile}`, ...installation.settings].flatMap((s) => ['--set', s]);

/**
 * `istioctl install` without a prompt; istioctl itself waits up to the readiness timeout for what it
 * installed to become ready (and fails otherwise).
 */
export function istioctlInstallArgs(
  installation: IstioInstallation,
  readinessTimeoutSeconds: number,
): string[] {
  return [
    'install',
    '--skip-confirmation',
    ...setFlags(installation),
    '--readiness-timeout',
    `${readinessTimeoutSeconds}s`,
  ];
}

/** Removes the components of that same installation (not `--purge`, which removes every Istio). */
export function istioctlUninstallArgs(installation: IstioInstallation): string[] {
  return ['uninstall', '--skip-confirmation', ...setFlags(installation)];
}

/**
 * The workloads known to the ztunnel on one node, in one namespace, as the summary table:
 * NAMESPACE POD NAME ADDRESS NODE WAYPOINT PROTOCOL.
 */
export function istioctlZtunnelWorkloadsArgs(node: string, namespace: string): string[] {
  return ['ztunnel-config', 'workloads', '--node', node, '--workload-namespace', namespace];
}
