// The entry point of the mesh part of a cluster run: the plan and the verifier of each mesh id.
// Plans are pure data (what the dry run prints and the executor runs); verifiers do the I/O.
import type { Step } from '../cluster/steps.js';
import type { MeshId } from '../config/types.js';
import { appMtlsPlan, nonePlan } from './baseline/baselinePlans.js';
import { appMtlsClusterVerifier, noneVerifier } from './baseline/baselineVerifiers.js';
import { ciliumPlan } from './cilium/ciliumPlan.js';
import { ciliumVerifier } from './cilium/ciliumVerifier.js';
import { istioAmbientPlan } from './istio-ambient/ambientPlan.js';
import { istioAmbientVerifier } from './istio-ambient/ambientVerifier.js';
import { istioPlan } from './istio/istioPlan.js';
import { ISTIO_PROBE_ANNOTATIONS, istioVerifier } from './istio/istioVerifier.js';
import { linkerdPlan } from './linkerd/linkerdPlan.js';
import { LINKERD_PROBE_ANNOTATIONS, linkerdVerifier } from './linkerd/linkerdVerifier.js';
import type { MeshPlan, MeshVerifier } from './meshPlan.js';
import type { MeshPlanOptions } from './planOptions.js';
import type { VerifierDeps } from './verification.js';

export function meshPlanFor(mesh: MeshId, options: MeshPlanOptions): MeshPlan {
  switch (mesh) {
    case 'none':
      return nonePlan(options);
    case 'app-mtls':
      return appMtlsPlan(options);
    case 'istio':
      return istioPlan(options);
    case 'istio-ambient':
      return istioAmbientPlan(options);
    case 'linkerd':
      return linkerdPlan(options);
    case 'cilium':
      return ciliumPlan(options);
  }
}

export function meshVerifierFor(
  mesh: MeshId,
  options: Pick<MeshPlanOptions, 'ciliumEncryption'>,
  deps: VerifierDeps = {},
): MeshVerifier {
  switch (mesh) {
    case 'none':
      return noneVerifier;
    case 'app-mtls':
      return appMtlsClusterVerifier(deps);
    case 'istio':
      return istioVerifier(deps);
    case 'istio-ambient':
      return istioAmbientVerifier(deps);
    case 'linkerd':
      return linkerdVerifier(deps);
    case 'cilium':
      return ciliumVerifier(options.ciliumEncryption, deps);
  }
}

/** The enforcement objects as one apply step, or null when the namespace enrollment enforces. */
export function enforceStep(plan: MeshPlan): Step | null {
  if (plan.enforce.length === 0) return null;
  return {
    kind: 'apply',
    title: `enforce mTLS for ${plan.mesh} in the benchmark namespace`,
    objects: plan.enforce,
  };
}

/**
 * The mesh's part of the dry run, in the order a run takes it: install, enforce, verify. The
 * namespace's labels and annotations appear in the workload's Namespace manifest.
 */
export function meshDryRunSteps(plan: MeshPlan): Step[] {
  const enforce = enforceStep(plan);
  return [...plan.install, ...(enforce ? [enforce] : []), plan.verifyStep];
}

/**
 * Annotations for pods that must run to completion in the mesh (load generators, probes): with the
 * proxy as a native sidecar the pod finishes when its container does; a classic sidecar would keep
 * it running forever.
 */
export function runToCompletionAnnotations(mesh: MeshId): Readonly<Record<string, string>> {
  switch (mesh) {
    case 'istio':
      return ISTIO_PROBE_ANNOTATIONS;
    case 'linkerd':
      return LINKERD_PROBE_ANNOTATIONS;
    case 'none':
    case 'app-mtls':
    case 'istio-ambient':
    case 'cilium':
      return {};
  }
}
