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
  placement: Placement;
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
  /** Where the result document is written. */
  out: string;
  dryRun: boolean;
}
