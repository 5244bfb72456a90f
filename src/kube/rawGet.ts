// A plain GET against the API server with the kubeconfig's credentials, for paths the generated
// client cannot spell: its node-proxy call percent-encodes the "/" of "stats/summary" and takes no
// query string, so `only_cpu_and_memory=true` (the cheap Summary the metrics pipeline uses) needs
// this. The same TLS and auth code of @kubernetes/client-node applies (applyToHTTPSOptions).
import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { KubeRequestError } from './kubeErrors.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface RawResponse {
  contentType: string;
  body: string;
}

/** GETs `path` (with its query) from the current cluster; non-2xx answers are KubeRequestErrors. */
export async function rawGet(
  kc: KubeConfig,
  path: string,
  timeoutMs: number,
): Promise<RawResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server);
  const [pathname = '', query] = path.split('?');
  // The server URL may carry a path prefix (a proxy in front of the API server): keep it.
  url.pathname = `${url.pathname.replace(/\/$/, '')}${pathname}`;
  url.search = query === undefined ? '' : `?${query}`;
  const options: https.RequestOptions = { headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<RawResponse>((resolve, reject) => {
    const request = transport.get(url, { ...options, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(statusError(status, body));
          return;
        }
        resolve({ contentType: response.headers['content-type'] ?? '', body });
      });
    });
    request.on('timeout', () => {
      request.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    });
    request.on('error', reject);
  });
}

function statusError(status: number, body: string): KubeRequestError {
  let reason: string | null = null;
  let message: string | null = null;
  try {
    const parsed = JSON.parse(body) as { reason?: unknown; message?: unknown };
    if (typeof parsed.reason === 'string') reason = parsed.reason;
    if (typeof parsed.message === 'string') message = parsed.message.slice(0, 200);
  } catch {
    // Not a Status object (a proxy's HTML page, say): the status code alone has to do.
  }
  return new KubeRequestError(status, reason, message);
}
