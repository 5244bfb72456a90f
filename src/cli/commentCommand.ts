// `mesh-perf comment --from FILE [--head-sha SHA]`: posts a comment file that a run on a fork's
// pull request left behind (see comment-file), for a trusted follow-up job. The token comes from
// GITHUB_TOKEN (or GH_TOKEN) and is never printed; the repository and API from GITHUB_REPOSITORY
// and GITHUB_API_URL; the commit to check the pull request against from a workflow_run event, or
// --head-sha.
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { octokitCommentApi } from '../github/commentApi.js';
import { readGitHubContext } from '../github/githubContext.js';
import { postCommentFile } from '../github/postCommentFile.js';
import { cliToken } from '../github/token.js';
import { writeLine, type CliIo } from './io.js';

const SYNOPSIS = 'mesh-perf comment --from FILE [--head-sha SHA]';

export async function commentCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, 'head-sha': { type: 'string' } },
    }));
  } catch (error) {
    throw new ConfigError(`comment: ${(error as Error).message}; allowed: ${SYNOPSIS}`);
  }
  const file = values.from;
  if (file === undefined || file.trim() === '') {
    throw new ConfigError(`from (--from): no comment file given; allowed: ${SYNOPSIS}`);
  }
  const headSha = values['head-sha'];
  if (headSha !== undefined && !/^[0-9a-f]{7,64}$/i.test(headSha)) {
    throw new ConfigError(
      `head-sha (--head-sha): "${headSha}" is not a commit SHA; allowed: hex digits`,
    );
  }
  const context = await readGitHubContext(io.env);
  const outcome = await postCommentFile({
    file,
    context,
    token: cliToken(io.env),
    ...(headSha === undefined ? {} : { expectedHeadSha: headSha }),
    api: (token) => {
      if (!context.repository) throw new ConfigError('GITHUB_REPOSITORY is not set');
      return octokitCommentApi(token, context.repository, context.apiUrl);
    },
    log: (line) => {
      writeLine(io.stderr, line);
    },
  });
  switch (outcome.status) {
    case 'created':
    case 'updated':
      writeLine(io.stdout, `${outcome.status} ${outcome.url}`);
      break;
    case 'unchanged':
      writeLine(io.stdout, 'no comment to update and none to create');
      break;
    case 'skipped':
    case 'deferred':
      writeLine(io.stdout, outcome.reason);
      break;
  }
  return 0;
}
