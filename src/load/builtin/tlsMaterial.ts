// Reads the TLS files of a LoadSpec once, up front, into plain strings that can be handed to every
// connection and cloned into worker threads (so no file is read per request or per worker).
import { readFile } from 'node:fs/promises';
import type { TlsFiles } from '../types.js';

export interface TlsMaterial {
  ca: string;
  cert?: string;
  key?: string;
  servername?: string;
}

async function pem(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`tls.${field}: cannot read ${file}`, { cause: error });
  }
}

export async function readTlsMaterial(tls: TlsFiles | undefined): Promise<TlsMaterial | undefined> {
  if (!tls) return undefined;
  const material: TlsMaterial = { ca: await pem(tls.caFile, 'caFile') };
  if (tls.certFile !== undefined) material.cert = await pem(tls.certFile, 'certFile');
  if (tls.keyFile !== undefined) material.key = await pem(tls.keyFile, 'keyFile');
  if (tls.serverName !== undefined) material.servername = tls.serverName;
  return material;
}
