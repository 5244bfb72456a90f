// Which event a run belongs to (from GitHub's payload shapes), whether it is stored, and whether a
// document may become a reference at all.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  describeContext,
  loadRunContext,
  runContextFrom,
  type RunContext,
} from '../../src/baseline/runContext.js';
import { saveBlockers, saveWanted } from '../../src/baseline/saveDecision.js';
import { sampleDocument } from '../support/documents.js';
import { fixturesDir } from '../support/paths.js';

const eventFile = (name: string): string => path.join(fixturesDir, 'events', `${name}.json`);
const payload = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(eventFile(name), 'utf8')) as unknown;

const MAIN_TIP = '9c2f0a4e8b1d3c5a7e9f1b3d5c7a9e1f3b5d7c9a';

// What the runner sets for each event (GITHUB_REF / GITHUB_SHA / GITHUB_BASE_REF per GitHub's
// "Events that trigger workflows" table).
const rows: [string, string, Record<string, string>, RunContext][] = [
  [
    'push',
    'push-main',
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: MAIN_TIP },
    { kind: 'push', ref: 'refs/heads/main', sha: MAIN_TIP, defaultBranch: 'main', deleted: false },
  ],
  [
    'push',
    'push-feature',
    { GITHUB_REF: 'refs/heads/feature/pool-size', GITHUB_SHA: MAIN_TIP },
    {
      kind: 'push',
      ref: 'refs/heads/feature/pool-size',
      sha: MAIN_TIP,
      defaultBranch: 'main',
      deleted: false,
    },
  ],
  [
    'push',
    'push-branch-deleted',
    { GITHUB_REF: 'refs/heads/feature/pool-size', GITHUB_SHA: MAIN_TIP },
    {
      kind: 'push',
      ref: 'refs/heads/feature/pool-size',
      sha: MAIN_TIP,
      defaultBranch: 'main',
      deleted: true,
    },
  ],
  [
    'push',
    'push-tag',
    { GITHUB_REF: 'refs/tags/v1.4.0', GITHUB_SHA: MAIN_TIP },
    { kind: 'push', ref: 'refs/tags/v1.4.0', sha: MAIN_TIP, defaultBranch: 'main', deleted: false },
  ],
  [
    'pull_request',
    'pull_request-synchronize',
    {
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_SHA: '7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f',
      GITHUB_BASE_REF: 'main',
      GITHUB_HEAD_REF: 'feature/concurrency',
    },
    {
      kind: 'pull-request',
      event: 'pull_request',
      baseRef: 'refs/heads/main',
      baseSha: MAIN_TIP,
      headSha: '3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f',
      number: 42,
    },
  ],
  [
    'pull_request_target',
    'pull_request-opened-fork',
    { GITHUB_REF: 'refs/heads/release/1.4', GITHUB_SHA: MAIN_TIP, GITHUB_BASE_REF: 'release/1.4' },
    {
      kind: 'pull-request',
      event: 'pull_request_target',
      baseRef: 'refs/heads/release/1.4',
      baseSha: MAIN_TIP,
      headSha: '6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c',
      number: 57,
    },
  ],
  [
    'merge_group',
    'merge_group',
    {
      GITHUB_REF:
        'refs/heads/gh-readonly-queue/main/pr-42-9c2f0a4e8b1d3c5a7e9f1b3d5c7a9e1f3b5d7c9a',
      GITHUB_SHA: '8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e',
    },
    {
      kind: 'pull-request',
      event: 'merge_group',
      baseRef: 'refs/heads/main',
      baseSha: MAIN_TIP,
      headSha: '8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e',
      number: null,
    },
  ],
  [
    'workflow_dispatch',
    'workflow_dispatch',
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: MAIN_TIP },
    {
      kind: 'other',
      event: 'workflow_dispatch',
      ref: 'refs/heads/main',
      sha: MAIN_TIP,
      defaultBranch: 'main',
    },
  ],
  [
    'schedule',
    'schedule',
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: MAIN_TIP },
    {
      kind: 'other',
      event: 'schedule',
      ref: 'refs/heads/main',
      sha: MAIN_TIP,
      defaultBranch: 'main',
    },
  ],
];

