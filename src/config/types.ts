// The validated configuration every stage reads. Produced only by src/config/loadConfig.ts.

export const MESH_IDS = [
  'none',
  'app-mtls',
  'istio',
  'istio-ambient',
  'linkerd',
  'cilium',
] as const;
export type MeshId = (typeof MESH_IDS)[number];

export const PROVIDERS = ['local', 'kind', 'gke', 'existing'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ENGINES = ['builtin', 'fortio'] as const;
export type EngineId = (typeof ENGINES)[number];

export const PLACEMENTS = ['same-node', 'cross-node'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Where the reference run comes from; `auto` is resolved with the environment (src/baseline/). */
export type BaselineSetting =
  { store: 'auto' } | { store: 'none' } | { store: 'git-branch' } | { store: 'file'; path: string };

/** Whether to store this run: always, never, or only on a push to the default branch. */
export type SaveBaseline = boolean | 'auto';

/** Meshes the local provider can run: the two baselines need no cluster. */
export const LOCAL_MESHES: readonly MeshId[] = ['none', 'app-mtls'];

export interface Config {
  provider: Provider;
  meshes: MeshId[];
  rps: number;
  connections: number;
  durationMs: number;
  warmupMs: number;
  repetitions: number;
  serverDelayMs: number;
  payloadBytes: number;
  engine: EngineId;
  placement: Placement;
  /** Load-generator worker threads; 'auto' picks from the rate and the cores. */
  workers: number | 'auto';
  /** Largest error fraction (0..1) a valid trial may have. */
  maxErrorRate: number;
  requestTimeoutMs: number;
  /** Where the result document is written. */
  out: string;
  baseline: BaselineSetting;
  /** Data branch of the git-branch store. */
  baselineBranch: string;
  /** Stored runs kept per comparability key. */
  baselineKeep: number;
  saveBaseline: SaveBaseline;
  dryRun: boolean;
}
