// Reads `linkerd check` in its table output: a category name underlined with dashes, then one line
// per check starting with √ (passed), ‼ (warning) or × (failed), the failure's message and hint
// indented below it, and a closing "Status check results are √|×".

export type LinkerdCheckStatus = 'ok' | 'warning' | 'failed';

export interface LinkerdCheckLine {
  category: string;
  description: string;
  status: LinkerdCheckStatus;
  /** The indented lines under a warning or failure (error text, "see ... for hints"). */
  messages: string[];
}

export interface LinkerdCheckReport {
  checks: LinkerdCheckLine[];
  /** From the closing line; null when the output stopped before it. */
  passed: boolean | null;
}

const STATUS: Record<string, LinkerdCheckStatus> = { '√': 'ok', '‼': 'warning', '×': 'failed' };
// The CLI colours its marks on a terminal; captured output may still carry the escapes.
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

export function parseLinkerdCheck(output: string): LinkerdCheckReport {
  const lines = output.replace(ANSI, '').split(/\r?\n/);
  const checks: LinkerdCheckLine[] = [];
  let category = '';
  let passed: boolean | null = null;
  let last: LinkerdCheckLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (/^-{3,}\s*$/.test(next) && line.trim() !== '') {
      category = line.trim();
      last = undefined;
      continue;
    }
    const status = STATUS[line.charAt(0)];
    if (status && line.charAt(1) === ' ') {
      last = { category, description: line.slice(2).trim(), status, messages: [] };
      checks.push(last);
      continue;
    }
    const summary = /^Status check results are (\S+)/.exec(line);
    if (summary) {
      passed = STATUS[summary[1] ?? ''] === 'ok';
      last = undefined;
    } else if (last && /^\s{2,}\S/.test(line)) {
      last.messages.push(line.trim());
    }
  }
  return { checks, passed };
}

/** Categories of `linkerd check --proxy` that judge the data plane (the run's namespace). */
export const DATA_PLANE_CATEGORIES = ['linkerd-data-plane', 'linkerd-identity-data-plane'] as const;
