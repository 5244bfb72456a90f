// Incremental HTTP/1.1 response reader for one request at a time on a keep-alive connection: finds
// the status and where the body ends (Content-Length, chunked, or connection close) and discards
// the body. Written by hand because node:http costs 2-3x the CPU per request, which would be
// charged to the client under test.

export interface ResponseEnd {
  status: number;
  /** False when the server asked to close, or sent more than one response's worth of bytes. */
  keepAlive: boolean;
}

export class ResponseError extends Error {
  override readonly name = 'ResponseError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE_BYTES = 4096;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'close';

interface Head {
  status: number;
  keepAlive: boolean;
  chunked: boolean;
  contentLength: number | undefined;
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const match = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0] ?? '');
  if (!match)
    throw new ResponseError(`bad status line ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`);
  let keepAlive = match[1] === '1';
  let chunked = false;
  let contentLength: number | undefined;
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') {
      if (!/^\d+$/.test(value))
        throw new ResponseError(`bad content-length ${JSON.stringify(value)}`);
      contentLength = Number(value);
    } else if (name === 'transfer-encoding') {
      chunked = value.split(',').at(-1)?.trim() === 'chunked';
    } else if (name === 'connection') {
      const tokens = value.split(',').map((t) => t.trim());
      if (tokens.includes('close')) keepAlive = false;
      else if (tokens.includes('keep-alive')) keepAlive = true;
    }
  }
  return { status: Number(match[2]), keepAlive, chunked, contentLength };
}

export class ResponseParser {
  private state: State = 'head';
  private pending: Buffer | undefined;
  private head: Head | undefined;
  private remaining = 0;

  /** Forgets everything; call before each request. */
  reset(): void {
    this.state = 'head';
    this.pending = undefined;
    this.head = undefined;
    this.remaining = 0;
  }

  /** The response so far has no length and ends when the server closes the connection. */
  get endsAtClose(): boolean {
    return this.state === 'close';
  }

  /** The response, once the connection has closed, for a body that ran until the close. */
  endAtClose(): ResponseEnd | undefined {
    return this.state === 'close' && this.head
      ? { status: this.head.status, keepAlive: false }
      : undefined;
  }

  /** Feeds bytes; returns the response once it is complete. Throws ResponseError on bad input. */
  push(chunk: Buffer): ResponseEnd | undefined {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    while (at < data.length || this.state === 'head') {
      switch (this.state) {
        case 'head': {
          const end = data.indexOf(HEADER_END, at);
          if (end === -1) {
            this.keep(data, at, MAX_HEAD_BYTES, 'response head');
            return undefined;
          }
          this.startBody(parseHead(data.toString('latin1', at, end)));
          at = end + HEADER_END.length;
          if (this.head === undefined) continue; // an interim 1xx response: read the next head
          break;
        }
        case 'length': {
          const take = Math.min(this.remaining, data.length - at);
          this.remaining -= take;
          at += take;
          break;
        }
        case 'chunk-size': {
          const end = data.indexOf(CRLF, at);
          if (end === -1) {
            this.keep(data, at, MAX_CHUNK_LINE_BYTES, 'chunk size line');
            return undefined;
          }
          const size = data.toString('latin1', at, end).split(';')[0]?.trim() ?? '';
          if (!/^[0-9a-fA-F]{1,12}$/.test(size))
            throw new ResponseError(`bad chunk size ${JSON.stringify(size)}`);
          this.remaining = parseInt(size, 16);
          this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
          at = end + CRLF.length;
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, data.length - at);
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) {
            this.state = 'chunk-crlf';
            this.remaining = CRLF.length;
          }
          break;
        }
        case 'chunk-crlf': {
          const take = Math.min(this.remaining, data.length - at);
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const end = data.indexOf(CRLF, at);
          if (end === -1) {
            this.keep(data, at, MAX_HEAD_BYTES, 'trailers');
            return undefined;
          }
          if (end === at) this.state = 'length'; // the empty line: the message is over
          at = end + CRLF.length;
          break;
        }
        case 'close':
          return undefined; // the body runs until the server closes; nothing to count
      }
      if (this.state === 'length' && this.remaining === 0) return this.finish(at < data.length);
      if (at >= data.length) break;
    }
    return undefined;
  }

  private startBody(head: Head): void {
    if (head.status >= 100 && head.status < 200 && head.status !== 101) return;
    this.head = head;
    const bodiless = head.status === 204 || head.status === 304;
    if (bodiless) {
      this.state = 'length';
      this.remaining = 0;
    } else if (head.chunked) {
      this.state = 'chunk-size';
    } else if (head.contentLength !== undefined) {
      this.state = 'length';
      this.remaining = head.contentLength;
    } else {
      this.state = 'close';
    }
  }

  private finish(extraBytes: boolean): ResponseEnd {
    const head = this.head;
    if (!head) throw new ResponseError('response ended before its head');
    this.reset();
    // Bytes past the end of the only response in flight mean the stream is out of step.
    return { status: head.status, keepAlive: head.keepAlive && !extraBytes };
  }

  private keep(data: Buffer, at: number, limit: number, what: string): void {
    if (data.length - at > limit) throw new ResponseError(`${what} longer than ${limit} bytes`);
    this.pending = data.subarray(at);
  }
}
