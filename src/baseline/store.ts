// The baseline store seam: find the reference for a run, save a run, read a key's history. Three
// kinds: none, a file (what `mesh-perf compare` and local users use) and the git data branch.
import { RESULT_SCHEMA_ID, resultDocumentSchema } from '../results/schema.js';
import type { BaselineRef, ResultDocument } from '../results/schema.js';
import type { RunContext } from './runContext.js';

export interface Reference {
  document: ResultDocument;
  ref: BaselineRef;
}

export interface FindResult {
  reference: Reference | null;
  /** How the reference was chosen, or why there is none: for the log and the report. */
  reason: string;
}

export type SaveStatus = 'saved' | 'already-stored' | 'skipped';

export interface SaveOutcome {
  status: SaveStatus;
  reason: string;
  /** Where the run is stored (`branch:path` or a file path); null when it was not. */
  location: string | null;
  /** Push attempts it took (git-branch store); 0 when nothing was pushed. */
  attempts: number;
  /** Older runs of the same key removed in the same commit. */
  pruned: number;
}

export interface BaselineStore {
  readonly kind: 'none' | 'file' | 'git-branch';
  /** Where it reads and writes, in words. */
  readonly description: string;
  find(document: ResultDocument, context: RunContext): Promise<FindResult>;
  /** Stores the run. Whether to store at all is saveBaseline()'s decision, not the store's. */
  save(document: ResultDocument): Promise<SaveOutcome>;
  /** The last `limit` stored runs under a comparability key, oldest first (for the trend chart). */
  history(key: string, limit: number): Promise<ResultDocument[]>;
}

export function skipped(reason: string): SaveOutcome {
  return { status: 'skipped', reason, location: null, attempts: 0, pruned: 0 };
}

/** A stored document, validated; a string says what is wrong with it. */
export function parseStoredDocument(text: string): ResultDocument | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = resultDocumentSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue?.path.join('.') ?? '';
  return `not a ${RESULT_SCHEMA_ID} result document (${at === '' ? '' : `${at}: `}${issue?.message ?? 'invalid'})`;
}

export function toBaselineRef(
  document: ResultDocument,
  source: BaselineRef['source'],
  location: string | null,
): BaselineRef {
  return {
    source,
    runId: document.run.id,
    commit: document.run.commit,
    ref: document.run.ref,
    startedAt: document.run.startedAt,
    configHash: document.run.configHash,
    location,
  };
}

/** `baseline: none`: nothing is read or written. */
export class NoStore implements BaselineStore {
  readonly kind = 'none';
  constructor(readonly description: string) {}

  find(): Promise<FindResult> {
    return Promise.resolve({ reference: null, reason: `no baseline store: ${this.description}` });
  }

  save(): Promise<SaveOutcome> {
    return Promise.resolve(skipped(`no baseline store: ${this.description}`));
  }

  history(): Promise<ResultDocument[]> {
    return Promise.resolve([]);
  }
}
