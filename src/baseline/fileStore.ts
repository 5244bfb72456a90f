// `baseline: path/to/result.json`: one result document in a file is the reference, whatever its
// commit; saving replaces it (written to a temp file and renamed, so a reader never sees half).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { comparabilityKey } from '../results/comparabilityKey.js';
import type { ResultDocument } from '../results/schema.js';
import {
  parseStoredDocument,
  toBaselineRef,
  type BaselineStore,
  type FindResult,
  type SaveOutcome,
} from './store.js';

export class FileStore implements BaselineStore {
  readonly kind = 'file';
  readonly description: string;

  /** @param file absolute path; `shownAs` is how the user wrote it. */
  constructor(
    private readonly file: string,
    private readonly shownAs: string,
  ) {
    this.description = `the result document ${shownAs}`;
  }

  private async read(): Promise<ResultDocument | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ConfigError(
        `baseline: cannot read "${this.shownAs}": ${(error as Error).message}; allowed: a readable result document`,
        undefined,
        { cause: error },
      );
    }
    const parsed = parseStoredDocument(text);
    if (typeof parsed === 'string') {
      throw new ConfigError(
        `baseline: "${this.shownAs}" is ${parsed}; allowed: a result document written by mesh-perf`,
      );
    }
    return parsed;
  }

  async find(document: ResultDocument): Promise<FindResult> {
    const stored = await this.read();
    if (stored === null) {
      return { reference: null, reason: `the baseline file ${this.shownAs} does not exist yet` };
    }
    if (stored.run.id === document.run.id) {
      return {
        reference: null,
        reason: `the baseline file ${this.shownAs} holds this very run (is it also the result path?)`,
      };
    }
    return {
      reference: { document: stored, ref: toBaselineRef(stored, 'file', this.shownAs) },
      reason: `the result document in ${this.shownAs} (run ${stored.run.id})`,
    };
  }

  async save(document: ResultDocument): Promise<SaveOutcome> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(document, null, 2)}\n`);
    await rename(temp, this.file);
    return {
      status: 'saved',
      reason: `written to ${this.shownAs}`,
      location: this.shownAs,
      attempts: 0,
      pruned: 0,
    };
  }

  async history(key: string, limit: number): Promise<ResultDocument[]> {
    const stored = await this.read();
    return stored !== null && limit > 0 && comparabilityKey(stored) === key ? [stored] : [];
  }
}
