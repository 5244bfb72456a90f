// The judging half of a run: find the reference and read the stored history under the run's key
// (the gate's run-to-run noise and the trend chart) -> gate -> verdict on the result document
// (file rewritten) -> store the run when asked. A store that cannot be read or written is an
// infrastructure fault of this run: the verdict becomes infra-error (exit 3, never a pass), and
// the document still says what was measured and compared.
import { saveBaseline, findReference } from '../baseline/baselineStage.js';
import type { RunContext } from '../baseline/runContext.js';
import { skipped, type BaselineStore, type SaveOutcome } from '../baseline/store.js';
import { HISTORY_RUNS } from '../compare/betweenRunVariance.js';
import { gate, type Reference } from '../compare/gate.js';
import { gateOptionsFromConfig } from '../compare/gateOptions.js';
import { MEASURED_PRIOR } from '../compare/runNoisePrior.js';
import type { Config } from '../config/types.js';
import { ConfigError, messageOf } from '../errors.js';
import { TREND_POINTS } from '../report/charts/trend.js';
import { comparabilityKey } from '../results/comparabilityKey.js';
import type { ResultDocument, Verdict } from '../results/schema.js';
import { writeResult } from './measure.js';

export interface GateStageDeps {
  store: BaselineStore;
  context: RunContext;
  log: (line: string) => void;
  /** An interrupted run (Ctrl-C) is not compared: it ends as quickly as it can. */
  signal?: AbortSignal;
}

/** A result document that has been through the gate. */
export type JudgedDocument = ResultDocument & { verdict: Verdict };

export interface Judged {
  /** The measured document with its verdict, as written to `resultPath`. */
  document: JudgedDocument;
  reference: Reference | null;
  save: SaveOutcome;
  /**
   * Stored runs under this run's comparability key before it was stored, oldest first (the
   * gate's run-to-run noise and the trend chart).
   */
  history: ResultDocument[];
}

function withFault(document: ResultDocument, fault: string): ResultDocument {
  return { ...document, run: { ...document.run, faults: [...document.run.faults, fault] } };
}

/** The gate's verdict, with how the reference was chosen (or why there is none) among its reasons. */
function judge(
  document: ResultDocument,
  reference: Reference | null,
  why: string,
  config: Config,
  stored: StoredHistory,
): Verdict {
  const noise = { history: stored.runs, prior: MEASURED_PRIOR };
  const verdict = gate(document, reference, gateOptionsFromConfig(config), noise);
  const line = reference === null ? `no reference: ${why}` : `reference: ${why}`;
  const unread =
    stored.problem === undefined || verdict.method !== 'welch'
      ? []
      : [
          `run-to-run noise: the stored history could not be read (${stored.problem}), so the measured default was used`,
        ];
  return { ...verdict, reasons: [...verdict.reasons, ...unread, line] };
}

interface StoredHistory {
  runs: ResultDocument[];
  /** Why the history could not be read. */
  problem?: string;
}

async function lookUp(
  measured: ResultDocument,
  deps: GateStageDeps,
): Promise<{ document: ResultDocument; reference: Reference | null; why: string }> {
  if (deps.signal?.aborted) {
    return { document: measured, reference: null, why: 'the run was interrupted' };
  }
  try {
    const found = await findReference(deps.store, measured, deps.context);
    return { document: measured, reference: found.reference, why: found.reason };
  } catch (error) {
    // A baseline file that is not a result document is the user's input, not a fault.
    if (error instanceof ConfigError) throw error;
    const fault = `baseline: could not read stored runs from ${deps.store.description}: ${messageOf(error)}`;
    const why = 'the baseline store could not be read (an infrastructure fault, above)';
    return { document: withFault(measured, fault), reference: null, why };
  }
}

async function history(document: ResultDocument, deps: GateStageDeps): Promise<StoredHistory> {
  if (deps.signal?.aborted) return { runs: [] };
  try {
    const limit = Math.max(TREND_POINTS, HISTORY_RUNS);
    return { runs: await deps.store.history(comparabilityKey(document), limit) };
  } catch (error) {
    // Not a fault of the run: the gate falls back to its default run-to-run noise (and says so),
    // and the trend chart goes without.
    const problem = messageOf(error);
    deps.log(`baseline: could not read the stored history under this key: ${problem}`);
    return { runs: [], problem };
  }
}

export async function gateStage(
  measured: ResultDocument,
  resultPath: string,
  config: Config,
  deps: GateStageDeps,
): Promise<Judged> {
  const found = await lookUp(measured, deps);
  deps.log(`baseline: ${found.reference === null ? 'no reference: ' : 'reference: '}${found.why}`);
  // Read before this run is stored, so the run is not part of its own noise estimate.
  const stored = await history(found.document, deps);
  let document: JudgedDocument = {
    ...found.document,
    verdict: judge(found.document, found.reference, found.why, config, stored),
  };
  // On disk with its verdict before anything is pushed anywhere.
  await writeResult(document, resultPath);

  let save: SaveOutcome;
  let saveFailed = false;
  try {
    save = await saveBaseline(deps.store, document, {
      setting: config.saveBaseline,
      context: deps.context,
    });
  } catch (error) {
    // The measurement and the comparison stand, but the job must not pass: later runs would
    // silently lack their reference.
    const fault = `baseline: could not store the run on ${deps.store.description}: ${messageOf(error)}`;
    save = skipped(fault);
    saveFailed = true;
    const faulty = withFault(document, fault);
    document = {
      ...faulty,
      verdict: judge(faulty, found.reference, found.why, config, stored),
    };
  }
  deps.log(`baseline: ${save.reason}`);
  if (save.status !== 'skipped') document.verdict.reasons.push(`baseline: ${save.reason}`);
  if (saveFailed || save.status !== 'skipped') {
    await writeResult(document, resultPath);
  }
  return { document, reference: found.reference, save, history: stored.runs };
}
