// The git edge of the baseline store: exact argv, how a failed push is read (saved real outputs),
// the environment git runs with (token in a header, never in argv or messages), and backoff.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../src/baseline/backoff.js';
import {
  classifyPushFailure,
  commitTreeArgs,
  committerEnv,
  fetchDataTipArgs,
  fetchHistoryArgs,
  lsRemoteArgs,
  pushArgs,
  revListArgs,
  type PushFailure,
} from '../../src/baseline/gitArgs.js';
import {
  actionsRemoteUrl,
  gitEnvironment,
  redact,
  tokenAuth,
} from '../../src/baseline/gitEnvironment.js';
import { fixturesDir } from '../support/paths.js';

const URL_ = 'https://github.com/example-org/service.git';
const SINCE = new Date('2026-04-01T10:00:00Z');

describe('argv', () => {
  it.each<[string, string[], string[]]>([
    [
      'fetch the data tip',
      fetchDataTipArgs(URL_, 'mesh-perf-data'),
      [
        'fetch',
        '--quiet',
        '--no-tags',
        '--depth=1',
        URL_,
        '+refs/heads/mesh-perf-data:refs/mesh-perf/data-tip',
      ],
    ],
    [
      'is there a data branch',
      lsRemoteArgs(URL_, 'mesh-perf-data'),
      ['ls-remote', '--exit-code', URL_, 'refs/heads/mesh-perf-data'],
    ],
    [
      'history back to a date, commits only',
      fetchHistoryArgs(URL_, ['a'.repeat(40), 'b'.repeat(40)], SINCE),
      [
        'fetch',
        '--quiet',
        '--no-tags',
        '--filter=tree:0',
        '--shallow-since=2026-04-01T10:00:00.000Z',
        URL_,
        'a'.repeat(40),
        'b'.repeat(40),
      ],
    ],
    [
      'one commit only',
      fetchHistoryArgs(URL_, ['a'.repeat(40)], null),
      ['fetch', '--quiet', '--no-tags', '--filter=tree:0', '--depth=1', URL_, 'a'.repeat(40)],
    ],
    [
      'walk history',
      revListArgs('a'.repeat(40), SINCE),
      [
        'rev-list',
        '--topo-order',
        '--max-count=20000',
        '--since=2026-04-01T10:00:00.000Z',
        'a'.repeat(40),
        '--',
      ],
    ],
    [
      'a root commit',
      commitTreeArgs('t'.repeat(40), null, 'msg'),
      ['commit-tree', 't'.repeat(40), '-m', 'msg'],
    ],
    [
      'a commit on the tip',
      commitTreeArgs('t'.repeat(40), 'p'.repeat(40), 'msg'),
      ['commit-tree', 't'.repeat(40), '-p', 'p'.repeat(40), '-m', 'msg'],
    ],
    [
      'push without force',
      pushArgs(URL_, 'c'.repeat(40), 'mesh-perf-data'),
      ['push', '--porcelain', '--quiet', URL_, `${'c'.repeat(40)}:refs/heads/mesh-perf-data`],
    ],
  ])('%s', (_what, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('commits as the Actions bot in Actions and as mesh-perf elsewhere, unless git is told otherwise', () => {
    expect(committerEnv({ GITHUB_ACTIONS: 'true' })).toEqual({
      GIT_AUTHOR_NAME: 'github-actions[bot]',
      GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
      GIT_COMMITTER_NAME: 'github-actions[bot]',
      GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
    });
    expect(committerEnv({ GIT_AUTHOR_NAME: 'Someone' })).toMatchObject({
      GIT_AUTHOR_NAME: 'Someone',
      GIT_COMMITTER_NAME: 'mesh-perf',
    });
  });
});

describe('classifyPushFailure', () => {
  const saved = async (name: string): Promise<[string, string]> => {
    const dir = path.join(fixturesDir, 'git-push');
    return [
      await readFile(path.join(dir, `${name}.stdout`), 'utf8'),
      await readFile(path.join(dir, `${name}.stderr`), 'utf8'),
    ];
  };

  it.each<[string, PushFailure]>([
    ['fetch-first', 'rejected'],
    ['lock-race', 'rejected'],
    ['missing-repository', 'permanent'],
    ['http-403', 'permanent'],
    ['protected-branch', 'permanent'],
  ])('%s is %s', async (name, expected) => {
    const [stdout, stderr] = await saved(name);
    expect(classifyPushFailure(stdout, stderr)).toBe(expected);
  });

  it.each<[string, PushFailure]>([
    [
      "fatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 502",
      'transient',
    ],
    ['error: RPC failed; curl 56 Recv failure: Connection reset by peer', 'transient'],
    [
      "fatal: unable to access 'https://github.com/o/r/': Could not resolve host: github.com",
      'transient',
    ],
    ['something nobody has seen before', 'permanent'],
  ])('%j is %s', (stderr, expected) => {
    expect(classifyPushFailure('', stderr)).toBe(expected);
  });

  it('does not read a status code into a commit id', () => {
    const stdout = `To x\n!\t${'a403'.repeat(10)}:refs/heads/d\t[rejected] (fetch first)\nDone\n`;
    expect(classifyPushFailure(stdout, '')).toBe('rejected');
  });
});

describe('git environment and auth', () => {
  it('sends the token as actions/checkout does: a basic extraheader for the server origin', () => {
    const auth = tokenAuth(URL_, 'ghs_exampletoken');
    const basic = Buffer.from('x-access-token:ghs_exampletoken').toString('base64');
    expect(auth).toEqual({
      config: [['http.https://github.com/.extraheader', `AUTHORIZATION: basic ${basic}`]],
      secrets: ['ghs_exampletoken', basic],
    });
    expect(tokenAuth('git@github.com:example-org/service.git', 'ghs_x')).toEqual({
      config: [],
      secrets: [],
    });
    expect(tokenAuth('file:///srv/git/service.git', 'ghs_x').config).toEqual([]);
    expect(tokenAuth(URL_, undefined).config).toEqual([]);
  });

  it('passes config through GIT_CONFIG_* after any the caller set, drops repository overrides', () => {
    const env = gitEnvironment(
      {
        PATH: '/usr/bin',
        GIT_DIR: '/home/user/project/.git',
        GIT_INDEX_FILE: '/home/user/project/.git/index',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.autocrlf',
        GIT_CONFIG_VALUE_0: 'false',
      },
      [['http.https://github.com/.extraheader', 'AUTHORIZATION: basic abc']],
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.autocrlf',
      GIT_CONFIG_VALUE_0: 'false',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: 'AUTHORIZATION: basic abc',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      LC_ALL: 'C',
    });
  });

  it('redacts secrets and credentials in URLs', () => {
    expect(
      redact("fatal: unable to access 'https://user:ghp_secret@github.com/o/r/': ghs_tok", [
        'ghs_tok',
      ]),
    ).toBe("fatal: unable to access 'https://***@github.com/o/r/': ***");
  });

  it('builds the repository URL as actions/checkout does', () => {
    expect(
      actionsRemoteUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r' }),
    ).toBe('https://github.com/o/r.git');
    expect(
      actionsRemoteUrl({
        GITHUB_SERVER_URL: 'https://ghe.example.test/',
        GITHUB_REPOSITORY: 'o/r',
      }),
    ).toBe('https://ghe.example.test/o/r.git');
    expect(actionsRemoteUrl({ GITHUB_REPOSITORY: 'o/r' })).toBeNull();
    expect(
      actionsRemoteUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: '../x' }),
    ).toBeNull();
  });
});

describe('backoffDelayMs', () => {
  it.each<[number, number, number]>([
    [1, 0, 125],
    [1, 1, 250],
    [2, 0.5, 375],
    [3, 0, 500],
    [6, 1, 8000],
    [9, 0, 4000],
  ])('attempt %d with random %d waits %d ms', (attempt, r, ms) => {
    expect(backoffDelayMs(attempt, () => r, DEFAULT_BACKOFF)).toBe(ms);
  });
});
