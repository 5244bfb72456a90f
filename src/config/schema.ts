// The one schema: raw values keyed as in the file, flags and inputs (strings from flags and inputs,
// YAML scalars and lists from the file) in, a typed Config out. Each parser says what is wrong with
// the value; src/config/loadConfig.ts adds the field, its source and what is allowed.
import path from 'node:path';
import { z } from 'zod';
import { bareNumberProblem, formatDuration, parseDuration } from './duration.js';
import {
  MIN_CILIUM_ZTUNNEL_VERSION,
  isAtLeast,
  normalizeVersion,
  versionProblem,
  type MeshProject,
} from '../mesh/meshVersions.js';
import { LIMITS, type FieldKey } from './fields.js';
import { parseCpuQuantity, parseMemorySize } from './quantity.js';
import { suggestion } from './sources.js';
import { TOOL_NAMES, isToolName, type ToolName } from '../tools/toolNames.js';
import {
  COMMENT_MODES,
  CILIUM_ENCRYPTIONS,
  ENGINES,
  FAIL_ON,
  LOCAL_MESHES,
  MESH_IDS,
  PLACEMENTS,
  PROVIDERS,
  type BaselineSetting,
  SERVERS,
  type Config,
  type MeshId,
  type SaveBaseline,
} from './types.js';

/**
 * Extra facts on a cross-field issue: the other field involved, and what is allowed here. The
 * message holds RELATED_SOURCE where loadConfig says where the other value came from.
 */
export interface IssueParams {
  related?: FieldKey;
  allowed?: string;
}

export const RELATED_SOURCE = '{related-source}';

interface Limit {
  min: number;
  max: number;
}

/** A value as it appears in a message: strings quoted, long ones cut. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function choice<const T extends readonly string[]>(values: T, noun: string) {
  return z.unknown().transform((value, ctx): T[number] => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (typeof text === 'string' && (values as readonly string[]).includes(text)) return text;
    const hint = typeof text === 'string' ? suggestion(text, values) : '';
    return fail(ctx, `${showValue(value)} is not ${noun}${hint}`);
  });
}

/** A whole number from a YAML number or from a string of digits (no 0x, 1e3 or 1_000 surprises). */
function toWhole(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function rangeProblem(value: unknown, n: number, limit: Limit): string | undefined {
  if (n < limit.min) return `${showValue(value)} is less than ${limit.min}`;
  if (n > limit.max) return `${showValue(value)} is more than ${limit.max}`;
  return undefined;
}

function wholeNumber(limit: Limit) {
  return z.unknown().transform((value, ctx): number => {
    const n = toWhole(value);
    if (n === undefined) return fail(ctx, `${showValue(value)} is not a whole number`);
    const problem = rangeProblem(value, n, limit);
    return problem === undefined ? n : fail(ctx, problem);
  });
}

function duration(limit: Limit) {
  return z.unknown().transform((value, ctx): number => {
    let ms: number;
    if (typeof value === 'number' && value !== 0) {
      return fail(ctx, `${showValue(value)} ${bareNumberProblem(String(value))}`);
    } else if (typeof value === 'number') {
      ms = 0;
    } else if (typeof value === 'string') {
      try {
        ms = parseDuration(value);
      } catch (error) {
        return fail(ctx, `${showValue(value)} ${(error as Error).message}`);
      }
    } else {
      return fail(ctx, `${showValue(value)} is not a duration`);
    }
    if (ms < limit.min) {
      return fail(ctx, `${showValue(value)} is shorter than ${formatDuration(limit.min)}`);
    }
    if (ms > limit.max) {
      return fail(ctx, `${showValue(value)} is longer than ${formatDuration(limit.max)}`);
    }
    return ms;
  });
}

// Never `=== 'true'`: a typo such as "ture" must be an error, not a silent false.
const boolean = z.unknown().transform((value, ctx): boolean => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(ctx, `${showValue(value)} is not true or false`);
});

