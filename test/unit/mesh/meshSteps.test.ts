// The two step forms the mesh plans added: a command fed by another command's output, and a
// Secret generated at run time, each as the dry run prints it.
import { describe, expect, it } from '@jest/globals';
import { formatStep, type Step } from '../../../src/cluster/steps.js';

describe('formatStep (mesh forms)', () => {
  it.each<[Step, string]>([
    [
      {
        kind: 'command',
        title: 'install the Linkerd CRDs',
        command: 'kubectl',
        args: ['apply', '-f', '-'],
        stdinFrom: { command: 'linkerd', args: ['install', '--crds'] },
        timeoutMs: 300_000,
      },
      'install the Linkerd CRDs\n  $ linkerd install --crds | kubectl apply -f -',
    ],
    [
      {
        kind: 'generated-secret',
        title: "create ztunnel's bootstrap certificate and CA",
        namespace: 'kube-system',
        name: 'cilium-ztunnel-secrets',
        generator: 'cilium-ztunnel-secrets',
      },
      "create ztunnel's bootstrap certificate and CA\n  create Secret kube-system/cilium-ztunnel-secrets (cilium-ztunnel-secrets), generated when the step runs; its contents are never printed",
    ],
  ])('renders %j', (step, text) => {
    expect(formatStep(step)).toBe(text);
  });
});