describe('runContextFrom', () => {
  it.each(rows)('%s (%s.json)', async (event, file, vars, expected) => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event, ...vars };
    expect(runContextFrom(env, await payload(file))).toEqual(expected);
    // The same through the file, as the runner hands it over.
    expect(await loadRunContext({ ...env, GITHUB_EVENT_PATH: eventFile(file) })).toEqual(expected);
  });

  it('is local outside Actions, whatever the variables say', () => {
    expect(
      runContextFrom({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' }, {}),
    ).toEqual({
      kind: 'local',
    });
    expect(runContextFrom({ GITHUB_ACTIONS: 'true' }, {})).toEqual({ kind: 'local' });
  });

  it('falls back to the payload when a variable is missing, and to other without a base', async () => {
    expect(
      runContextFrom(
        { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request' },
        await payload('pull_request-synchronize'),
      ),
    ).toMatchObject({ kind: 'pull-request', baseRef: 'refs/heads/main', number: 42 });
    expect(
      runContextFrom({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request' }, {}),
    ).toEqual({ kind: 'other', event: 'pull_request', ref: null, sha: null, defaultBranch: null });
  });

  it('survives a missing or broken event file', async () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: MAIN_TIP,
    };
    const expected = {
      kind: 'push',
      ref: 'refs/heads/main',
      sha: MAIN_TIP,
      defaultBranch: null,
      deleted: false,
    };
    expect(await loadRunContext({ ...env, GITHUB_EVENT_PATH: '/nonexistent/event.json' })).toEqual(
      expected,
    );
    expect(await loadRunContext({ ...env, GITHUB_EVENT_PATH: notJsonFile() })).toEqual(expected);
  });

  it('describes itself in one line', () => {
    expect(rows.map(([, , , context]) => describeContext(context))).toEqual([
      'push to refs/heads/main at 9c2f0a4e8b1d',
      'push to refs/heads/feature/pool-size at 9c2f0a4e8b1d',
      'push to refs/heads/feature/pool-size at 9c2f0a4e8b1d',
      'push to refs/tags/v1.4.0 at 9c2f0a4e8b1d',
      'pull_request #42 into refs/heads/main',
      'pull_request_target #57 into refs/heads/release/1.4',
      'merge_group into refs/heads/main',
      'workflow_dispatch on refs/heads/main',
      'schedule on refs/heads/main',
    ]);
  });
});

/** A file that exists and is not JSON. */
function notJsonFile(): string {
  return path.join(fixturesDir, 'events', 'README.md');
}

describe('saveWanted', () => {
  const byFile = new Map(rows.map(([, file, , context]) => [file, context]));
  const context = (file: string): RunContext => byFile.get(file) ?? { kind: 'local' };

  it.each<[string, RunContext, boolean | 'auto', boolean, string]>([
    [
      'auto, push to main',
      context('push-main'),
      'auto',
      true,
      'a push to the default branch refs/heads/main',
    ],
    [
      'auto, push to a feature branch',
      context('push-feature'),
      'auto',
      false,
      'save-baseline is auto and refs/heads/feature/pool-size is not the default branch refs/heads/main',
    ],
    [
      'auto, a deleted branch',
      context('push-branch-deleted'),
      'auto',
      false,
      'the push deleted its ref',
    ],
    [
      'auto, a tag',
      context('push-tag'),
      'auto',
      false,
      'save-baseline is auto and refs/tags/v1.4.0 is not the default branch refs/heads/main',
    ],
    [
      'auto, a pull request',
      context('pull_request-synchronize'),
      'auto',
      false,
      'save-baseline is auto and this run is not a push to the default branch',
    ],
    [
      'auto, a schedule',
      context('schedule'),
      'auto',
      false,
      'save-baseline is auto and this run is not a push to the default branch',
    ],
    [
      'auto, local',
      { kind: 'local' },
      'auto',
      false,
      'save-baseline is auto and this run is not a push to the default branch',
    ],
    [
      'true, a pull request',
      context('pull_request-synchronize'),
      true,
      true,
      'save-baseline is true',
    ],
    ['false, push to main', context('push-main'), false, false, 'save-baseline is false'],
    [
      'auto, no default branch in the payload',
      { kind: 'push', ref: 'refs/heads/main', sha: MAIN_TIP, defaultBranch: null, deleted: false },
      'auto',
      false,
      'save-baseline is auto and the event does not name the default branch',
    ],
  ])('%s', (_what, ctx, setting, save, reason) => {
    expect(saveWanted(setting, ctx)).toEqual({ save, reason });
  });
});

describe('saveBlockers', () => {
  it('lets a clean run through', () => {
    expect(saveBlockers(sampleDocument())).toEqual([]);
  });

  it('names every reason a run cannot be a reference', () => {
    const doc = sampleDocument({ faults: ['kind create cluster failed'] });
    doc.verdict = {
      kind: 'infra-error',
      method: null,
      confidence: 0.95,
      baseline: null,
      comparable: false,
      reasons: [],
      comparisons: [],
      regressions: 0,
    };
    const app = doc.scenarios[1];
    if (app) app.summary.validTrials = 0;
    expect(saveBlockers(doc)).toEqual([
      'its verdict is infra-error',
      'the run had 1 infrastructure fault(s)',
      'scenario app-mtls has no valid trial',
    ]);
    expect(saveBlockers({ ...sampleDocument(), scenarios: [] })).toEqual(['it has no scenario']);
  });
});
