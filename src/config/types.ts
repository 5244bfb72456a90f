// The validated configuration every stage reads. Produced only by src/config/loadConfig.ts.
import type { ToolName } from '../tools/toolNames.js';

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

/** The program answering the load: our echo server, or `fortio server` (the study's pair). */
export const SERVERS = ['builtin', 'fortio'] as const;
export type ServerId = (typeof SERVERS)[number];

export const PLACEMENTS = ['same-node', 'cross-node'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** When the gate fails the job: on a regression only, or also when the verdict is inconclusive. */
export const FAIL_ON = ['regression', 'inconclusive'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const COMMENT_MODES = ['always', 'on-regression', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
/** Where the reference run comes from; `auto` is resolved with the environment (src/baseline/). */
export type BaselineSetting =
  { store: 'auto' } | { store: 'none' } | { store: 'git-branch' } | { store: 'file'; path: string };

/** Whether to store this run: always, never, or only on a push to the default branch. */
export type SaveBaseline = boolean | 'auto';

/** Cilium's transparent encryption modes (its SPIRE mutual authentication is deprecated upstream). */
export const CILIUM_ENCRYPTIONS = ['wireguard', 'ipsec', 'ztunnel'] as const;
export type CiliumEncryption = (typeof CILIUM_ENCRYPTIONS)[number];

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
  server: ServerId;
  placement: Placement;
  /** null: derived from the run id (see src/cluster/clusterSettings.ts). */
  clusterName: string | null;
  /** Worker nodes of a kind or GKE cluster. */
  nodes: number;
  kindNodeImage: string;
  gkeProject: string | null;
  gkeZone: string | null;
  gkeMachineType: string;
  gkeExpiryMs: number;
  /** null: the kubeconfig's current context. */
  kubeContext: string | null;
  /** Overrides of the pinned CLI versions. */
  toolVersions: Partial<Record<ToolName, string>>;
  /** Load-generator worker threads; 'auto' picks from the rate and the cores. */
  workers: number | 'auto';
  /** Mesh releases installed for the cluster scenarios. */
  istioVersion: string;
  linkerdVersion: string;
  ciliumVersion: string;
  ciliumEncryption: CiliumEncryption;
  /** Largest error fraction (0..1) a valid trial may have. */
  maxErrorRate: number;
  requestTimeoutMs: number;
  /** When to post or update the pull-request comment. */
  comment: CommentMode;
  /** Where the comment goes when it cannot be posted (fork pull requests). */
  commentFile: string;
  /** Where the result document is written. */
  out: string;
  baseline: BaselineSetting;
  /** Data branch of the git-branch store. */
  baselineBranch: string;
  /** Stored runs kept per comparability key. */
  baselineKeep: number;
  saveBaseline: SaveBaseline;
  dryRun: boolean;
  /** Gate: relative increase (0.1 is 10 %) at or above which a significant change fails. */
  thresholdP50: number;
  thresholdP99: number;
  thresholdP999: number;
  thresholdCpu: number;
  thresholdMemory: number;
  /** Gate: largest tolerated increase of the error fraction (absolute, 0.0005 is 0.05 points). */
  errorRateCap: number;
  /** Gate: absolute changes below these never fail. */
  floorLatencyMs: number;
  floorCpuCores: number;
  floorMemoryMiB: number;
  /** Gate: confidence of each one-sided interval before the Holm correction. */
  confidence: number;
  failOn: FailOn;
  /** Calibration: extra server delay on top of serverDelayMs; not part of the comparability key. */
  injectDelayMs: number;
}
