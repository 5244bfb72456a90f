// Parsers for one raw value each (a string from a flag or an input, a YAML scalar or list from the
// file): each returns the typed value or says, in words, what is wrong with it. src/config/schema.ts
// names the field; src/config/loadConfig.ts adds where the value came from and what is allowed.
import { z } from 'zod';
import { bareNumberProblem, formatDuration, parseDuration } from './duration.js';
import { LIMITS } from './fields.js';
import { suggestion } from './sources.js';
import { MESH_IDS, type MeshId } from './types.js';

export interface Limit {
  min: number;
  max: number;
}

/** A value as it appears in a message: strings quoted, long ones cut. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function fail(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

export function choice<const T extends readonly string[]>(values: T, noun: string) {
  return z.unknown().transform((value, ctx): T[number] => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (typeof text === 'string' && (values as readonly string[]).includes(text)) return text;
    const hint = typeof text === 'string' ? suggestion(text, values) : '';
    return fail(ctx, `${showValue(value)} is not ${noun}${hint}`);
  });
}

/** A whole number from a YAML number or from a string of digits (no 0x, 1e3 or 1_000 surprises). */
export function toWhole(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function rangeProblem(value: unknown, n: number, limit: Limit): string | undefined {
  if (n < limit.min) return `${showValue(value)} is less than ${limit.min}`;
  if (n > limit.max) return `${showValue(value)} is more than ${limit.max}`;
  return undefined;
}

export function wholeNumber(limit: Limit) {
  return z.unknown().transform((value, ctx): number => {
    const n = toWhole(value);
    if (n === undefined) return fail(ctx, `${showValue(value)} is not a whole number`);
    const problem = rangeProblem(value, n, limit);
    return problem === undefined ? n : fail(ctx, problem);
  });
}

export function duration(limit: Limit) {
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
export const boolean = z.unknown().transform((value, ctx): boolean => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(ctx, `${showValue(value)} is not true or false`);
});

export const meshList = z.unknown().transform((value, ctx): MeshId[] => {
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

export const workers = z.unknown().transform((value, ctx): number | 'auto' => {
  if (typeof value === 'string' && value.trim() === 'auto') return 'auto';
  const n = toWhole(value);
  if (n === undefined) return fail(ctx, `${showValue(value)} is not auto or a whole number`);
  const problem = rangeProblem(value, n, LIMITS.workers);
  return problem === undefined ? n : fail(ctx, problem);
});

export const fraction = z.unknown().transform((value, ctx): number => {
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
export function boundedFraction(limit: Limit) {
  return fraction.transform((n, ctx): number => {
    if (n < limit.min) return fail(ctx, `${String(n)} is less than ${limit.min}`);
    if (n > limit.max) return fail(ctx, `${String(n)} is more than ${limit.max}`);
    return n;
  });
}

/** A CPU or memory amount (src/config/quantity.ts); a YAML number is read as its spelling. */
export function quantity(parse: (text: string) => number, noun: string, limit: Limit) {
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

export const filePath = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a file path`);
  if (value.trim() === '') return fail(ctx, `${showValue(value)} is empty`);
  return value.trim();
});

/** A name that may be left unset (null, or empty from an input or a flag). */
export function optionalName(pattern: RegExp, noun: string) {
  return z.unknown().transform((value, ctx): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not ${noun}`);
    const text = value.trim();
    if (text === '') return null;
    return pattern.test(text) ? text : fail(ctx, `${showValue(value)} is not ${noun}`);
  });
}

export function requiredName(pattern: RegExp, noun: string) {
  return z.unknown().transform((value, ctx): string => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    return text !== undefined && pattern.test(text)
      ? text
      : fail(ctx, `${showValue(value)} is not ${noun}`);
  });
}

/** A path that may be left unset (null): the default is then derived from other fields. */
export const optionalFilePath = z.unknown().transform((value, ctx): string | null => {
  if (value === null || value === undefined) return null;
  const parsed = filePath.safeParse(value);
  return parsed.success ? parsed.data : fail(ctx, `${showValue(value)} is not a file path`);
});
