// A local HTTP server standing in for api.github.com: issue comments (listed in pages with Link
// headers, created, updated) and pull requests, with GitHub's response shapes from
// test/fixtures/github. It records every request, so tests assert exactly what was sent.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixturesDir } from './paths.js';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /repos/o/r/issues/7/comments?per_page=100. */
  url: string;
  body: unknown;
  authorization: string | undefined;
}

interface StoredComment {
  id: number;
  body: string;
  login: string;
}

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(fixturesDir, 'github', name), 'utf8')) as Record<
    string,
    unknown
  >;

export class FakeGitHubApi {
  readonly requests: RecordedRequest[] = [];
  /** Issue number -> its comments, oldest first. */
  readonly comments = new Map<number, StoredComment[]>();
  /** Pull request number -> head commit. */
  readonly pulls = new Map<number, string>();
  /** Answer writes with GitHub's 403 for a read-only token. */
  forbidWrites = false;
  /** Answer every request with this status instead (500: GitHub having a bad day). */
  failWith: number | null = null;
  private nextId = 1000;
  private server = http.createServer((req, res) => {
    void this.handle(req, res);
  });
  private base = '';

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  addComments(issue: number, bodies: readonly string[], login = 'octocat'): number[] {
    const list = this.comments.get(issue) ?? [];
    const ids = bodies.map((body) => {
      const id = this.nextId++;
      list.push({ id, body, login });
      return id;
    });
    this.comments.set(issue, list);
    return ids;
  }

  private commentJson(issue: number, c: StoredComment): Record<string, unknown> {
    const shape = fixture('issue-comment.json');
    return {
      ...shape,
      id: c.id,
      body: c.body,
      url: `${this.base}/repos/octo-org/mesh-app/issues/comments/${c.id}`,
      html_url: `https://github.com/octo-org/mesh-app/pull/${issue}#issuecomment-${c.id}`,
      issue_url: `${this.base}/repos/octo-org/mesh-app/issues/${issue}`,
      user: {
        ...(shape.user as object),
        login: c.login,
        type: c.login.endsWith('[bot]') ? 'Bot' : 'User',
      },
      // Logins starting with "stranger" have no access to the repository.
      author_association: c.login.startsWith('stranger') ? 'NONE' : 'COLLABORATOR',
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '';
    this.requests.push({
      method: req.method ?? '',
      url,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      authorization: req.headers.authorization,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    if (this.failWith !== null) {
      send(this.failWith, { message: 'Server Error' });
      return;
    }
    const parsed = new URL(url, this.base);
    const route = `${req.method ?? ''} ${parsed.pathname}`;
    let m: RegExpExecArray | null;
    if ((m = /^GET \/repos\/octo-org\/mesh-app\/issues\/(\d+)\/comments$/.exec(route))) {
      const issue = Number(m[1]);
      const perPage = Number(parsed.searchParams.get('per_page') ?? 30);
      const page = Number(parsed.searchParams.get('page') ?? 1);
      const all = this.comments.get(issue) ?? [];
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (p: number, rel: string): string =>
        `<${this.base}${parsed.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
      const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
      const slice = all.slice((page - 1) * perPage, page * perPage);
      send(
        200,
        slice.map((c) => this.commentJson(issue, c)),
        links.length ? { link: links.join(', ') } : {},
      );
      return;
    }
    if ((m = /^POST \/repos\/octo-org\/mesh-app\/issues\/(\d+)\/comments$/.exec(route))) {
      if (this.forbidWrites) {
        send(403, fixture('forbidden.json'));
        return;
      }
      const issue = Number(m[1]);
      const [id = 0] = this.addComments(
        issue,
        [(JSON.parse(text) as { body: string }).body],
        'github-actions[bot]',
      );
      send(201, this.commentJson(issue, { id, body: '', login: 'github-actions[bot]' }));
      return;
    }
    if ((m = /^PATCH \/repos\/octo-org\/mesh-app\/issues\/comments\/(\d+)$/.exec(route))) {
      if (this.forbidWrites) {
        send(403, fixture('forbidden.json'));
        return;
      }
      const id = Number(m[1]);
      for (const [issue, list] of this.comments) {
        const found = list.find((c) => c.id === id);
        if (found) {
          found.body = (JSON.parse(text) as { body: string }).body;
          send(200, this.commentJson(issue, found));
          return;
        }
      }
      send(404, { message: 'Not Found' });
      return;
    }
    if ((m = /^GET \/repos\/octo-org\/mesh-app\/pulls\/(\d+)$/.exec(route))) {
      const head = this.pulls.get(Number(m[1]));
      if (head === undefined) {
        send(404, { message: 'Not Found' });
        return;
      }
      send(200, { number: Number(m[1]), state: 'open', head: { sha: head, ref: 'cipher' } });
      return;
    }
    send(404, { message: 'Not Found' });
  }
}
