// The baseline keys through all three front doors: defaults, spellings, the bare --save-baseline
// flag, and one exact line per mistake.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeConfig, loadConfig } from '../../src/config/loadConfig.js';
import { problemsOf } from '../support/configProblems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baseline-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pick = async (flags: string[]) => {
  const c = await loadConfig({ flags });
  return {
    baseline: c.baseline,
    baselineBranch: c.baselineBranch,
    baselineKeep: c.baselineKeep,
    saveBaseline: c.saveBaseline,
  };
};

describe('baseline keys', () => {
  it('default to auto, mesh-perf-data, 50, auto', async () => {
    expect(await pick([])).toEqual({
      baseline: { store: 'auto' },
      baselineBranch: 'mesh-perf-data',
      baselineKeep: 50,
      saveBaseline: 'auto',
    });
  });

  it.each<[string[], Partial<Awaited<ReturnType<typeof pick>>>]>([
    [['--baseline', 'git-branch'], { baseline: { store: 'git-branch' } }],
    [['--baseline', 'none'], { baseline: { store: 'none' } }],
    [
      ['--baseline', 'results/base.json'],
      { baseline: { store: 'file', path: 'results/base.json' } },
    ],
    [['--baseline', 'base.json'], { baseline: { store: 'file', path: 'base.json' } }],
    [['--baseline', './none'], { baseline: { store: 'file', path: './none' } }],
    [['--baseline', 'git-branch', '--save-baseline'], { saveBaseline: true }],
    [['--save-baseline', '--baseline', 'git-branch'], { saveBaseline: true }],
    [['--baseline=b.json', '--save-baseline=false'], { saveBaseline: false }],
    [['--save-baseline', 'auto'], { saveBaseline: 'auto' }],
    [
      ['--baseline-branch', 'perf/results', '--baseline-keep', '7'],
      { baselineBranch: 'perf/results', baselineKeep: 7 },
    ],
  ])('%j', async (flags, expected) => {
    expect(await pick(flags)).toMatchObject(expected);
  });

  it('from inputs and from a file', async () => {
    const inputs: Record<string, string> = { baseline: 'git-branch', 'save-baseline': 'TRUE' };
    const c = await loadConfig({ inputs: (name) => inputs[name] ?? '' });
    expect([c.baseline, c.saveBaseline]).toEqual([{ store: 'git-branch' }, true]);
    await writeFile(
      path.join(dir, 'b.yml'),
      'baseline: git-branch\nsave-baseline: true\nbaseline-keep: 3\n',
    );
    const f = await loadConfig({ flags: ['--config', 'b.yml'], cwd: dir });
    expect([f.baseline, f.saveBaseline, f.baselineKeep]).toEqual([
      { store: 'git-branch' },
      true,
      3,
    ]);
  });

  // prettier-ignore
  const rows: [string[], string][] = [
    [['--baseline', 'git-brnach'], 'baseline (--baseline): "git-brnach" is not auto, git-branch or none (did you mean "git-branch"?), nor a file path; allowed: auto, git-branch, none, or a file path (ending in .json or containing a /)'],
    [['--baseline', ''], 'baseline (--baseline): "" is not auto, git-branch or none, nor a file path; allowed: auto, git-branch, none, or a file path (ending in .json or containing a /)'],
    [['--save-baseline', 'yes'], 'save-baseline (--save-baseline): "yes" is not auto, true or false; allowed: auto, true or false'],
    [['--baseline-keep', '0'], 'baseline-keep (--baseline-keep): "0" is less than 1; allowed: a whole number from 1 to 10000'],
    [['--baseline-branch', 'has space'], 'baseline-branch (--baseline-branch): "has space" has characters other than A-Z a-z 0-9 . _ / - (or is empty or too long); allowed: a git branch name'],
    [['--baseline-branch', 'a..b'], 'baseline-branch (--baseline-branch): "a..b" is not a valid git branch name; allowed: a git branch name'],
    [['--baseline-branch', '-x'], 'baseline-branch (--baseline-branch): "-x" is not a valid git branch name; allowed: a git branch name'],
    [['--baseline-branch', 'data.lock'], 'baseline-branch (--baseline-branch): "data.lock" is not a valid git branch name; allowed: a git branch name'],
    [['--baseline', 'none', '--save-baseline'], 'save-baseline (--save-baseline): true has nowhere to store the run: baseline is none (from --baseline); allowed: auto or false with baseline none; true with baseline git-branch or a file path'],
  ];
  it.each(rows)('%j', async (flags, message) => {
    expect(await problemsOf(loadConfig({ flags }))).toEqual([message]);
  });

  it('describes and loads back', async () => {
    const c = await loadConfig({ flags: ['--baseline', 'out/base.json', '--save-baseline'] });
    const lines = describeConfig(c).filter((l) => /baseline/.test(l));
    expect(lines).toEqual([
      'baseline: out/base.json',
      'baseline-branch: mesh-perf-data',
      'baseline-keep: 50',
      'save-baseline: true',
    ]);
    await writeFile(path.join(dir, 'd.yml'), describeConfig(c).join('\n'));
    expect(await loadConfig({ flags: ['--config', 'd.yml'], cwd: dir })).toEqual(c);
  });
});