const meshList = z.unknown().transform((value, ctx): MeshId[] => {
  const items: unknown[] = Array.isArray(value)
    ? (value as unknown[])
    : typeof value === 'string'
      ? value.split(/[,\n]/)
      : [value];
  const names = items
    .map((item): unknown => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');
  if (names.length === 0) return fail(ctx, `${showValue(value)} names no mesh`);
  const meshes: MeshId[] = [];
  const problems: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || !(MESH_IDS as readonly string[]).includes(name)) {
      const hint = typeof name === 'string' ? suggestion(name, MESH_IDS) : '';
      problems.push(`${showValue(name)} is not a mesh${hint}`);
    } else if (meshes.includes(name as MeshId)) {
      problems.push(`${showValue(name)} is listed twice`);
    } else {
      meshes.push(name as MeshId);
    }
  }
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
  return problems.length > 0 ? z.NEVER : meshes;
});

const workers = z.unknown().transform((value, ctx): number | 'auto' => {
  if (typeof value === 'string' && value.trim() === 'auto') return 'auto';
  const n = toWhole(value);
  if (n === undefined) return fail(ctx, `${showValue(value)} is not auto or a whole number`);
  const problem = rangeProblem(value, n, LIMITS.workers);
  return problem === undefined ? n : fail(ctx, problem);
});

const fraction = z.unknown().transform((value, ctx): number => {
  let n: number | undefined;
  let percent = false;
  if (typeof value === 'number' && Number.isFinite(value)) n = value;
  const match =
    typeof value === 'string' ? /^(-?(?:\d+(?:\.\d*)?|\.\d+))(%?)$/.exec(value.trim()) : null;
  if (match) {
    percent = match[2] === '%';
    // Shift the decimal point instead of dividing: 99.9 / 100 is 0.9990000000000001.
    n = Number(percent ? `${match[1]}e-2` : match[1]);
  }
  if (n === undefined) return fail(ctx, `${showValue(value)} is not a fraction or a percentage`);
  if (n < 0) return fail(ctx, `${showValue(value)} is less than 0`);
  if (n > 1 && percent) return fail(ctx, `${showValue(value)} is more than 100%`);
  if (n > 1) {
    return fail(ctx, `${showValue(value)} is more than 1 (for a percentage write ${String(n)}%)`);
  }
  return n;
});

/** A fraction within limits, e.g. a confidence level: 0.95 or 95%. */
function boundedFraction(limit: Limit) {
  return fraction.transform((n, ctx): number => {
    if (n < limit.min) return fail(ctx, `${String(n)} is less than ${limit.min}`);
    if (n > limit.max) return fail(ctx, `${String(n)} is more than ${limit.max}`);
    return n;
  });
}

/** A CPU or memory amount (src/config/quantity.ts); a YAML number is read as its spelling. */
function quantity(parse: (text: string) => number, noun: string, limit: Limit) {
  return z.unknown().transform((value, ctx): number => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      return fail(ctx, `${showValue(value)} is not ${noun}`);
    }
    let n: number;
    try {
      n = parse(String(value));
    } catch (error) {
      return fail(ctx, `${showValue(value)} ${(error as Error).message}`);
    }
    const problem = rangeProblem(value, n, limit);
    return problem === undefined ? n : fail(ctx, problem);
  });
}

const filePath = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a file path`);
  if (value.trim() === '') return fail(ctx, `${showValue(value)} is empty`);
  return value.trim();
});

/** A name that may be left unset (null, or empty from an input or a flag). */
function optionalName(pattern: RegExp, noun: string) {
  return z.unknown().transform((value, ctx): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not ${noun}`);
    const text = value.trim();
    if (text === '') return null;
    return pattern.test(text) ? text : fail(ctx, `${showValue(value)} is not ${noun}`);
  });
}

function requiredName(pattern: RegExp, noun: string) {
  return z.unknown().transform((value, ctx): string => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    return text !== undefined && pattern.test(text)
      ? text
      : fail(ctx, `${showValue(value)} is not ${noun}`);
  });
}

