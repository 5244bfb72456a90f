import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/errors.js';
import { checkLoadSpec, parseLoadSpec } from '../../src/load/builtin/loadSpecJson.js';
import type { LoadSpec } from '../../src/load/types.js';

const good: LoadSpec = {
  url: 'http://127.0.0.1:8080/echo',
  rps: 320,
  connections: 160,
  durationMs: 300_000,
  warmupMs: 10_000,
  requestTimeoutMs: 5000,
  workers: 1,
};

const tls = { caFile: '/tmp/ca.pem', certFile: '/tmp/c.pem', keyFile: '/tmp/k.pem' };

describe('parseLoadSpec', () => {
  it('accepts a good spec, with and without TLS files', () => {
    expect(parseLoadSpec(JSON.stringify(good))).toEqual(good);
    const secure = {
      ...good,
      url: 'https://server.example:8443/',
      tls: { ...tls, serverName: 'server' },
    };
    expect(parseLoadSpec(JSON.stringify(secure))).toEqual(secure);
    expect(checkLoadSpec({ ...good, warmupMs: 0, rps: 0.5 })).toMatchObject({
      warmupMs: 0,
      rps: 0.5,
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', [good], /^spec: expected an object/],
    ['null', null, /^spec: expected an object, got null/],
    ['an unknown field', { ...good, rate: 3 }, /^rate: unknown field \(allowed: url, rps,/],
    ['no url', { ...good, url: undefined }, /^url: expected a non-empty string, got nothing/],
    ['a bad url', { ...good, url: 'not a url' }, /^url: not a valid URL/],
    ['an ftp url', { ...good, url: 'ftp://host/' }, /^url: expected an http: or https: URL/],
    [
      'rps as a string',
      { ...good, rps: '100' },
      /^rps: expected a number > 0 and <= 1000000, got "100"/,
    ],
    ['zero rps', { ...good, rps: 0 }, /^rps: expected a number > 0/],
    ['negative rps', { ...good, rps: -1 }, /^rps: .*got -1/],
    [
      'fractional connections',
      { ...good, connections: 1.5 },
      /^connections: expected an integer from 1/,
    ],
    ['zero connections', { ...good, connections: 0 }, /^connections: expected an integer from 1/],
    ['no duration', { ...good, durationMs: undefined }, /^durationMs: expected a number > 0/],
    ['zero duration', { ...good, durationMs: 0 }, /^durationMs: /],
    ['a negative warm-up', { ...good, warmupMs: -1 }, /^warmupMs: expected a number >= 0/],
    [
      'a zero timeout',
      { ...good, requestTimeoutMs: 0 },
      /^requestTimeoutMs: expected a number > 0/,
    ],
    ['zero workers', { ...good, workers: 0 }, /^workers: expected an integer from 1 to 256/],
    [
      'workers as a word',
      { ...good, workers: 'auto' },
      /^workers: expected an integer.*got "auto"/,
    ],
    [
      'more workers than connections',
      { ...good, connections: 2, workers: 3 },
      /^workers: 3 is more than connections \(2\)/,
    ],
    ['TLS files on plain http', { ...good, tls }, /^tls: only for https: URLs/],
    [
      'a TLS block without a CA',
      { ...good, url: 'https://h/', tls: { certFile: 'c', keyFile: 'k' } },
      /^tls\.caFile: expected a non-empty string, got nothing/,
    ],
    [
      'a certificate without its key',
      { ...good, url: 'https://h/', tls: { caFile: 'ca', certFile: 'c' } },
      /^tls\.keyFile: required when/,
    ],
    [
      'an unknown TLS field',
      { ...good, url: 'https://h/', tls: { caFile: 'ca', insecure: true } },
      /^tls\.insecure: unknown field/,
    ],
  ])('rejects %s', (_what, value, message) => {
    expect(() => checkLoadSpec(value)).toThrow(message);
  });

  it('rejects text that is not JSON, as invalid input (exit code 2)', () => {
    let caught: unknown;
    try {
      parseLoadSpec('{rps: 5');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(2);
    expect((caught as ConfigError).message).toMatch(/^spec: not valid JSON/);
    expect((caught as ConfigError).cause).toBeInstanceOf(SyntaxError);
  });
});
