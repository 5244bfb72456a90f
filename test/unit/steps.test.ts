import { describe, expect, it } from '@jest/globals';
import { formatStep, shellQuote, type Step } from '../../src/cluster/steps.js';

describe('formatStep', () => {
  it.each<[Step, string]>([
    [
      {
        kind: 'command',
        title: 'create the cluster',
        command: 'kind',
        args: ['create', 'cluster', '--name', 'mesh perf', '--config', '-'],
        stdin: 'kind: Cluster\n',
        timeoutMs: 600_000,
      },
      "create the cluster\n  $ kind create cluster --name 'mesh perf' --config -\n  (with 14 bytes on stdin)",
    ],
    [
      {
        kind: 'wait',
        title: 'wait for istiod',
        target: { type: 'deployment-available', namespace: 'istio-system', name: 'istiod' },
        timeoutMs: 300_000,
      },
      'wait for istiod\n  wait until deployment istio-system/istiod is Available with all replicas updated (at most 300 s)',
    ],
    [
      { kind: 'verify', title: 'verify mTLS', checks: ['a plaintext client is refused'] },
      'verify mTLS\n  check: a plaintext client is refused',
    ],
    [
      {
        kind: 'apply',
        title: 'create the namespace',
        objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }],
      },
      'create the namespace\n  ---\n  apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: bench',
    ],
  ])('renders %j', (step, text) => {
    expect(formatStep(step)).toBe(text);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['--set=values.x=1', '--set=values.x=1'],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
  ])('%s -> %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });
});
