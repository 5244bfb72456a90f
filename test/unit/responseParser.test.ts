import { describe, expect, it } from '@jest/globals';
import { ResponseError, ResponseParser } from '../../src/load/builtin/responseParser.js';

const fixed = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello';
const chunked =
  'HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '4;ext=1\r\nbusy\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n';

/** Feeds the text in pieces of `size` bytes; returns what each push returned, last first. */
function feed(parser: ResponseParser, text: string, size: number): unknown[] {
  const bytes = Buffer.from(text, 'latin1');
  const results: unknown[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    results.unshift(parser.push(bytes.subarray(at, at + size)));
  }
  return results;
}

describe('ResponseParser', () => {
  it.each([1, 2, 3, 7, 1000])('reads a Content-Length response fed %i bytes at a time', (size) => {
    const [last, ...before] = feed(new ResponseParser(), fixed, size);
    expect(last).toEqual({ status: 200, keepAlive: true });
    expect(before.every((r) => r === undefined)).toBe(true);
  });

  it.each([1, 2, 5, 1000])(
    'reads a chunked response with trailers fed %i bytes at a time',
    (size) => {
      const [last, ...before] = feed(new ResponseParser(), chunked, size);
      expect(last).toEqual({ status: 503, keepAlive: true });
      expect(before.every((r) => r === undefined)).toBe(true);
    },
  );

  it('is reusable after reset for the next response on the same connection', () => {
    const parser = new ResponseParser();
    expect(parser.push(Buffer.from(fixed))).toEqual({ status: 200, keepAlive: true });
    parser.reset();
    expect(parser.push(Buffer.from(chunked))).toEqual({ status: 503, keepAlive: true });
  });

  it('skips interim 1xx responses and knows 204 has no body', () => {
    const parser = new ResponseParser();
    const text =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n';
    expect(parser.push(Buffer.from(text))).toEqual({ status: 204, keepAlive: true });
  });

  it.each([
    [
      'Connection: close',
      'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      false,
    ],
    ['HTTP/1.0', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', false],
    [
      'HTTP/1.0 keep-alive',
      'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n',
      true,
    ],
    ['bytes past the response', `${fixed}HTTP/1.1`, false],
  ])('keeps the connection only when it may: %s', (_what, text, keepAlive) => {
    expect(new ResponseParser().push(Buffer.from(text))).toEqual({ status: 200, keepAlive });
  });

  it('lets a body without a length run until the connection closes', () => {
    const parser = new ResponseParser();
    expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\nsome'))).toBeUndefined();
    expect(parser.push(Buffer.from(' more'))).toBeUndefined();
    expect(parser.endsAtClose).toBe(true);
    expect(parser.endAtClose()).toEqual({ status: 200, keepAlive: false });
    expect(new ResponseParser().endAtClose()).toBeUndefined();
  });

  it.each([
    ['a bad status line', 'HTTP/2 200 OK\r\n\r\n', /bad status line/],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /bad content-length/],
    [
      'a bad chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      /bad chunk size/,
    ],
  ])('rejects %s', (_what, text, message) => {
    expect(() => new ResponseParser().push(Buffer.from(text))).toThrow(message);
  });

  it('refuses a head that never ends', () => {
    const parser = new ResponseParser();
    const line = Buffer.from(`X-Filler: ${'x'.repeat(1000)}\r\n`);
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    expect(() => {
      for (let i = 0; i < 100; i += 1) parser.push(line);
    }).toThrow(ResponseError);
  });
});
