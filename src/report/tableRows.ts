// The rows of the study's Table I for one result document: per scenario, latency percentiles, the
// p99 change over `none`, client and server CPU and memory, and how many trials were valid.
import type { ResultDocument, Scenario } from '../results/schema.js';

export const TABLE_HEADER = [
  'Mesh',
  'mTLS',
  'p50 ms',
  'p99 ms',
  'p99.9 ms',
  'p99 vs none',
  'Client CPU',
  'Client MiB',
  'Server CPU',
  'Server MiB',
  'Valid',
] as const;

const num = (value: number | undefined, digits: number): string =>
  value === undefined ? 'n/a' : value.toFixed(digits);

export const signedPct = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return 'n/a';
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
};

function mtlsCell(scenario: Scenario): string {
  if (scenario.mtls.method === 'not-applicable') return 'n/a';
  return scenario.mtls.verified ? 'verified' : 'NOT verified';
}

export function scenarioRow(scenario: Scenario): string[] {
  const { summary } = scenario;
  const empty = summary.validTrials === 0;
  const latency = (value: number): string => (empty ? 'n/a' : value.toFixed(2));
  return [
    scenario.mesh,
    mtlsCell(scenario),
    latency(summary.latencyMs.p50),
    latency(summary.latencyMs.p99),
    latency(summary.latencyMs.p999),
    scenario.mesh === 'none' ? '-' : signedPct(scenario.overheadVsNone?.latencyPct.p99),
    num(summary.resources.client?.cpuCores, 3),
    num(summary.resources.client?.memoryMiBPeak, 1),
    num(summary.resources.server?.cpuCores, 3),
    num(summary.resources.server?.memoryMiBPeak, 1),
    `${summary.validTrials}/${summary.trials}`,
  ];
}

export function tableRows(document: ResultDocument): string[][] {
  return document.scenarios.map(scenarioRow);
}

/** Every reason a trial or the run was not trusted, one line each. */
export function problemLines(document: ResultDocument): string[] {
  const lines = document.run.faults.map((fault) => `run: ${fault}`);
  for (const scenario of document.scenarios) {
    for (const trial of scenario.trials) {
      if (!trial.valid) {
        lines.push(`${scenario.mesh} #${trial.repetition}: ${trial.invalidReasons.join('; ')}`);
      }
    }
  }
  return lines;
}

export function loadLine(document: ResultDocument): string {
  const { load, run } = document;
  return `${run.provider} provider, ${run.engine} engine: ${load.rps} RPS over ${load.connections} connections, ${load.durationSeconds}s measured after ${load.warmupSeconds}s warm-up, ${load.repetitions} repetition(s), server delay ${load.serverDelayMs} ms, payload ${load.payloadBytes} B, ${load.placement}`;
}

/** The study's Table I: each scenario's overhead over `none` in the same run, in percent. */
export const OVERHEAD_HEADER = [
  'Mesh',
  'mTLS',
  'p50',
  'p99',
  'p99.9',
  'Client CPU',
  'Server CPU',
  'Total CPU',
  'Client memory',
  'Server memory',
  'Total memory',
] as const;

export function overheadRows(document: ResultDocument): string[][] {
  return document.scenarios
    .filter((s) => s.mesh !== 'none')
    .map((scenario) => {
      const o = scenario.overheadVsNone;
      return [
        scenario.mesh,
        mtlsCell(scenario),
        signedPct(o?.latencyPct.p50),
        signedPct(o?.latencyPct.p99),
        signedPct(o?.latencyPct.p999),
        signedPct(o?.cpuPct.client),
        signedPct(o?.cpuPct.server),
        signedPct(o?.cpuPct.total),
        signedPct(o?.memoryPct.client),
        signedPct(o?.memoryPct.server),
        signedPct(o?.memoryPct.total),
      ];
    });
}
