// argv of the linkerd CLI commands the Linkerd plan and verifier run (edge-25.4.4 and newer), and
// the Gateway API release that each Linkerd release asks to be installed first.
import { isAtLeast } from '../meshVersions.js';

/** CRDs first (`linkerd install --crds | kubectl apply -f -`), then the control plane. */
export function linkerdInstallCrdsArgs(): string[] {
  return ['install', '--crds'];
}

/**
 * The control plane. Without certificate flags the CLI generates the trust anchor and issuer
 * itself; the issuer key travels only inside the piped manifest (into the linkerd-identity-issuer
 * Secret), never onto disk.
 */
export function linkerdInstallArgs(): string[] {
  return ['install'];
}

/** Every resource the installation created, for `| kubectl delete -f -`. */
export function linkerdUninstallArgs(): string[] {
  return ['uninstall'];
}

export type LinkerdCheck =
  | { kind: 'pre' }
  | { kind: 'control-plane'; waitSeconds: number }
  | { kind: 'proxy'; namespace: string; waitSeconds: number };

/** `linkerd check` in its table output (√ / ‼ / × per check), exit code 1 when a check fails. */
export function linkerdCheckArgs(check: LinkerdCheck): string[] {
  switch (check.kind) {
    case 'pre':
      return ['check', '--pre'];
    case 'control-plane':
      return ['check', '--wait', `${check.waitSeconds}s`];
    case 'proxy':
      return [
        'check',
        '--proxy',
        '--namespace',
        check.namespace,
        '--wait',
        `${check.waitSeconds}s`,
      ];
  }
}

/**
 * The Gateway API release `linkerd install` names when the CRDs are missing: v1.5.1 from
 * edge-26.8.2, v1.2.1 before (Linkerd 2.18 to 2.20 accept 1.1.1 to 1.2.1).
 */
export function gatewayApiVersion(linkerdVersion: string): string {
  return isAtLeast('linkerd', linkerdVersion, 'edge-26.8.2') ? 'v1.5.1' : 'v1.2.1';
}

export function gatewayApiManifestUrl(version: string): string {
  return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}
