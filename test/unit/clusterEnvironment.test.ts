// The cluster fingerprint, from node data as GKE reports it (test/fixtures/tools/gke-nodes-wide.txt).
import { describe, expect, it } from '@jest/globals';
import type { NodeInfo } from '../../src/kube/kubeApi.js';
import {
  clusterEnvironment,
  parseCpuQuantity,
  parseMemoryGiB,
} from '../../src/results/clusterEnvironment.js';
import type { Environment } from '../../src/results/schema.js';

const base: Environment = {
  os: 'Ubuntu 24.04.3 LTS',
  kernel: 'Linux 6.8.0 x86_64',
  cpuModel: 'AMD EPYC 7763',
  cpus: 4,
  memoryGiB: 15.6,
  nodeVersion: 'v20.20.2',
  kubernetesVersion: null,
  meshVersions: {},
};

// OS image, kernel and kubelet version from the fixture's rows; capacity and the instance-type
// label as GKE sets them on n2-standard-4 nodes (4 vCPUs, 16 GiB).
const node = (name: string, osImage: string, kernelVersion: string): NodeInfo => ({
  name,
  ready: true,
  labels: { 'kubernetes.io/arch': 'amd64' },
  osImage,
  kernelVersion,
  kubeletVersion: 'v1.34.4-gke.1130000',
  containerRuntimeVersion: 'containerd://2.1.5',
  instanceType: 'n2-standard-4',
  cpuCapacity: '4',
  memoryCapacity: '16375604Ki',
});

const cos1 = node(
  'gke-cluster-1-cos-pool-73eeead1-k6s1',
  'Container-Optimized OS from Google',
  '6.12.55+',
);
const cos2 = node(
  'gke-cluster-1-cos-pool-73eeead1-vlzr',
  'Container-Optimized OS from Google',
  '6.12.55+',
);
const ubuntu = node(
  'gke-cluster-1-ubuntu-pool-ec20df67-92hx',
  'Ubuntu 24.04.3 LTS',
  '6.8.0-1042-gke',
);

describe('clusterEnvironment', () => {
  it('describes the nodes the workload ran on, not the runner', () => {
    expect(
      clusterEnvironment(base, [cos1, cos2, ubuntu], 'v1.34.4-gke.1130000', [cos1.name, cos2.name]),
    ).toEqual({
      ...base,
      os: 'Container-Optimized OS from Google',
      kernel: '6.12.55+ amd64',
      cpuModel: 'n2-standard-4',
      cpus: 4,
      memoryGiB: 15.6,
      kubernetesVersion: 'v1.34.4-gke.1130000',
      machineType: 'n2-standard-4',
    });
  });

  it('shows every distinct value when the nodes differ', () => {
    const env = clusterEnvironment(
      base,
      [cos1, { ...ubuntu, instanceType: null, cpuCapacity: '3920m' }],
      'v1.34.4',
    );
    expect(env.os).toBe('Container-Optimized OS from Google | Ubuntu 24.04.3 LTS');
    expect(env.kernel).toBe('6.12.55+ amd64 | 6.8.0-1042-gke amd64');
    expect(env.cpus).toBe(3);
    expect(env.machineType).toBe('n2-standard-4');
  });

  it('keeps the base but records the version when no node is known', () => {
    expect(clusterEnvironment(base, [], 'v1.36.1')).toEqual({
      ...base,
      kubernetesVersion: 'v1.36.1',
    });
  });

  it.each([
    ['4', 4],
    ['3920m', 3.92],
    ['x', undefined],
  ])('cpu %s', (text, expected) => {
    expect(parseCpuQuantity(text)).toBe(expected);
  });

  it.each([
    ['16Gi', 16],
    ['16384Mi', 16],
    ['17179869184', 16],
    ['2G', 2e9 / 2 ** 30],
    ['lots', undefined],
  ])('memory %s', (text, expected) => {
    expect(parseMemoryGiB(text)).toBe(expected);
  });
});
