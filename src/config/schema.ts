// The one schema: raw values keyed as in the file, flags and inputs (strings from flags and inputs,
// YAML scalars and lists from the file) in, a typed Config out. Each parser says what is wrong with
// the value; src/config/loadConfig.ts adds the field, its source and what is allowed.
import path from 'node:path';
import { z } from 'zod';
import { parseCpuQuantity, parseMemorySize } from './quantity.js';
import { crossField } from './crossFieldRules.js';
import {
  CLUSTER_NAME,
  CONTEXT,
  GKE_LOCATION,
  GKE_PROJECT,
  IMAGE,
  MACHINE_TYPE,
  baselineSetting,
  branchName,
  meshVersion,
  saveBaseline,
  toolVersions,
} from './domainParsers.js';
import { LIMITS, type FieldKey } from './fields.js';
import {
  CILIUM_ENCRYPTIONS,
  COMMENT_MODES,
  ENGINES,
  FAIL_ON,
  PLACEMENTS,
  PROVIDERS,
  SERVERS,
  type Config,
} from './types.js';
import {
  boolean,
  boundedFraction,
  choice,
  duration,
  filePath,
  fraction,
  meshList,
  optionalFilePath,
  optionalName,
  quantity,
  requiredName,
  wholeNumber,
  workers,
} from './valueParsers.js';

const fields = z.strictObject({
  provider: choice(PROVIDERS, 'a provider'),
  mesh: meshList,
  rps: wholeNumber(LIMITS.rps),
  connections: wholeNumber(LIMITS.connections),
  duration: duration(LIMITS.durationMs),
  warmup: duration(LIMITS.warmupMs),
  repetitions: wholeNumber(LIMITS.repetitions),
  'server-delay': duration(LIMITS.serverDelayMs),
  'payload-bytes': wholeNumber(LIMITS.payloadBytes),
  engine: choice(ENGINES, 'an engine'),
  server: choice(SERVERS, 'a server'),
  placement: choice(PLACEMENTS, 'a placement'),
  'cluster-name': optionalName(CLUSTER_NAME, 'a cluster name'),
  nodes: wholeNumber(LIMITS.nodes),
  'kind-node-image': requiredName(IMAGE, 'an image reference'),
  'gke-project': optionalName(GKE_PROJECT, 'a project id'),
  'gke-zone': optionalName(GKE_LOCATION, 'a zone or region'),
  'gke-machine-type': requiredName(MACHINE_TYPE, 'a machine type'),
  'gke-expiry': duration(LIMITS.gkeExpiryMs),
  'kube-context': optionalName(CONTEXT, 'a context name'),
  'tool-versions': toolVersions,
  workers,
  'istio-version': meshVersion('istio'),
  'linkerd-version': meshVersion('linkerd'),
  'cilium-version': meshVersion('cilium'),
  'cilium-encryption': choice(CILIUM_ENCRYPTIONS, 'a Cilium encryption mode'),
  'max-error-rate': fraction,
  'request-timeout': duration(LIMITS.requestTimeoutMs),
  comment: choice(COMMENT_MODES, 'a comment mode'),
  'comment-file': optionalFilePath,
  out: filePath,
  baseline: baselineSetting,
  'baseline-branch': branchName,
  'baseline-keep': wholeNumber(LIMITS.baselineKeep),
  'save-baseline': saveBaseline,
  'dry-run': boolean,
  'threshold-p50': fraction,
  'threshold-p99': fraction,
  'threshold-p999': fraction,
  'threshold-cpu': fraction,
  'threshold-memory': fraction,
  'error-rate-cap': fraction,
  'floor-latency': duration(LIMITS.floorLatencyMs),
  'floor-cpu': quantity(parseCpuQuantity, 'a CPU amount', LIMITS.floorCpuCores),
  'floor-memory': quantity(parseMemorySize, 'a memory size', LIMITS.floorMemoryMiB),
  confidence: boundedFraction(LIMITS.confidence),
  'fail-on': choice(FAIL_ON, 'a fail-on mode'),
  'inject-delay': duration(LIMITS.injectDelayMs),
} satisfies Record<FieldKey, z.ZodType>);

export type Fields = z.output<typeof fields>;

function toConfig(raw: Fields): Config {
  return {
    provider: raw.provider,
    meshes: raw.mesh,
    rps: raw.rps,
    connections: raw.connections,
    durationMs: raw.duration,
    warmupMs: raw.warmup,
    repetitions: raw.repetitions,
    serverDelayMs: raw['server-delay'],
    payloadBytes: raw['payload-bytes'],
    engine: raw.engine,
    server: raw.server,
    placement: raw.placement,
    clusterName: raw['cluster-name'],
    nodes: raw.nodes,
    kindNodeImage: raw['kind-node-image'],
    gkeProject: raw['gke-project'],
    gkeZone: raw['gke-zone'],
    gkeMachineType: raw['gke-machine-type'],
    gkeExpiryMs: raw['gke-expiry'],
    kubeContext: raw['kube-context'],
    toolVersions: raw['tool-versions'],
    workers: raw.workers,
    istioVersion: raw['istio-version'],
    linkerdVersion: raw['linkerd-version'],
    ciliumVersion: raw['cilium-version'],
    ciliumEncryption: raw['cilium-encryption'],
    maxErrorRate: raw['max-error-rate'],
    requestTimeoutMs: raw['request-timeout'],
    comment: raw.comment,
    // Next to the result document, so one upload-artifact path covers both.
    commentFile: raw['comment-file'] ?? path.join(path.dirname(raw.out), 'mesh-perf-comment.json'),
    out: raw.out,
    baseline: raw.baseline,
    baselineBranch: raw['baseline-branch'],
    baselineKeep: raw['baseline-keep'],
    saveBaseline: raw['save-baseline'],
    dryRun: raw['dry-run'],
    thresholdP50: raw['threshold-p50'],
    thresholdP99: raw['threshold-p99'],
    thresholdP999: raw['threshold-p999'],
    thresholdCpu: raw['threshold-cpu'],
    thresholdMemory: raw['threshold-memory'],
    errorRateCap: raw['error-rate-cap'],
    floorLatencyMs: raw['floor-latency'],
    floorCpuCores: raw['floor-cpu'],
    floorMemoryMiB: raw['floor-memory'],
    confidence: raw.confidence,
    failOn: raw['fail-on'],
    injectDelayMs: raw['inject-delay'],
  };
}

/** Raw kebab-case keys (every field present; loadConfig fills in defaults) to a Config. */
export const configSchema = fields
  // `when`: run the rules even after other fields failed, so every problem is reported at once.
  .superRefine(crossField, {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
  .transform(toConfig);

export type RawConfig = z.input<typeof configSchema>;
