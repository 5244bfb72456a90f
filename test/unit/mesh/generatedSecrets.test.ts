// The Secrets generated when their step runs: Cilium's IPsec key in the documented format, and the
// ztunnel bootstrap certificate and CA as generate-secrets.sh makes them (RSA 2048, O=cluster.local,
// PKCS#8 keys, CA constraints), fresh on every call.
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ciliumIpsecKey, generateSecret } from '../../../src/mesh/generatedSecrets.js';

describe('cilium-ipsec-keys', () => {
  it('is "3+ rfc4106(gcm(aes)) <20 random bytes> 128", different every time', async () => {
    expect(ciliumIpsecKey()).toMatch(/^3\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128$/);
    expect(ciliumIpsecKey()).not.toBe(ciliumIpsecKey());
    const secret = await generateSecret({
      namespace: 'kube-system',
      name: 'cilium-ipsec-keys',
      generator: 'cilium-ipsec-keys',
    });
    expect(secret).toMatchObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cilium-ipsec-keys', namespace: 'kube-system' },
      type: 'Opaque',
    });
    expect(Object.keys(secret.stringData as object)).toEqual(['keys']);
  });
});

describe('cilium-ztunnel-secrets', () => {
  it('holds a bootstrap certificate and a CA with their PKCS#8 RSA keys', async () => {
    const secret = await generateSecret({
      namespace: 'kube-system',
      name: 'cilium-ztunnel-secrets',
      generator: 'cilium-ztunnel-secrets',
    });
    const data = secret.stringData as Record<string, string>;
    expect(Object.keys(data).sort()).toEqual([
      'bootstrap-private.key',
      'bootstrap-root.crt',
      'ca-private.key',
      'ca-root.crt',
    ]);

    for (const [keyName, certName, isCa] of [
      ['bootstrap-private.key', 'bootstrap-root.crt', false],
      ['ca-private.key', 'ca-root.crt', true],
    ] as const) {
      expect(data[keyName]).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const key = createPrivateKey(data[keyName] ?? '');
      expect(key.asymmetricKeyType).toBe('rsa');
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      const cert = new X509Certificate(data[certName] ?? '');
      expect(cert.subject).toBe('O=cluster.local');
      expect(cert.checkPrivateKey(key)).toBe(true);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.ca).toBe(isCa);

      const parsed = new x509.X509Certificate(data[certName] ?? '');
      const usage = parsed.getExtension(x509.KeyUsagesExtension);
      if (isCa) {
        expect(usage?.critical).toBe(true);
        expect(usage?.usages).toBe(
          x509.KeyUsageFlags.digitalSignature |
            x509.KeyUsageFlags.cRLSign |
            x509.KeyUsageFlags.keyCertSign,
        );
        expect(parsed.getExtension(x509.BasicConstraintsExtension)?.critical).toBe(true);
      } else {
        expect(usage?.usages).toBe(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        );
        expect(cert.subjectAltName).toBe('DNS:localhost');
        expect(parsed.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
          x509.ExtendedKeyUsage.serverAuth,
          x509.ExtendedKeyUsage.clientAuth,
        ]);
      }
    }
    const again = (
      await generateSecret({
        namespace: 'kube-system',
        name: 'cilium-ztunnel-secrets',
        generator: 'cilium-ztunnel-secrets',
      })
    ).stringData as Record<string, string>;
    expect(again['ca-private.key']).not.toBe(data['ca-private.key']);
  });
});
