// The program a probe pod runs (`node -e`, Node built-ins only, on the stock Node image): it makes
// each requested GET once (retrying refusals a bounded number of times), then prints one marked
// JSON line per request with what it saw: the response's status, headers, body and TLS handshake,
// or how the connection was refused, or that nothing answered in time. Verifiers judge those lines.
// It is plain JavaScript in a string because it is shipped inside the Pod spec, not bundled; the
// integration test runs this exact text with node against loopback servers.

/** Prefix of each result line in the probe pod's log. */
export const PROBE_MARK = 'mesh-perf-probe ';

/** The environment variable carrying the probe's JSON spec (ProbeSpec in probePod.ts). */
export const PROBE_SPEC_ENV = 'MESH_PERF_PROBE_SPEC';

export const PROBE_SCRIPT = String.raw`'use strict';
const http = require('node:http');
const https = require('node:https');
const fs = require('node:fs');
const net = require('node:net');
const MARK = ${JSON.stringify(PROBE_MARK)};
const MAX_BODY = 65536;
const spec = JSON.parse(process.env[${JSON.stringify(PROBE_SPEC_ENV)}] || '{}');
const timeoutMs = Number(spec.timeoutMs) > 0 ? Number(spec.timeoutMs) : 5000;

function describe(error) {
  const code = error && error.code ? String(error.code) : '';
  const message = error && error.message ? String(error.message).split('\n')[0] : String(error);
  return code && !message.includes(code) ? code + ': ' + message : message;
}

function flatHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function once(request) {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const options = { method: 'GET', agent: false, headers: { connection: 'close' } };
    if (secure) {
      const tls = request.tls || {};
      const serverName = tls.serverName || url.hostname;
      if (tls.caFile) options.ca = fs.readFileSync(tls.caFile);
      if (tls.certFile) options.cert = fs.readFileSync(tls.certFile);
      if (tls.keyFile) options.key = fs.readFileSync(tls.keyFile);
      if (!net.isIP(serverName)) options.servername = serverName;
      options.checkServerIdentity = (_host, cert) => require('node:tls').checkServerIdentity(serverName, cert);
      // Judged from the reported handshake instead, so that the verifier can say what was wrong.
      options.rejectUnauthorized = false;
    }
    let settled = false;
    let handshake = null;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (chunk) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      const done = () => finish({
        kind: 'response',
        status: res.statusCode || 0,
        headers: flatHeaders(res.headers),
        body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
        tls: handshake,
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.on('socket', (socket) => {
      if (!secure) return;
      socket.once('secureConnect', () => {
        handshake = {
          protocol: socket.getProtocol() || null,
          authorized: socket.authorized === true,
          authorizationError: socket.authorized ? null : String(socket.authorizationError),
        };
      });
    });
    req.on('error', (error) => finish({ kind: 'refused', reason: describe(error) }));
    req.end();
  });
}

async function main() {
  for (const request of spec.requests || []) {
    const attempts = Math.max(1, Math.min(30, Number(request.attempts) || 1));
    let outcome;
    let attempt = 0;
    while (attempt < attempts) {
      attempt += 1;
      outcome = await once(request);
      if (outcome.kind === 'response') break;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(MARK + JSON.stringify(Object.assign({ name: request.name, attempts: attempt }, outcome)));
  }
}

main().catch((error) => {
  console.log(MARK + JSON.stringify({ name: 'probe', attempts: 0, kind: 'error', reason: describe(error) }));
  process.exitCode = 1;
});
`;
