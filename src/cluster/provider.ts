// The provider seam: where the server and load generators run. The run loop is the same for the
// local provider and, later, for clusters; only this interface is implemented per provider.
import type { MeshId } from '../config/types.js';
import type { LoadProgress } from '../load/types.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Mtls } from '../results/schema.js';
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
  /** Steps `--dry-run` prints: what setUp and a trial would do, commands with their argv. */
  describe(meshes: readonly MeshId[]): string[];
  /** The load engine's version, known after setUp (e.g. fortio's "1.68.2"). */
  engineVersion?(): string | undefined;
}

export const NOT_APPLICABLE_MTLS: Mtls = {
  verified: false,
  method: 'not-applicable',
  details: ['plain-text baseline: no mTLS is expected on this path'],
};
