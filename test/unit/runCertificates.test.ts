// The per-run PKI: certificates that node's own X509 parser accepts, signed by the right CA, in a
// private directory that disappears on dispose and on cleanup.
import { afterEach, describe, expect, it } from '@jest/globals';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Cleanup } from '../../src/lifecycle/cleanup.js';
import { createRunCertificates, type RunCertificates } from '../../src/certs/runCertificates.js';

async function cert(file: string): Promise<X509Certificate> {
  return new X509Certificate(await readFile(file));
}

describe('createRunCertificates', () => {
  let cleanup = new Cleanup();
  afterEach(async () => {
    await cleanup.runAll();
    cleanup = new Cleanup();
  });

  async function create(serverDnsNames?: string[]): Promise<RunCertificates> {
    return createRunCertificates(cleanup, serverDnsNames ? { serverDnsNames } : {});
  }

  it('issues a CA, a server and a client certificate that verify against it', async () => {
    const certs = await create(['server.bench.svc']);
    const ca = await cert(certs.caFile);
    const server = await cert(certs.serverCertFile);
    const client = await cert(certs.clientCertFile);

    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost('server.bench.svc')).toBe('server.bench.svc');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toMatch(/IP Address:(0:0:0:0:0:0:0:1|::1)/);
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(client.subject).toContain('CN=mesh-perf-client');
    expect(client.subjectAltName).toContain('URI:spiffe://mesh-perf/client');
    expect(client.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    expect(server.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('backdates validity by an hour and ends about two days ahead', async () => {
    const now = Date.now();
    const server = await cert((await create()).serverCertFile);
    const from = new Date(server.validFrom).getTime();
    const to = new Date(server.validTo).getTime();
    expect(now - from).toBeGreaterThan(59 * 60 * 1000);
    expect(now - from).toBeLessThan(62 * 60 * 1000);
    expect(to - now).toBeGreaterThan(47 * 60 * 60 * 1000);
    expect(to - now).toBeLessThan(49 * 60 * 60 * 1000);
  });

  it('writes PKCS#8 keys that match their certificates', async () => {
    const certs = await create();
    for (const [certFile, keyFile] of [
      [certs.serverCertFile, certs.serverKeyFile],
      [certs.clientCertFile, certs.clientKeyFile],
      [certs.rogueCertFile, certs.rogueKeyFile],
    ] as const) {
      const pem = await readFile(keyFile, 'utf8');
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect((await cert(certFile)).checkPrivateKey(createPrivateKey(pem))).toBe(true);
    }
  });

  it('signs the rogue client with an unrelated CA', async () => {
    const certs = await create();
    const ca = await cert(certs.caFile);
    const rogue = await cert(certs.rogueCertFile);
    expect(rogue.verify(ca.publicKey)).toBe(false);
    expect(rogue.checkIssued(ca)).toBe(false);
  });

  it('keeps the directory 0700 and every file 0600', async () => {
    const certs = await create();
    expect((await stat(certs.dir)).mode & 0o777).toBe(0o700);
    for (const file of [
      certs.caFile,
      certs.serverCertFile,
      certs.serverKeyFile,
      certs.clientCertFile,
      certs.clientKeyFile,
      certs.rogueCertFile,
      certs.rogueKeyFile,
    ]) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
  });

  it('dispose removes the directory, twice without error, and leaves nothing for cleanup', async () => {
    const certs = await create();
    expect(cleanup.leftovers()).toEqual([{ kind: 'dir', path: certs.dir }]);
    await certs.dispose();
    await certs.dispose();
    expect(existsSync(certs.dir)).toBe(false);
    expect(cleanup.pending).toBe(0);
  });

  it('is removed by Cleanup.runAll()', async () => {
    const certs = await create();
    expect(existsSync(certs.dir)).toBe(true);
    expect(await cleanup.runAll()).toEqual([]);
    expect(existsSync(certs.dir)).toBe(false);
    await certs.dispose();
  });
});