// GKE's own rule for cluster names, which also keeps kind's container names short.
const CLUSTER_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9][\w.\-/]*(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/;
const GKE_PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const GKE_LOCATION = /^[a-z]+-[a-z]+\d+(-[a-z])?$/;
const MACHINE_TYPE = /^[a-z0-9]+(-[a-z0-9]+)+$/;
const CONTEXT = /^[^\s-][^\n]*$/;
const VERSION = /^[a-zA-Z0-9][\w.+-]*$/;

/** "kind=v0.32.0,kubectl=v1.36.1" from a flag or an input, or a YAML map in the file. */
const toolVersions = z.unknown().transform((value, ctx): Partial<Record<ToolName, string>> => {
  if (value === null || value === undefined) return {};
  let pairs: [string, unknown][];
  if (typeof value === 'string') {
    pairs = value
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item): [string, unknown] => {
        const at = item.indexOf('=');
        return at === -1
          ? [item, undefined]
          : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
      });
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    pairs = Object.entries(value as Record<string, unknown>);
  } else {
    return fail(ctx, `${showValue(value)} is not a list of tool=version pairs`);
  }
  const versions: Partial<Record<ToolName, string>> = {};
  const problems: string[] = [];
  for (const [tool, version] of pairs) {
    const text = typeof version === 'number' ? String(version) : version;
    if (!isToolName(tool)) {
      problems.push(`${showValue(tool)} is not a tool${suggestion(tool, TOOL_NAMES)}`);
    } else if (typeof text !== 'string' || !VERSION.test(text)) {
      problems.push(`${showValue(tool)} needs a version, as in ${tool}=<version>`);
    } else if (versions[tool] !== undefined) {
      problems.push(`${showValue(tool)} is listed twice`);
    } else {
      versions[tool] = text;
    }
  }
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
  return problems.length > 0 ? z.NEVER : versions;
});

/** A path that may be left unset (null): the default is then derived from other fields. */
const optionalFilePath = z.unknown().transform((value, ctx): string | null => {
  if (value === null || value === undefined) return null;
  const parsed = filePath.safeParse(value);
  return parsed.success ? parsed.data : fail(ctx, `${showValue(value)} is not a file path`);
});

const BASELINE_WORDS = ['auto', 'git-branch', 'none'] as const;

// A path must look like one, so that a misspelt "git-brnach" is an error, not a missing file.
const baselineSetting = z.unknown().transform((value, ctx): BaselineSetting => {
  const text = typeof value === 'string' ? value.trim() : '';
  for (const word of BASELINE_WORDS) if (text === word) return { store: word };
  if (text.endsWith('.json') || text.includes('/')) return { store: 'file', path: text };
  const hint = text === '' ? '' : suggestion(text, BASELINE_WORDS);
  return fail(ctx, `${showValue(value)} is not auto, git-branch or none${hint}, nor a file path`);
});

/** The subset of `git check-ref-format` rules a data branch needs; conservative on purpose. */
export function branchNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9._/-]{1,200}$/.test(name)) {
    return 'has characters other than A-Z a-z 0-9 . _ / - (or is empty or too long)';
  }
  if (/^[-/.]|[/.]$|\.\.|\/\/|\/\.|\.lock$|\.lock\//.test(name) || name === 'HEAD') {
    return 'is not a valid git branch name';
  }
  return undefined;
}

const branchName = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a branch name`);
  const problem = branchNameProblem(value.trim());
  return problem === undefined ? value.trim() : fail(ctx, `${showValue(value)} ${problem}`);
});

const saveBaseline = z.unknown().transform((value, ctx): SaveBaseline => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'auto') return 'auto';
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(ctx, `${showValue(value)} is not auto, true or false`);
});

/** A mesh release as its project spells it, not older than the steps here were written for. */
function meshVersion(project: MeshProject) {
  return z.unknown().transform((value, ctx): string => {
    // YAML reads 1.30 as a number; a version is always a string of three parts.
    if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a version`);
    const problem = versionProblem(project, value);
    return problem === undefined
      ? normalizeVersion(project, value)
      : fail(ctx, `${showValue(value)} ${problem}`);
  });
}

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

type Fields = z.output<typeof fields>;

const orList = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
const CLUSTER_PROVIDERS = orList(PROVIDERS.filter((p) => p !== 'local'));

/**
 * Rules between fields; each names the field a user would change. A rule runs only when the fields
 * it reads are valid themselves, so these are reported together with the per-field problems.
 */
