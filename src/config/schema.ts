// The one schema: raw values keyed as in the file, flags and inputs (strings from flags and inputs,
// YAML scalars and lists from the file) in, a typed Config out. Each parser says what is wrong with
// the value; src/config/loadConfig.ts adds the field, its source and what is allowed.
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
import { suggestion } from './sources.js';
import {
  CILIUM_ENCRYPTIONS,
  ENGINES,
  LOCAL_MESHES,
  MESH_IDS,
  PLACEMENTS,
  PROVIDERS,
  type Config,
  type MeshId,
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
    n = Number(match[1]) / (percent ? 100 : 1);
  }
  if (n === undefined) return fail(ctx, `${showValue(value)} is not a fraction or a percentage`);
  if (n < 0) return fail(ctx, `${showValue(value)} is less than 0`);
  if (n > 1 && percent) return fail(ctx, `${showValue(value)} is more than 100%`);
  if (n > 1) {
    return fail(ctx, `${showValue(value)} is more than 1 (for a percentage write ${String(n)}%)`);
  }
  return n;
});

const filePath = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a file path`);
  if (value.trim() === '') return fail(ctx, `${showValue(value)} is empty`);
  return value.trim();
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
  placement: choice(PLACEMENTS, 'a placement'),
  workers,
  'istio-version': meshVersion('istio'),
  'linkerd-version': meshVersion('linkerd'),
  'cilium-version': meshVersion('cilium'),
  'cilium-encryption': choice(CILIUM_ENCRYPTIONS, 'a Cilium encryption mode'),
  'max-error-rate': fraction,
  'request-timeout': duration(LIMITS.requestTimeoutMs),
  out: filePath,
  'dry-run': boolean,
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
  if (valid('request-timeout', 'server-delay') && raw['request-timeout'] <= raw['server-delay']) {
    add(
      'request-timeout',
      `${formatDuration(raw['request-timeout'])} is not longer than server-delay ${formatDuration(raw['server-delay'])}${RELATED_SOURCE}`,
      { related: 'server-delay' },
    );
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
    placement: raw.placement,
    workers: raw.workers,
    istioVersion: raw['istio-version'],
    linkerdVersion: raw['linkerd-version'],
    ciliumVersion: raw['cilium-version'],
    ciliumEncryption: raw['cilium-encryption'],
    maxErrorRate: raw['max-error-rate'],
    requestTimeoutMs: raw['request-timeout'],
    out: raw.out,
    dryRun: raw['dry-run'],
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
