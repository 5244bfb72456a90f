// Executes the steps of a plan that go through the Kubernetes API rather than a CLI: server-side
// apply of objects, Secrets whose keys are generated only now (never held by a plan or a log),
// readiness waits, and verify steps (whose checks run before each trial, so here they are only
// announced).
import type { KubeApi } from '../kube/kubeApi.js';
import { generateSecret } from '../mesh/generatedSecrets.js';
import type { Step } from './steps.js';

export type ApiStep = Exclude<Step, { kind: 'command' }>;

export function apiStepRunner(
  kube: KubeApi,
  log: (line: string) => void,
): (step: ApiStep) => Promise<void> {
  return async (step) => {
    switch (step.kind) {
      case 'apply':
        await kube.apply(step.objects);
        return;
      case 'generated-secret':
        await kube.apply([await generateSecret(step)]);
        return;
      case 'wait':
        await kube.wait(step.target, step.timeoutMs);
        return;
      case 'verify':
        for (const check of step.checks) log(`  before each trial: ${check}`);
        return;
    }
  };
}
