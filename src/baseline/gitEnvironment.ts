// The environment every git command of the baseline store runs with (pure): never pointed at the
// user's repository by inherited GIT_DIR-style variables, never prompting, messages in English,
// and the token, if any, passed as an http.<origin>/.extraheader through GIT_CONFIG_* variables,
// the way actions/checkout configures it, so it is in no file, no URL and no argv.

/** Variables that would redirect a git command to another repository or index. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_QUARANTINE_PATH',
];

export interface GitAuth {
  /** Config pairs to pass to git; empty when no token applies. */
  config: [string, string][];
  /** Values that must never appear in a message (the token and its encoded form). */
  secrets: string[];
}

/** The Authorization header actions/checkout uses: basic x-access-token:<token>, base64. */
export function tokenAuth(remoteUrl: string, token: string | undefined): GitAuth {
  if (token === undefined || token === '') return { config: [], secrets: [] };
  let origin: string;
  try {
    const url = new URL(remoteUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { config: [], secrets: [] };
    origin = url.origin;
  } catch {
    return { config: [], secrets: [] };
  }
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return {
    config: [[`http.${origin}/.extraheader`, `AUTHORIZATION: basic ${basic}`]],
    secrets: [token, basic],
  };
}

export function gitEnvironment(
  base: NodeJS.ProcessEnv,
  config: readonly [string, string][] = [],
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(base).filter(([name]) => !REPOSITORY_VARIABLES.includes(name)),
  );
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  env.LC_ALL = 'C';
  // Keep config pairs the caller's environment already passes, and add ours after them.
  const existing = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  let count = Number.isInteger(existing) && existing > 0 ? existing : 0;
  for (const [key, value] of config) {
    env[`GIT_CONFIG_KEY_${count}`] = key;
    env[`GIT_CONFIG_VALUE_${count}`] = value;
    count += 1;
  }
  if (count > 0) env.GIT_CONFIG_COUNT = String(count);
  return env;
}

/** Removes secrets and any user:password in URLs from text that may be shown or logged. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret !== '') out = out.split(secret).join('***');
  }
  return out;
}

/** The repository the workflow runs for, as actions/checkout builds its URL. */
export function actionsRemoteUrl(env: NodeJS.ProcessEnv): string | null {
  const server = env.GITHUB_SERVER_URL ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, name, ...rest] = repository.split('/');
  const segment = (s: string | undefined): boolean =>
    s !== undefined && /^[\w.-]+$/.test(s) && !/^\.+$/.test(s);
  if (server === '' || rest.length > 0 || !segment(owner) || !segment(name)) return null;
  return `${server.replace(/\/+$/, '')}/${repository}.git`;
}
