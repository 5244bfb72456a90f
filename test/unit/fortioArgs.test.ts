// fortio's argv, row by row: what each engine setting becomes on fortio's command line.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/errors.js';
import {
  FORTIO_INSTALL,
  fortioEchoPath,
  fortioLoadArgs,
  fortioServerArgs,
  goDuration,
  isOurFortioServer,
  parseFortioListening,
  type FortioLoadExtras,
  type FortioLoadSpec,
  type FortioServerOptions,
} from '../../src/load/fortio/fortioArgs.js';
import { fixturesDir } from '../support/paths.js';

const base: FortioLoadSpec = {
  url: 'http://127.0.0.1:8080/echo?delay=10ms',
  rps: 300,
  connections: 30,
  durationMs: 5000,
  requestTimeoutMs: 10_000,
};
const COMMON = [
  '-r',
  '0.00005',
  '-p',
  '50,90,99,99.9',
  '-labels',
  'mesh-perf',
  '-loglevel',
  'Warning',
];
const head = (spec: FortioLoadSpec): string[] => [
  'load',
  '-qps',
  String(spec.rps),
  '-c',
  String(spec.connections),
  '-t',
  `${spec.durationMs}ms`,
  '-timeout',
  `${spec.requestTimeoutMs}ms`,
  ...COMMON,
];
const tls = { caFile: '/k/ca.pem', certFile: '/k/client.pem', keyFile: '/k/client-key.pem' };

