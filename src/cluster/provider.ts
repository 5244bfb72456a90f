// The provider seam: where the server and load generators run. The run loop is the same for the
// local provider and for clusters; only this interface is implemented per provider.
import type { MeshId } from '../config/types.js';
import type { LoadProgress } from '../load/types.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Environment, MeshConfig, Mtls } from '../results/schema.js';
import type { LocalTrialOutcome } from '../load/localLoadgen.js';

export type TrialOutcome = LocalTrialOutcome;

export interface BenchmarkProvider {
  /** Brings up everything the listed scenarios need (servers, certificates, later a cluster). */
  setUp(meshes: readonly MeshId[]): Promise<void>;
  /** Checks mTLS on the path the next trial of `mesh` will measure. */
  verifyMtls(mesh: MeshId): Promise<Mtls>;
  runTrial(
    trial: PlannedTrial,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<TrialOutcome>;
  /** Stops a trial in progress (Ctrl-C); the trial still reports what it measured. */
  interrupt(): void;
  /**
   * Steps `--dry-run` prints, in order: what setUp, a trial and the teardown would do, commands
   * with their argv, manifests with secrets redacted. Starts, downloads and changes nothing.
   */
  describe(meshes: readonly MeshId[]): string[] | Promise<string[]>;
  /** The load engine's version, known after setUp (e.g. fortio's "1.68.2"). */
  engineVersion?(): string | undefined;
  /**
   * The fingerprint of where the trials ran, from what setUp learned (a cluster's nodes and
   * Kubernetes version, mesh versions); `base` is this machine's. Still callable after teardown.
   */
  environment?(base: Environment): Environment;
  /** What the result records about the mesh as installed for a scenario (cluster runs). */
  meshConfig?(mesh: MeshId): MeshConfig | undefined;
}

export const NOT_APPLICABLE_MTLS: Mtls = {
  verified: false,
  method: 'not-applicable',
  details: ['plain-text baseline: no mTLS is expected on this path'],
};
