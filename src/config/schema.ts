// The one schema: raw values from any front door (strings from flags and inputs, YAML scalars and
// lists from the file) in, a typed Config out. Each field's parser says what is wrong in words;
// src/config/loadConfig.ts adds the field, its source and what is allowed.
import { z } from 'zod';
import { parseDuration } from './duration.js';
import {
  ENGINES,
  LOCAL_MESHES,
  MESH_IDS,
  PLACEMENTS,
  PROVIDERS,
  type Config,
  type MeshId,
} from './types.js';

const show = (value: unknown): string =>
  typeof value === 'string' ? `"${value}"` : JSON.stringify(value);

function fail(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function choice<const T extends readonly string[]>(values: T) {
  return z.unknown().transform((value, ctx): T[number] => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (typeof text === 'string' && (values as readonly string[]).includes(text)) return text;
    return fail(ctx, `${show(value)} is not one of them`);
  });
}

function wholeNumber(min: number, max: number) {
  return z.unknown().transform((value, ctx): number => {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value.trim())
          : NaN;
    if (!Number.isInteger(n)) return fail(ctx, `${show(value)} is not a whole number`);
    if (n < min || n > max) return fail(ctx, `${show(value)} is out of range`);
    return n;
  });
}

function duration(minMs: number, maxMs: number) {
  return z.unknown().transform((value, ctx): number => {
    if (typeof value === 'number')
      return fail(ctx, `${show(value)} has no unit (write e.g. 10s or 500ms)`);
    if (typeof value !== 'string') return fail(ctx, `${show(value)} is not a duration`);
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch (error) {
      return fail(ctx, `${show(value)} ${(error as Error).message}`);
    }
    if (ms < minMs || ms > maxMs) return fail(ctx, `${show(value)} is out of range`);
    return ms;
  });
}

const boolean = z.unknown().transform((value, ctx): boolean => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(ctx, `${show(value)} is not a boolean`);
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
  if (names.length === 0) return fail(ctx, 'is empty');
  const meshes: MeshId[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || !(MESH_IDS as readonly string[]).includes(name)) {
      return fail(ctx, `${show(name)} is not a mesh`);
    }
    if (meshes.includes(name as MeshId)) return fail(ctx, `${show(name)} is listed twice`);
    meshes.push(name as MeshId);
  }
  return meshes;
});

const workers = z.unknown().transform((value, ctx): number | 'auto' => {
  if (typeof value === 'string' && value.trim() === 'auto') return 'auto';
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 64)
    return fail(ctx, `${show(value)} is not auto or a whole number from 1 to 64`);
  return n;
});

const fraction = z.unknown().transform((value, ctx): number => {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : text === '' ? NaN : Number(text);
  }
  if (!Number.isFinite(n)) return fail(ctx, `${show(value)} is not a number`);
  if (n < 0 || n > 1) return fail(ctx, `${show(value)} is out of range`);
  return n;
});

const path = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string' || value.trim() === '')
    return fail(ctx, `${show(value)} is not a file path`);
  return value.trim();
});

export const configSchema = z
  .strictObject({
    provider: choice(PROVIDERS),
    mesh: meshList,
    rps: wholeNumber(1, 1_000_000),
    connections: wholeNumber(1, 100_000),
    duration: duration(1000, 3_600_000),
    warmup: duration(0, 600_000),
    repetitions: wholeNumber(1, 100),
    'server-delay': duration(0, 60_000),
    'payload-bytes': wholeNumber(0, 10 * 1024 * 1024),
    engine: choice(ENGINES),
    placement: choice(PLACEMENTS),
    workers,
    'max-error-rate': fraction,
    'request-timeout': duration(1, 600_000),
    out: path,
    'dry-run': boolean,
  })
  .superRefine((raw, ctx) => {
    // Rules between fields; each names the field a user would change.
    if (raw.provider === 'local') {
      for (const mesh of raw.mesh) {
        if (!LOCAL_MESHES.includes(mesh)) {
          ctx.addIssue({
            code: 'custom',
            path: ['mesh'],
            message: `"${mesh}" cannot run with provider "local"; it needs a cluster provider: kind, gke or existing`,
          });
        }
      }
      if (raw.placement === 'cross-node') {
        ctx.addIssue({
          code: 'custom',
          path: ['placement'],
          message: '"cross-node" needs a cluster provider: kind, gke or existing',
        });
      }
    }
    if (raw['request-timeout'] <= raw['server-delay']) {
      ctx.addIssue({
        code: 'custom',
        path: ['request-timeout'],
        message: `${raw['request-timeout']}ms is not longer than server-delay (${raw['server-delay']}ms)`,
      });
    }
    if (raw.workers !== 'auto' && raw.workers > raw.connections) {
      ctx.addIssue({
        code: 'custom',
        path: ['workers'],
        message: `${raw.workers} is more than connections (${raw.connections}); each worker needs a connection`,
      });
    }
  })
  .transform((raw): Config => ({
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
    maxErrorRate: raw['max-error-rate'],
    requestTimeoutMs: raw['request-timeout'],
    out: raw.out,
    dryRun: raw['dry-run'],
  }));