describe('fortioLoadArgs', () => {
  // prettier-ignore
  const rows: [string, FortioLoadSpec, FortioLoadExtras, string[]][] = [
    ['plain HTTP', base, {}, [...head(base), '-json', '-', base.url]],
    ['the server delay as the histogram offset', base, { latencyFloorMs: 200 }, [...head(base), '-offset', '200ms', '-json', '-', base.url]],
    ['no offset for a zero delay', base, { latencyFloorMs: 0 }, [...head(base), '-json', '-', base.url]],
    ['fractional rate', { ...base, rps: 12.5 }, {}, [...head({ ...base, rps: 12.5 }), '-json', '-', base.url]],
    ['a buffer for large bodies', base, { responseBytes: 1024 * 1024 }, [...head(base), '-httpbufferkb', '1028', '-json', '-', base.url]],
    ['the default buffer for small bodies', base, { responseBytes: 1000 }, [...head(base), '-json', '-', base.url]],
    ['warm-up: no JSON', base, { json: false }, [...head(base), base.url]],
    ['no catching up (bench only)', base, { noCatchup: true }, [...head(base), '-nocatchup', '-json', '-', base.url]],
    ['uniform spacing (bench only)', base, { uniform: true }, [...head(base), '-uniform', '-json', '-', base.url]],
    [
      'mTLS: CA, client certificate and key',
      { ...base, url: 'https://127.0.0.1:8443/echo', tls },
      {},
      [...head(base), '-cacert', '/k/ca.pem', '-cert', '/k/client.pem', '-key', '/k/client-key.pem', '-json', '-', 'https://127.0.0.1:8443/echo'],
    ],
    [
      'server-only TLS: just the CA',
      { ...base, url: 'https://127.0.0.1:8443/echo', tls: { caFile: '/k/ca.pem' } },
      {},
      [...head(base), '-cacert', '/k/ca.pem', '-json', '-', 'https://127.0.0.1:8443/echo'],
    ],
    [
      'a server name other than the IP: the name in the URL, the IP by -resolve',
      { ...base, url: 'https://127.0.0.1:8443/echo?delay=10ms', tls: { ...tls, serverName: 'localhost' } },
      { latencyFloorMs: 10 },
      [...head(base), '-offset', '10ms', '-cacert', '/k/ca.pem', '-cert', '/k/client.pem', '-key', '/k/client-key.pem', '-resolve', '127.0.0.1', '-json', '-', 'https://localhost:8443/echo?delay=10ms'],
    ],
    [
      'IPv6 address with a server name',
      { ...base, url: 'https://[::1]:8443/', tls: { caFile: '/k/ca.pem', serverName: 'localhost' } },
      {},
      [...head(base), '-cacert', '/k/ca.pem', '-resolve', '::1', '-json', '-', 'https://localhost:8443/'],
    ],
    [
      'a server name equal to the host: nothing to resolve',
      { ...base, url: 'https://localhost:8443/', tls: { caFile: '/k/ca.pem', serverName: 'localhost' } },
      {},
      [...head(base), '-cacert', '/k/ca.pem', '-json', '-', 'https://localhost:8443/'],
    ],
  ];
  it.each(rows)('%s', (_what, spec, extras, argv) => {
    expect(fortioLoadArgs(spec, extras)).toEqual(argv);
  });

  it.each<[string, Partial<FortioLoadSpec>, RegExp]>([
    [
      'rate 0 (fortio: full speed)',
      { rps: 0 },
      /^rps: 0 is not allowed for fortio \(-qps 0 means as fast as possible\); allowed: > 0$/,
    ],
    [
      'duration 0 (fortio: until interrupted)',
      { durationMs: 0 },
      /^durationMs: 0 is not allowed for fortio \(-t 0 means until interrupted\)/,
    ],
    ['no connection', { connections: 0 }, /^connections: 0; allowed: a whole number from 1$/],
    [
      'a server name fortio cannot send',
      {
        url: 'https://example.internal:8443/',
        tls: { caFile: '/k/ca.pem', serverName: 'localhost' },
      },
      /^tls.serverName: "localhost" differs from the URL host "example.internal"/,
    ],
  ])('refuses %s with a ConfigError', (_what, change, message) => {
    const build = (): string[] => fortioLoadArgs({ ...base, ...change });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
  });

  it.each([
    [5000, '5000ms'],
    [0.5, '500us'],
    [1, '1ms'],
  ])('writes %p ms as the Go duration %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });

  it('names the pinned version in the install hint', () => {
    expect(FORTIO_INSTALL).toBe('go install fortio.org/fortio@v1.68.2');
  });
});

describe('fortioServerArgs', () => {
  const server: FortioServerOptions = { host: '127.0.0.1', port: 0, delayMs: 200, payloadBytes: 0 };
  const only = [
    '-grpc-port',
    'disabled',
    '-redirect-port',
    'disabled',
    '-tcp-port',
    'disabled',
    '-udp-port',
    'disabled',
    '-ui-path',
    '',
    '-echo-debug-path',
    '',
  ];
  const tail = (delay: string): string[] => [
    '-max-echo-delay',
    delay,
    '-server-idle-timeout',
    '65s',
    '-loglevel',
    'Warning',
  ];
  // prettier-ignore
  const rows: [string, FortioServerOptions, string[]][] = [
    ['plain, delay cap raised to the delay', server, ['server', '-http-port', '127.0.0.1:0', ...only, ...tail('200ms')]],
    ['a delay past fortio\'s 1.5 s default cap', { ...server, delayMs: 5000 }, ['server', '-http-port', '127.0.0.1:0', ...only, ...tail('5000ms')]],
    ['a body past fortio\'s 256 KiB default', { ...server, payloadBytes: 1024 * 1024 }, ['server', '-http-port', '127.0.0.1:0', ...only, ...tail('200ms'), '-maxpayloadsizekb', '1024']],
    [
      'mTLS: certificate, key, CA and -mtls',
      { ...server, tls: { certFile: '/k/s.pem', keyFile: '/k/s-key.pem', caFile: '/k/ca.pem', requireClientCert: true } },
      ['server', '-http-port', '127.0.0.1:0', ...only, ...tail('200ms'), '-cert', '/k/s.pem', '-key', '/k/s-key.pem', '-cacert', '/k/ca.pem', '-mtls'],
    ],
    ['IPv6 bind address', { ...server, host: '::1', port: 9000 }, ['server', '-http-port', '[::1]:9000', ...only, ...tail('200ms')]],
  ];
  it.each(rows)('%s', (_what, options, argv) => {
    expect(fortioServerArgs(options)).toEqual(argv);
  });

  it.each([
    [10, 0, '/echo?delay=10ms'],
    [0, 0, '/echo'],
    [200, 1024, '/echo?delay=200ms&size=1024'],
    [0, 64, '/echo?size=64'],
  ])('asks the echo handler for delay %p ms and %p bytes with %s', (delay, bytes, echoPath) => {
    expect(fortioEchoPath(delay, bytes)).toBe(echoPath);
  });

  it('reads the port from the servers real log lines', () => {
    const port = (file: string): (number | undefined)[] =>
      readFileSync(path.join(fixturesDir, 'fortio', file), 'utf8')
        .split('\n')
        .map(parseFortioListening)
        .filter((p) => p !== undefined);
    expect(port('server-http.stderr.txt')).toEqual([expect.any(Number)]);
    expect(port('server-https.stderr.txt')).toEqual([expect.any(Number)]);
    expect(
      parseFortioListening('{"msg":"Log level is now 3 Warning (was 2 Info)"}'),
    ).toBeUndefined();
  });

  it('recognises only a fortio server it started itself', () => {
    expect(isOurFortioServer(['/root/go/bin/fortio', ...fortioServerArgs(server)])).toBe(true);
    expect(isOurFortioServer(['fortio', 'server'])).toBe(false);
    expect(isOurFortioServer(['/usr/bin/fortio', 'load', '-ui-path', '', '-max-echo-delay'])).toBe(
      false,
    );
    expect(isOurFortioServer(['/usr/bin/nginx', ...fortioServerArgs(server).slice(1)])).toBe(false);
  });
});
