// istioctl argv, row by row (istioctl 1.30: install/uninstall flags, ztunnel-config workloads).
import { describe, expect, it } from '@jest/globals';
import {
  istioctlInstallArgs,
  istioctlUninstallArgs,
  istioctlZtunnelWorkloadsArgs,
} from '../../../src/mesh/istio/istioctlArgs.js';

describe('istioctl argv', () => {
  it.each<[string, string[], string[]]>([
    [
      'sidecars: minimal profile',
      istioctlInstallArgs({ profile: 'minimal', settings: [] }, 300),
      ['install', '--skip-confirmation', '--set', 'profile=minimal', '--readiness-timeout', '300s'],
    ],
    [
      'ambient on GKE',
      istioctlInstallArgs({ profile: 'ambient', settings: ['values.global.platform=gke'] }, 120),
      [
        'install',
        '--skip-confirmation',
        '--set',
        'profile=ambient',
        '--set',
        'values.global.platform=gke',
        '--readiness-timeout',
        '120s',
      ],
    ],
    [
      'uninstall of the same installation, not --purge',
      istioctlUninstallArgs({ profile: 'ambient', settings: [] }),
      ['uninstall', '--skip-confirmation', '--set', 'profile=ambient'],
    ],
    [
      'ztunnel workloads on one node, one namespace',
      istioctlZtunnelWorkloadsArgs('kind-worker2', 'mesh-perf-1a2b'),
      [
        'ztunnel-config',
        'workloads',
        '--node',
        'kind-worker2',
        '--workload-namespace',
        'mesh-perf-1a2b',
      ],
    ],
  ])('%s', (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });
});
