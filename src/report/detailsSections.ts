// The collapsed details under a report: environment, the baseline it was compared with, the load
// profile, and every invalid trial with its reasons. All text taken from documents is escaped (a
// stored baseline is data from a branch anyone with push access can write).
import { betweenRunSummary } from '../compare/betweenRunSummary.js';
import type { ResultDocument, Verdict } from '../results/schema.js';
import { injectedDelayMs, shortCommit } from './headline.js';
import { bulletList, detailsBlock, escapeMarkdown } from './markdownText.js';
import type { Section } from './sections.js';

export const DETAILS_RANK = { invalidTrials: 20, environment: 30, load: 40, baseline: 50 } as const;
/** Invalid trials listed at most (about 26 kB at most); the rest are counted. */
const MAX_INVALID_TRIALS = 50;
const MAX_FAULTS = 20;

const item = (label: string, value: string): string => `**${label}**: ${escapeMarkdown(value)}`;

export function environmentSection(document: ResultDocument): Section {
  const env = document.environment;
  const run = document.run;
  const versions = Object.entries(env.meshVersions).map(([mesh, v]) => `${mesh} ${v}`);
  const lines = [
    item('machine', `${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB`),
    item('system', `${env.os}; ${env.kernel}; Node ${env.nodeVersion}`),
    item('Kubernetes', env.kubernetesVersion ?? 'none (local provider)'),
    ...(versions.length > 0 ? [item('meshes', versions.join(', '))] : []),
    item('run', `${run.id}, ${run.startedAt} to ${run.finishedAt}`),
    item('commit', `${run.commit ?? 'unknown'} (${run.ref ?? 'unknown ref'})`),
    item('config hash', run.configHash),
  ];
  return {
    title: 'the environment',
    markdown: detailsBlock('Environment', bulletList(lines)),
    rank: DETAILS_RANK.environment,
  };
}

export function loadSection(document: ResultDocument): Section {
  const { load, run } = document;
  const delay = injectedDelayMs(document);
  const lines = [
    item('provider and engine', `${run.provider}, ${run.engine}`),
    item('rate', `${load.rps} RPS over ${load.connections} keep-alive connections (open loop)`),
    item(
      'trials',
      `${load.repetitions} per scenario, interleaved; ${load.durationSeconds}s measured after ${load.warmupSeconds}s warm-up`,
    ),
    item('server', `waits ${load.serverDelayMs} ms, answers ${load.payloadBytes} B`),
    ...(delay > 0 ? [item('injected delay', `${delay} ms (calibration)`)] : []),
    item('protocol and placement', `${load.protocol}, ${load.placement}`),
  ];
  return {
    title: 'the load profile',
    markdown: detailsBlock('Load profile', bulletList(lines)),
    rank: DETAILS_RANK.load,
  };
}

export function baselineSection(verdict: Verdict): Section | null {
  const base = verdict.baseline;
  if (!base) return null;
  const noise = betweenRunSummary(verdict.comparisons);
  const lines = [
    item('source', `${base.source}${base.location === null ? '' : ` (${base.location})`}`),
    item('run', `${base.runId}, started ${base.startedAt}`),
    item('commit', `${shortCommit(base.commit)} (${base.ref ?? 'unknown ref'})`),
    item('config hash', base.configHash),
    `**comparable**: ${verdict.comparable ? 'yes' : 'no, measured with different settings'}`,
    ...(noise === null ? [] : [item('run-to-run noise (τ per run)', noise)]),
  ];
  return {
    title: 'the baseline details',
    markdown: detailsBlock('Baseline', bulletList(lines)),
    rank: DETAILS_RANK.baseline,
  };
}

export function invalidTrialsSection(document: ResultDocument): Section | null {
  const lines: string[] = [];
  for (const scenario of document.scenarios) {
    for (const trial of scenario.trials) {
      if (trial.valid) continue;
      // Escaped whole: "#2" would otherwise link issue 2.
      lines.push(
        escapeMarkdown(
          `${scenario.mesh} #${trial.repetition}: ${trial.invalidReasons.join('; ') || 'no reason recorded'}`,
        ),
      );
    }
  }
  if (lines.length === 0) return null;
  const shown = lines.slice(0, MAX_INVALID_TRIALS);
  if (lines.length > shown.length) shown.push(`and ${lines.length - shown.length} more`);
  return {
    title: 'the invalid trials',
    markdown: detailsBlock(
      `Invalid trials (${lines.length}): reported, never compared`,
      bulletList(shown),
    ),
    rank: DETAILS_RANK.invalidTrials,
  };
}

/** Run faults stay visible: a run with any is never a pass. */
export function faultsSection(document: ResultDocument): Section | null {
  const faults = document.run.faults;
  if (faults.length === 0) return null;
  const shown = faults.slice(0, MAX_FAULTS).map((f) => `run: ${escapeMarkdown(f)}`);
  if (faults.length > MAX_FAULTS) shown.push(`and ${faults.length - MAX_FAULTS} more`);
  return {
    title: 'the run faults',
    markdown: `### Not trusted\n\n${bulletList(shown)}`,
    rank: 95,
  };
}
