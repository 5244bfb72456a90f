// Per-run PKI for the app-mtls baseline: a fresh CA, server and client certificates it signs, and a
// "rogue" client from an unrelated CA that the server must refuse. Keys live only in a private temp dir.
// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs the Reflect metadata API
// loaded first; ESM evaluates imports in order, so this import must stay above it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Cleanup } from '../lifecycle/cleanup.js';

export interface RunCertificates {
  dir: string;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** Client certificate signed by a second, unrelated CA: proves the server rejects foreign clients. */
  rogueCertFile: string;
  rogueKeyFile: string;
  /** Removes the directory; safe to call more than once. Also registered on the Cleanup. */
  dispose(): Promise<void>;
}

export interface RunCertificatesOptions {
  /** Extra DNS names for the server certificate, e.g. `server.<ns>.svc` in a cluster. */
  serverDnsNames?: readonly string[];
}

export const CLIENT_COMMON_NAME = 'mesh-perf-client';
export const CLIENT_SPIFFE_ID = 'spiffe://mesh-perf/client';

// Backdated so that a peer whose clock runs a little behind still accepts the certificates.
const NOT_BEFORE_MS = 60 * 60 * 1000;
const NOT_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

export async function createRunCertificates(
  cleanup: Cleanup,
  options: RunCertificatesOptions = {},
): Promise<RunCertificates> {
  const now = Date.now();
  const validity = {
    notBefore: new Date(now - NOT_BEFORE_MS),
    notAfter: new Date(now + NOT_AFTER_MS),
  };
  // mkdtemp already creates the directory 0700; the chmod keeps that true whatever the umask.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesh-perf-'));
  let removal: Promise<void> | undefined;
  const remove = (): Promise<void> => (removal ??= rm(dir, { recursive: true, force: true }));
  const runEarly = cleanup.add('remove the run certificates directory', remove, {
    kind: 'dir',
    path: dir,
  });
  try {
    await chmod(dir, 0o700);
    const ca = await createCa('mesh-perf run CA', validity);
    const serverNames: x509.JsonGeneralName[] = [
      ...['localhost', ...(options.serverDnsNames ?? [])].map((value) => ({
        type: 'dns' as const,
        value,
      })),
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
    ];
    const server = await issueLeaf(
      ca,
      'localhost',
      serverNames,
      x509.ExtendedKeyUsage.serverAuth,
      validity,
    );
    const clientNames: x509.JsonGeneralName[] = [{ type: 'url', value: CLIENT_SPIFFE_ID }];
    const client = await issueLeaf(
      ca,
      CLIENT_COMMON_NAME,
      clientNames,
      x509.ExtendedKeyUsage.clientAuth,
      validity,
    );
    const rogueCa = await createCa('mesh-perf rogue CA', validity);
    const rogue = await issueLeaf(
      rogueCa,
      CLIENT_COMMON_NAME,
      clientNames,
      x509.ExtendedKeyUsage.clientAuth,
      validity,
    );

    const file = (name: string): string => path.join(dir, name);
    const files = {
      caFile: file('ca.pem'),
      serverCertFile: file('server.pem'),
      serverKeyFile: file('server-key.pem'),
      clientCertFile: file('client.pem'),
      clientKeyFile: file('client-key.pem'),
      rogueCertFile: file('rogue.pem'),
      rogueKeyFile: file('rogue-key.pem'),
    };
    await writePrivate(files.caFile, ca.certificate.toString('pem'));
    await writePrivate(files.serverCertFile, server.certificate.toString('pem'));
    await writePrivate(files.serverKeyFile, await privateKeyPem(server.keys.privateKey));
    await writePrivate(files.clientCertFile, client.certificate.toString('pem'));
    await writePrivate(files.clientKeyFile, await privateKeyPem(client.keys.privateKey));
    await writePrivate(files.rogueCertFile, rogue.certificate.toString('pem'));
    await writePrivate(files.rogueKeyFile, await privateKeyPem(rogue.keys.privateKey));
    // After the step has run, runEarly does nothing, so a second dispose waits on the same rm.
    const dispose = async (): Promise<void> => {
      await runEarly();
      await remove();
    };
    return { dir, ...files, dispose };
  } catch (error) {
    await runEarly();
    throw new Error('could not create the run certificates', { cause: error });
  }
}

// --- Certificates -----------------------------------------------------------------------------
// ECDSA P-256 through WebCrypto: fast to generate, and what meshes use for workload identities.

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function newKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

/** A positive serial of 16 random bytes, as hex. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

async function createCa(commonName: string, validity: Validity): Promise<Issued> {
  const keys = await newKeyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: `CN=${commonName}`,
      ...validity,
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    },
    webcrypto,
  );
  return { certificate, keys };
}

async function issueLeaf(
  issuer: Issued,
  commonName: string,
  names: x509.JsonGeneralName[],
  usage: x509.ExtendedKeyUsage,
  validity: Validity,
): Promise<Issued> {
  const keys = await newKeyPair();
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: `CN=${commonName}`,
      issuer: issuer.certificate.subject,
      ...validity,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([usage], false),
        new x509.SubjectAlternativeNameExtension(names, false),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
      ],
    },
    webcrypto,
  );
  return { certificate, keys };
}

/** PKCS#8 PEM ("BEGIN PRIVATE KEY"), which node:tls reads directly. */
async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = pkcs8.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

async function writePrivate(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}
