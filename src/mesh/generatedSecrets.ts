// The Secrets behind `generated-secret` steps, made only when the step runs so that no plan, dry run
// or log holds their keys: Cilium's IPsec pre-shared key (the format of its documentation's
// `kubectl create secret generic cilium-ipsec-keys` recipe) and the bootstrap and CA material of
// its ztunnel mode (what examples/kubernetes-ztunnel/generate-secrets.sh makes with openssl:
// RSA 2048, O=cluster.local; PKCS#8 keys, the only form the agent's CA accepts).
// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs Reflect metadata first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import type { KubeObject, SecretGenerator } from '../cluster/steps.js';

/** Builds the Secret a `generated-secret` step applies. */
export async function generateSecret(step: {
  namespace: string;
  name: string;
  generator: SecretGenerator;
}): Promise<KubeObject> {
  const stringData = await contents(step.generator);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: step.name,
      namespace: step.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'mesh-perf' },
    },
    type: 'Opaque',
    stringData,
  };
}

function contents(generator: SecretGenerator): Promise<Record<string, string>> {
  switch (generator) {
    case 'cilium-ipsec-keys':
      return Promise.resolve({ keys: ciliumIpsecKey() });
    case 'cilium-ztunnel-secrets':
      return ciliumZtunnelSecrets();
  }
}

/**
 * `<spi>+ rfc4106(gcm(aes)) <20 random bytes as hex> 128`: key id 3 with "+" for per-tunnel keys
 * (the global keys are deprecated as insecure), AES-GCM-128 with its 4-byte salt.
 */
export function ciliumIpsecKey(): string {
  return `3+ rfc4106(gcm(aes)) ${randomBytes(20).toString('hex')} 128`;
}

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

// Long enough for any run; the 30-day workload certificates the agent signs stay under it.
const VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;

export async function ciliumZtunnelSecrets(): Promise<Record<string, string>> {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + VALIDITY_MS);
  const bootstrap = await selfSigned(false, notBefore, notAfter);
  const ca = await selfSigned(true, notBefore, notAfter);
  return {
    'bootstrap-private.key': bootstrap.key,
    'bootstrap-root.crt': bootstrap.certificate,
    'ca-private.key': ca.key,
    'ca-root.crt': ca.certificate,
  };
}

async function selfSigned(
  isCa: boolean,
  notBefore: Date,
  notAfter: Date,
): Promise<{ key: string; certificate: string }> {
  const keys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
    new x509.BasicConstraintsExtension(isCa, undefined, isCa),
    isCa
      ? new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature |
            x509.KeyUsageFlags.cRLSign |
            x509.KeyUsageFlags.keyCertSign,
          true,
        )
      : new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          false,
        ),
  ];
  if (!isCa) {
    extensions.push(
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
    );
  }
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: 'O=cluster.local',
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: RSA,
      extensions,
    },
    webcrypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    certificate: certificate.toString('pem'),
  };
}

/** A positive serial of 16 random bytes, as hex. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
