// Each CLI wrapper's argv, row by row: what the dry run prints is what the executor runs.
import { describe, expect, it } from '@jest/globals';
import { dockerPullArgs } from '../../src/tools/docker.js';
import {
  gcloudCreateClusterArgs,
  gcloudDeleteClusterArgs,
  gcloudGetCredentialsArgs,
  gkeLocation,
} from '../../src/tools/gcloud.js';
import {
  kindCreateClusterArgs,
  kindDeleteClusterArgs,
  kindGetKubeconfigArgs,
  kindLoadDockerImageArgs,
} from '../../src/tools/kind.js';
import {
  kubectlApplyArgs,
  kubectlCurrentContextArgs,
  kubectlDeleteNamespaceArgs,
  kubectlExecArgs,
} from '../../src/tools/kubectl.js';

const IMAGE =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';

describe('kind', () => {
  it.each([
    [
      'create with wait',
      kindCreateClusterArgs({ name: 'mp-1', image: IMAGE, kubeconfig: '/t/kc', wait: '5m' }),
      [
        'create',
        'cluster',
        '--name',
        'mp-1',
        '--config',
        '-',
        '--image',
        IMAGE,
        '--kubeconfig',
        '/t/kc',
        '--wait',
        '5m',
      ],
    ],
    [
      'create without wait (no CNI yet)',
      kindCreateClusterArgs({ name: 'mp-1', image: IMAGE, kubeconfig: '/t/kc' }),
      [
        'create',
        'cluster',
        '--name',
        'mp-1',
        '--config',
        '-',
        '--image',
        IMAGE,
        '--kubeconfig',
        '/t/kc',
      ],
    ],
    ['delete', kindDeleteClusterArgs('mp-1'), ['delete', 'cluster', '--name', 'mp-1']],
    [
      'delete with kubeconfig',
      kindDeleteClusterArgs('mp-1', '/t/kc'),
      ['delete', 'cluster', '--name', 'mp-1', '--kubeconfig', '/t/kc'],
    ],
    [
      'load images',
      kindLoadDockerImageArgs('mp-1', ['fortio/fortio:1.68.2', 'node:22-slim']),
      ['load', 'docker-image', 'fortio/fortio:1.68.2', 'node:22-slim', '--name', 'mp-1'],
    ],
    ['get kubeconfig', kindGetKubeconfigArgs('mp-1'), ['get', 'kubeconfig', '--name', 'mp-1']],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('kubectl', () => {
  it.each([
    [
      'apply on stdin, default kubeconfig and context',
      kubectlApplyArgs({}),
      ['apply', '--server-side', '--field-manager', 'mesh-perf', '-f', '-'],
    ],
    [
      'apply with kubeconfig, context and forced conflicts',
      kubectlApplyArgs({ kubeconfig: '/t/kc', context: 'kind-mp-1' }, { forceConflicts: true }),
      [
        '--kubeconfig',
        '/t/kc',
        '--context',
        'kind-mp-1',
        'apply',
        '--server-side',
        '--field-manager',
        'mesh-perf',
        '--force-conflicts',
        '-f',
        '-',
      ],
    ],
    [
      'exec in a container',
      kubectlExecArgs(
        { context: 'ctx' },
        { namespace: 'mp', name: 'client-0', container: 'istio-proxy' },
        ['pilot-agent', 'request', 'GET', 'certs'],
      ),
      [
        '--context',
        'ctx',
        'exec',
        '--namespace',
        'mp',
        'client-0',
        '--container',
        'istio-proxy',
        '--',
        'pilot-agent',
        'request',
        'GET',
        'certs',
      ],
    ],
    [
      'exec in the default container',
      kubectlExecArgs({}, { namespace: 'mp', name: 'server-0' }, ['cat', '/etc/hostname']),
      ['exec', '--namespace', 'mp', 'server-0', '--', 'cat', '/etc/hostname'],
    ],
    [
      'delete namespace without waiting',
      kubectlDeleteNamespaceArgs({ context: 'prod' }, 'mesh-perf-1a2b3c4d'),
      [
        '--context',
        'prod',
        'delete',
        'namespace',
        'mesh-perf-1a2b3c4d',
        '--ignore-not-found',
        '--wait=false',
      ],
    ],
    [
      'current context',
      kubectlCurrentContextArgs({ kubeconfig: '/t/kc' }),
      ['--kubeconfig', '/t/kc', 'config', 'current-context'],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('gcloud', () => {
  const zone = gkeLocation('us-central1-a');
  const region = gkeLocation('europe-west4');
  it.each([
    [
      'create in a zone on a release channel',
      gcloudCreateClusterArgs({
        name: 'mp-1',
        project: 'bench-project',
        location: zone,
        machineType: 'n2-standard-4',
        numNodes: 2,
        labels: {
          'created-by': 'mesh-perf',
          owner: 'org_repo',
          'run-id': 'abc',
          expiry: '1795000000',
        },
      }),
      [
        'container',
        'clusters',
        'create',
        'mp-1',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
        '--machine-type',
        'n2-standard-4',
        '--num-nodes',
        '2',
        '--labels',
        'created-by=mesh-perf,owner=org_repo,run-id=abc,expiry=1795000000',
        '--release-channel',
        'regular',
        '--quiet',
      ],
    ],
    [
      'create in a region at an exact version',
      gcloudCreateClusterArgs({
        name: 'mp-2',
        project: 'bench-project',
        location: region,
        machineType: 'e2-standard-4',
        numNodes: 1,
        labels: { owner: 'me' },
        clusterVersion: '1.34.4-gke.1130000',
      }),
      [
        'container',
        'clusters',
        'create',
        'mp-2',
        '--project',
        'bench-project',
        '--region',
        'europe-west4',
        '--machine-type',
        'e2-standard-4',
        '--num-nodes',
        '1',
        '--labels',
        'owner=me',
        '--cluster-version',
        '1.34.4-gke.1130000',
        '--quiet',
      ],
    ],
    [
      'get credentials',
      gcloudGetCredentialsArgs({ name: 'mp-1', project: 'bench-project', location: zone }),
      [
        'container',
        'clusters',
        'get-credentials',
        'mp-1',
        '--project',
        'bench-project',
        '--zone',
        'us-central1-a',
      ],
    ],
    [
      'delete asynchronously',
      gcloudDeleteClusterArgs({ name: 'mp-1', project: 'bench-project', location: region }),
      [
        'container',
        'clusters',
        'delete',
        'mp-1',
        '--project',
        'bench-project',
        '--region',
        'europe-west4',
        '--async',
        '--quiet',
      ],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('docker', () => {
  it('pulls one image', () => {
    expect(dockerPullArgs('fortio/fortio:1.68.2')).toEqual(['pull', 'fortio/fortio:1.68.2']);
  });
});
