// Reading real kubelet Summaries (a 2025 DigitalOcean node with Cilium, a 2017 GKE node) and the
// derived later sample whose CPU deltas are known exactly.
import { describe, expect, it } from '@jest/globals';
import { parseKubeletSummary, statTimeMs } from '../../src/metrics/kubeletSummary.js';
import { advanceSummary, kubeletFixture } from '../support/kubeletFixtures.js';

describe('parseKubeletSummary', () => {
  it('reads every container of the 2025 DigitalOcean node, with its own collection times', () => {
    const summary = parseKubeletSummary(kubeletFixture('digitalocean-cilium-2025.json'));
    expect(summary.node).toBe('pool-k1f1it7zb-ekz6u');
    expect(summary.containers).toHaveLength(14);
    expect(summary.containers.find((c) => c.container === 'cilium-agent')).toEqual({
      namespace: 'kube-system',
      pod: 'cilium-z2c2n',
      container: 'cilium-agent',
      startedAtMs: Date.parse('2025-01-15T13:03:41Z'),
      cpu: { atMs: Date.parse('2025-02-03T13:53:29Z') + 500, coreNanoSeconds: 20759486050000 },
      memory: { atMs: Date.parse('2025-02-03T13:53:29Z') + 500, workingSetBytes: 322723840 },
    });
    // Two containers of one pod stay apart (hubble-ui: frontend and backend).
    expect(
      summary.containers
        .filter((c) => c.pod === 'hubble-ui-79957d9f7b-sh75m')
        .map((c) => c.container),
    ).toEqual(['frontend', 'backend']);
  });

  it('reads the 2017 GKE node, whose stats lack fields newer kubelets have', () => {
    const summary = parseKubeletSummary(kubeletFixture('gke-2017-one-pod.json'));
    expect(summary).toEqual({
      node: 'gke-beats-default-pool-a5b33e2e-hdww',
      containers: [
        {
          namespace: 'default',
          pod: 'nginx-deployment-2303442956-pcqfc',
          container: 'nginx',
          startedAtMs: Date.parse('2017-04-18T16:47:44Z'),
          cpu: { atMs: Date.parse('2017-04-20T08:06:34Z') + 500, coreNanoSeconds: 43959424 },
          memory: { atMs: Date.parse('2017-04-20T08:06:34Z') + 500, workingSetBytes: 1454080 },
        },
      ],
    });
  });

  it.each([
    ['not an object', 'text'],
    ['no node', { pods: [] }],
    ['a node without a name', { node: {}, pods: [] }],
  ])('rejects %s', (_, value) => {
    expect(() => parseKubeletSummary(value)).toThrow(
      'not a kubelet Summary: node.nodeName is missing',
    );
  });

  it('skips containers without stats and pods without a reference', () => {
    const summary = parseKubeletSummary({
      node: { nodeName: 'n' },
      pods: [
        { containers: [{ name: 'orphan' }] },
        {
          podRef: { name: 'p', namespace: 'ns' },
          containers: [{ name: 'starting' }, 'junk', { name: 'x', cpu: { time: 'soon' } }],
        },
      ],
    });
    expect(summary.containers.map((c) => [c.container, c.cpu, c.memory])).toEqual([
      ['starting', null, null],
      ['x', null, null],
    ]);
  });
});

describe('statTimeMs', () => {
  it.each([
    ['2025-02-03T13:53:29Z', Date.parse('2025-02-03T13:53:29Z') + 500],
    ['2025-02-03T13:53:29+01:00', Date.parse('2025-02-03T13:53:29+01:00') + 500],
    ['2025-02-03T13:53:29.250Z', Date.parse('2025-02-03T13:53:29.250Z')],
    ['garbage', null],
    [42, null],
  ])('%s', (text, expected) => {
    expect(statTimeMs(text)).toBe(expected);
  });
});

describe('the derived fixture', () => {
  it('is the verbatim Summary advanced 10 s by the rule in its README', () => {
    expect(kubeletFixture('digitalocean-cilium-2025-plus10s.json')).toEqual(
      advanceSummary(kubeletFixture('digitalocean-cilium-2025.json'), 10),
    );
  });
});
