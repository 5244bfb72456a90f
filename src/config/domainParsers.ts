// Parsers for values with a shape of their own: cluster and image names, tool versions, baseline
// stores and data branches, mesh releases. Built on src/config/valueParsers.ts.
import { z } from 'zod';
import { normalizeVersion, versionProblem, type MeshProject } from '../mesh/meshVersions.js';
import { TOOL_NAMES, isToolName, type ToolName } from '../tools/toolNames.js';
import { suggestion } from './sources.js';
import type { BaselineSetting, SaveBaseline } from './types.js';
import { fail, showValue } from './valueParsers.js';

// GKE's own rule for cluster names, which also keeps kind's container names short.
export const CLUSTER_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
export const IMAGE = /^[a-z0-9][\w.\-/]*(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/;
export const GKE_PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
export const GKE_LOCATION = /^[a-z]+-[a-z]+\d+(-[a-z])?$/;
export const MACHINE_TYPE = /^[a-z0-9]+(-[a-z0-9]+)+$/;
export const CONTEXT = /^[^\s-][^\n]*$/;
export const VERSION = /^[a-zA-Z0-9][\w.+-]*$/;

/** "kind=v0.32.0,kubectl=v1.36.1" from a flag or an input, or a YAML map in the file. */
export const toolVersions = z
  .unknown()
  .transform((value, ctx): Partial<Record<ToolName, string>> => {
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

const BASELINE_WORDS = ['auto', 'git-branch', 'none'] as const;

// A path must look like one, so that a misspelt "git-brnach" is an error, not a missing file.
export const baselineSetting = z.unknown().transform((value, ctx): BaselineSetting => {
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

export const branchName = z.unknown().transform((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a branch name`);
  const problem = branchNameProblem(value.trim());
  return problem === undefined ? value.trim() : fail(ctx, `${showValue(value)} ${problem}`);
});

export const saveBaseline = z.unknown().transform((value, ctx): SaveBaseline => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'auto') return 'auto';
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(ctx, `${showValue(value)} is not auto, true or false`);
});

/** A mesh release as its project spells it, not older than the steps here were written for. */
export function meshVersion(project: MeshProject) {
  return z.unknown().transform((value, ctx): string => {
    // YAML reads 1.30 as a number; a version is always a string of three parts.
    if (typeof value !== 'string') return fail(ctx, `${showValue(value)} is not a version`);
    const problem = versionProblem(project, value);
    return problem === undefined
      ? normalizeVersion(project, value)
      : fail(ctx, `${showValue(value)} ${problem}`);
  });
}