function crossField(raw: Fields, ctx: z.RefinementCtx<Fields>): void {
  const failed = new Set(ctx.issues.map((issue) => issue.path?.[0]));
  const valid = (...keys: FieldKey[]): boolean => keys.every((key) => !failed.has(key));
  const add = (key: FieldKey, message: string, params: IssueParams): void => {
    ctx.addIssue({ code: 'custom', path: [key], message, params });
  };

  if (valid('provider', 'mesh') && raw.provider === 'local') {
    for (const mesh of raw.mesh.filter((m) => !LOCAL_MESHES.includes(m))) {
      add(
        'mesh',
        `"${mesh}" cannot run with provider "local"${RELATED_SOURCE}; it needs a cluster provider: ${CLUSTER_PROVIDERS}`,
        { related: 'provider', allowed: `${LOCAL_MESHES.join(', ')} (with provider "local")` },
      );
    }
  }
  if (
    valid('provider', 'placement') &&
    raw.provider === 'local' &&
    raw.placement === 'cross-node'
  ) {
    add(
      'placement',
      `"cross-node" cannot run with provider "local"${RELATED_SOURCE}; it needs a cluster provider: ${CLUSTER_PROVIDERS}`,
      { related: 'provider', allowed: 'same-node (with provider "local")' },
    );
  }
  if (valid('provider') && raw.provider === 'gke') {
    for (const key of ['gke-project', 'gke-zone'] as const) {
      if (valid(key) && raw[key] === null) {
        add(key, `not set; provider "gke"${RELATED_SOURCE} needs it`, { related: 'provider' });
      }
    }
  }
  if (
    valid('provider', 'placement', 'nodes') &&
    (raw.provider === 'kind' || raw.provider === 'gke') &&
    raw.placement === 'cross-node' &&
    raw.nodes < 2
  ) {
    add(
      'nodes',
      `${raw.nodes} worker node cannot hold client and server apart for placement "cross-node"${RELATED_SOURCE}`,
      { related: 'placement', allowed: 'at least 2 with placement "cross-node"' },
    );
  }
  if (valid('request-timeout', 'server-delay') && raw['request-timeout'] <= raw['server-delay']) {
    add(
      'request-timeout',
      `${formatDuration(raw['request-timeout'])} is not longer than server-delay ${formatDuration(raw['server-delay'])}${RELATED_SOURCE}`,
      { related: 'server-delay' },
    );
  }
  if (
    valid('request-timeout', 'server-delay', 'inject-delay') &&
    raw['inject-delay'] > 0 &&
    raw['request-timeout'] <= raw['server-delay'] + raw['inject-delay']
  ) {
    add(
      'inject-delay',
      `${formatDuration(raw['inject-delay'])} added to server-delay ${formatDuration(raw['server-delay'])} is not shorter than request-timeout ${formatDuration(raw['request-timeout'])}${RELATED_SOURCE}`,
      { related: 'request-timeout' },
    );
  }
  if (
    valid('save-baseline', 'baseline') &&
    raw['save-baseline'] === true &&
    raw.baseline.store === 'none'
  ) {
    add('save-baseline', `true has nowhere to store the run: baseline is none${RELATED_SOURCE}`, {
      related: 'baseline',
      allowed: 'auto or false with baseline none; true with baseline git-branch or a file path',
    });
  }
  if (
    valid('cilium-encryption', 'cilium-version') &&
    raw['cilium-encryption'] === 'ztunnel' &&
    !isAtLeast('cilium', raw['cilium-version'], MIN_CILIUM_ZTUNNEL_VERSION)
  ) {
    add(
      'cilium-encryption',
      `"ztunnel" needs cilium-version ${MIN_CILIUM_ZTUNNEL_VERSION} or newer, not ${raw['cilium-version']}${RELATED_SOURCE}`,
      { related: 'cilium-version' },
    );
  }
  if (valid('workers', 'connections') && raw.workers !== 'auto' && raw.workers > raw.connections) {
    // The builtin engine gives every worker thread its own share of the connections.
    add(
      'workers',
      `${raw.workers} is more than connections ${raw.connections}${RELATED_SOURCE}; each worker needs at least one connection`,
      { related: 'connections' },
    );
  }
}

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
