// The cluster keys of the configuration: values, and the rules between fields that name what to
// change (gke needs a project and a zone; cross-node needs two workers).
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/loadConfig.js';
import { flagProblems, inputs } from '../support/configProblems.js';

describe('cluster keys', () => {
  it('reads every cluster key from flags', async () => {
    const config = await loadConfig({
      flags: [
        ...['--provider', 'gke', '--cluster-name', 'nightly-1', '--nodes', '3'],
        ...['--gke-project', 'bench-project', '--gke-zone', 'europe-west4'],
        ...['--gke-machine-type', 'c3-standard-8', '--gke-expiry', '12h'],
        ...['--tool-versions', 'kubectl=v1.35.2, kind=0.31.0'],
      ],
    });
    expect(config).toMatchObject({
      provider: 'gke',
      clusterName: 'nightly-1',
      nodes: 3,
      gkeProject: 'bench-project',
      gkeZone: 'europe-west4',
      gkeMachineType: 'c3-standard-8',
      gkeExpiryMs: 43_200_000,
      toolVersions: { kubectl: 'v1.35.2', kind: '0.31.0' },
    });
  });

  it('reads the existing provider context from an input; an empty input is unset', async () => {
    const config = await loadConfig({
      inputs: inputs({ provider: 'existing', 'kube-context': 'kind-dev', 'cluster-name': '' }),
    });
    expect(config).toMatchObject({ kubeContext: 'kind-dev', clusterName: null });
  });

  it.each([
    [
      ['--provider', 'gke'],
      [
        'gke-project (default): not set; provider "gke" (from --provider) needs it; allowed: a project id: 6 to 30 lowercase letters, digits and -',
        'gke-zone (default): not set; provider "gke" (from --provider) needs it; allowed: a zone such as us-central1-a, or a region such as us-central1',
      ],
    ],
    [
      ['--provider', 'kind', '--placement', 'cross-node', '--nodes', '1'],
      [
        'nodes (--nodes): 1 worker node cannot hold client and server apart for placement "cross-node" (from --placement); allowed: at least 2 with placement "cross-node"',
      ],
    ],
    [
      ['--provider', 'kind', '--cluster-name', 'Bad_Name'],
      [
        'cluster-name (--cluster-name): "Bad_Name" is not a cluster name; allowed: a DNS label of at most 40 characters: lowercase letters, digits and -, starting with a letter',
      ],
    ],
    [
      ['--tool-versions', 'kubectl,helm=3.18.4,kind=1,kind=2'],
      [
        'tool-versions (--tool-versions): "kubectl" needs a version, as in kubectl=<version>; allowed: comma-separated tool=version pairs, tools: kind, kubectl, istioctl, linkerd, cilium',
        'tool-versions (--tool-versions): "helm" is not a tool; allowed: comma-separated tool=version pairs, tools: kind, kubectl, istioctl, linkerd, cilium',
        'tool-versions (--tool-versions): "kind" is listed twice; allowed: comma-separated tool=version pairs, tools: kind, kubectl, istioctl, linkerd, cilium',
      ],
    ],
    [
      ['--gke-zone', 'us central', '--nodes', '0', '--gke-expiry', '5m'],
      [
        'nodes (--nodes): "0" is less than 1; allowed: a whole number from 1 to 20; cross-node placement needs at least 2',
        'gke-zone (--gke-zone): "us central" is not a zone or region; allowed: a zone such as us-central1-a, or a region such as us-central1',
        'gke-expiry (--gke-expiry): "5m" is shorter than 1h; allowed: a duration like 500ms, 10s or 5m, from 1h to 168h',
      ],
    ],
  ])('%j is rejected with one line per problem', async (flags, expected) => {
    expect(await flagProblems(flags)).toEqual(expected);
  });

  it('lets the existing provider run cross-node without a node count (the cluster decides)', async () => {
    const config = await loadConfig({
      flags: ['--provider', 'existing', '--placement', 'cross-node', '--nodes', '1'],
    });
    expect(config.placement).toBe('cross-node');
  });
});
