// cilium argv row by row, and the kubectl argv the mesh part runs.
import { describe, expect, it } from '@jest/globals';
import {
  ENCRYPT_STATUS_COMMAND,
  ciliumInstallArgs,
  ciliumStatusArgs,
} from '../../../src/mesh/cilium/ciliumArgs.js';
import {
  kubectlApplyStdinArgs,
  kubectlApplyUrlArgs,
  kubectlDeleteStdinArgs,
  kubectlExecArgs,
} from '../../../src/mesh/kubectlArgs.js';

describe('cilium argv', () => {
  it.each<[string, string[], string[]]>([
    [
      'WireGuard on kind, replacing the absent kube-proxy',
      ciliumInstallArgs(
        { version: '1.19.6', encryption: 'wireguard', kubeProxyReplacement: true },
        300,
      ),
      [
        'install',
        '--version',
        '1.19.6',
        '--set',
        'encryption.enabled=true',
        '--set',
        'encryption.type=wireguard',
        '--set',
        'kubeProxyReplacement=true',
        '--wait',
        '--wait-duration',
        '300s',
      ],
    ],
    [
      'IPsec on GKE',
      ciliumInstallArgs(
        { version: '1.19.6', encryption: 'ipsec', kubeProxyReplacement: false },
        300,
      ),
      [
        'install',
        '--version',
        '1.19.6',
        '--set',
        'encryption.enabled=true',
        '--set',
        'encryption.type=ipsec',
        '--wait',
        '--wait-duration',
        '300s',
      ],
    ],
    ['status, waiting', ciliumStatusArgs(300), ['status', '--wait', '--wait-duration', '300s']],
  ])('%s', (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });
});

describe('kubectl argv', () => {
  it.each<[string, string[], string[]]>([
    [
      'apply a published manifest server-side',
      kubectlApplyUrlArgs('https://example.test/crds.yaml'),
      ['apply', '--server-side', '-f', 'https://example.test/crds.yaml'],
    ],
    ['apply what is piped in', kubectlApplyStdinArgs(), ['apply', '-f', '-']],
    [
      'delete what is piped in',
      kubectlDeleteStdinArgs(),
      ['delete', '--ignore-not-found', '-f', '-'],
    ],
    [
      "cilium-dbg in one node's agent",
      kubectlExecArgs('kube-system', 'cilium-x7k2p', 'cilium-agent', ENCRYPT_STATUS_COMMAND),
      [
        'exec',
        '--namespace',
        'kube-system',
        'cilium-x7k2p',
        '--container',
        'cilium-agent',
        '--',
        'cilium-dbg',
        'encrypt',
        'status',
      ],
    ],
  ])('%s', (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });
});
