// Merges the front doors (defaults < config file < inputs < flags), validates everything with the
// one schema, and reports every problem at once, each naming the field, its source and what is
// allowed. Invalid input is a ConfigError: exit code 2.
import path from 'node:path';
import { stringify } from 'yaml';
import { formatDuration } from './duration.js';
import {
  FIELDS,
  FIELD_KEYS,
  fieldSpec,
  invalidConfiguration,
  isFieldKey,
  problemLine,
  type FieldKey,
} from './fields.js';
import { readConfigFile } from './fromFile.js';
import { formatCpuQuantity, formatMemorySize } from './quantity.js';
import { readFlags } from './fromFlags.js';
import { fromInputs } from './fromInputs.js';
import { RELATED_SOURCE, type IssueParams } from './crossFieldRules.js';
import { configSchema } from './schema.js';
import type { RawSources } from './sources.js';
import type { Config } from './types.js';

export interface ConfigSources {
  /** argv after `mesh-perf run`. */
  flags?: readonly string[];
  /** The action's input getter (core.getInput); an empty string means not set. */
  inputs?: (name: string) => string;
  /** Where a relative config-file path starts; the process's cwd when absent. */
  cwd?: string;
}

function defaults(): RawSources {
  return Object.fromEntries(FIELDS.map((f) => [f.key, { value: f.default, source: 'default' }]));
}

export async function loadConfig(sources: ConfigSources = {}): Promise<Config> {
  const flags = sources.flags ? readFlags(sources.flags) : { raw: {}, problems: [] };
  const inputs = sources.inputs ? fromInputs(sources.inputs) : { raw: {} };
  const problems = [...flags.problems];

  let file: RawSources = {};
  const configFile = flags.configFile ?? inputs.configFile;
  if (configFile !== undefined) {
    const read = await readConfigFile(path.resolve(sources.cwd ?? process.cwd(), configFile), {
      shownAs: configFile,
      source: flags.configFile === undefined ? 'input config' : '--config',
    });
    file = read.raw;
    problems.push(...read.problems);
  }

  const merged: RawSources = { ...defaults(), ...file, ...inputs.raw, ...flags.raw };
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(merged).map(([key, sourced]) => [key, sourced.value])),
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string' || !isFieldKey(key)) {
        // The front doors pass known keys only; this would be a bug, still worth a clear line.
        problems.push(problemLine(String(key), 'schema', issue.message, FIELD_KEYS.join(', ')));
        continue;
      }
      const params =
        issue.code === 'custom' ? (issue.params as IssueParams | undefined) : undefined;
      problems.push(
        problemLine(
          key,
          merged[key]?.source ?? 'default',
          issue.message.replace(RELATED_SOURCE, relatedSource(params?.related, merged)),
          params?.allowed ?? fieldSpec(key)?.allowed ?? '',
        ),
      );
    }
  }
  if (problems.length > 0 || !parsed.success) throw invalidConfiguration(problems);
  return parsed.data;
}

/** For a rule between two fields: where the other value came from, unless it is the default. */
function relatedSource(related: FieldKey | undefined, merged: RawSources): string {
  const source = related === undefined ? undefined : merged[related]?.source;
  return related === undefined || source === undefined || source === 'default'
    ? ''
    : ` (from ${source})`;
}

/** The configuration as `key: value` lines, spelled as in a config file (for `--dry-run`). */
export function describeConfig(config: Config): string[] {
  const values: Record<FieldKey, string | number | boolean | null> = {
    provider: config.provider,
    mesh: config.meshes.join(','),
    rps: config.rps,
    connections: config.connections,
    duration: formatDuration(config.durationMs),
    warmup: formatDuration(config.warmupMs),
    repetitions: config.repetitions,
    'server-delay': formatDuration(config.serverDelayMs),
    'payload-bytes': config.payloadBytes,
    engine: config.engine,
    server: config.server,
    placement: config.placement,
    'cluster-name': config.clusterName,
    nodes: config.nodes,
    'kind-node-image': config.kindNodeImage,
    'gke-project': config.gkeProject,
    'gke-zone': config.gkeZone,
    'gke-machine-type': config.gkeMachineType,
    'gke-expiry': formatDuration(config.gkeExpiryMs),
    'kube-context': config.kubeContext,
    'tool-versions':
      Object.entries(config.toolVersions)
        .map(([tool, version]) => `${tool}=${version}`)
        .join(',') || null,
    workers: config.workers,
    'istio-version': config.istioVersion,
    'linkerd-version': config.linkerdVersion,
    'cilium-version': config.ciliumVersion,
    'cilium-encryption': config.ciliumEncryption,
    'max-error-rate': config.maxErrorRate,
    'request-timeout': formatDuration(config.requestTimeoutMs),
    comment: config.comment,
    'comment-file': config.commentFile,
    out: config.out,
    baseline: config.baseline.store === 'file' ? config.baseline.path : config.baseline.store,
    'baseline-branch': config.baselineBranch,
    'baseline-keep': config.baselineKeep,
    'save-baseline': config.saveBaseline,
    'dry-run': config.dryRun,
    'threshold-p50': config.thresholdP50,
    'threshold-p99': config.thresholdP99,
    'threshold-p999': config.thresholdP999,
    'threshold-cpu': config.thresholdCpu,
    'threshold-memory': config.thresholdMemory,
    'error-rate-cap': config.errorRateCap,
    'floor-latency': formatDuration(config.floorLatencyMs),
    'floor-cpu': formatCpuQuantity(config.floorCpuCores),
    'floor-memory': formatMemorySize(config.floorMemoryMiB),
    confidence: config.confidence,
    'fail-on': config.failOn,
    'inject-delay': formatDuration(config.injectDelayMs),
  };
  // Spelled by the YAML library, so an `out` such as "true" is quoted and the lines load back.
  return FIELD_KEYS.map((key) => `${key}: ${stringify(values[key], { lineWidth: 0 }).trimEnd()}`);
}
