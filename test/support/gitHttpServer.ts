// A smart-HTTP git server on 127.0.0.1 standing in for github.com: `git http-backend` (CGI) behind
// a Node server that demands the Authorization header actions/checkout sends, answers 401 without
// it and 403 to a read-only token on push, and records every request's auth for assertions.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** e.g. http://127.0.0.1:PORT — use as GITHUB_SERVER_URL. */
  url: string;
  /** Authorization header of every request, in order (undefined when none was sent). */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

const basic = (token: string): string =>
  `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

export async function startGitHttpServer(options: {
  /** Directory holding <owner>/<repo>.git. */
  projectRoot: string;
  writeToken: string;
  readToken: string;
}): Promise<GitHttpServer> {
  const authorizations: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization;
    authorizations.push(auth);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pushing =
      url.searchParams.get('service') === 'git-receive-pack' ||
      url.pathname.endsWith('/git-receive-pack');
    const canRead = auth?.toLowerCase() === basic(options.readToken).toLowerCase();
    const canWrite = auth?.toLowerCase() === basic(options.writeToken).toLowerCase();
    if (!canRead && !canWrite) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' }).end();
      return;
    }
    if (pushing && !canWrite) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('Permission to example-org/service.git denied to github-actions[bot].\n');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(typeof req.headers['git-protocol'] === 'string'
          ? { GIT_PROTOCOL: req.headers['git-protocol'] }
          : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const headerEnd = split === -1 ? out.indexOf('\n\n') : split;
      const sep = split === -1 ? 2 : 4;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of out.subarray(0, Math.max(0, headerEnd)).toString().split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers).end(out.subarray(headerEnd + sep));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
