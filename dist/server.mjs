import { createRequire as __meshPerfCreateRequire } from 'node:module';
const require = __meshPerfCreateRequire(import.meta.url);

// src/errors.ts
var ExitCode = {
  Pass: 0,
  Regression: 1,
  InvalidInput: 2,
  Infrastructure: 3
};
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/server/echoServer.ts
import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { performance } from "node:perf_hooks";
var KEEP_ALIVE_TIMEOUT_MS = 65e3;
var HEADERS_TIMEOUT_MS = 66e3;
var DEFAULT_GRACE_MS = 5e3;
var MAX_ECHO_BYTES = 16 * 1024 * 1024;
var HEALTH_BODY = Buffer.from("ok\n");
var DEBUG_HEADERS_PATH = "/debug/headers";
function debugHeadersBody(headers) {
  const flat = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== void 0) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return Buffer.from(JSON.stringify({ headers: flat }));
}
async function startEchoServer(options) {
  const server = await createServer(options);
  const payload = Buffer.alloc(options.payloadBytes, 120);
  const payloadHeaders = bodyHeaders(payload.length);
  const clock = stallClock(options);
  let closing;
  server.on("request", (req, res) => {
    const arrivedAt = performance.now();
    if (closing) res.shouldKeepAlive = false;
    if (req.method === "GET" && req.url === "/healthz") {
      req.resume();
      res.writeHead(200, bodyHeaders(HEALTH_BODY.length, "text/plain")).end(HEALTH_BODY);
      return;
    }
    if (req.method === "GET" && req.url === DEBUG_HEADERS_PATH) {
      req.resume();
      const body = debugHeadersBody(req.headers);
      res.writeHead(200, bodyHeaders(body.length, "application/json")).end(body);
      return;
    }
    const chunks = [];
    let received = 0;
    let timer;
    res.on("close", () => {
      clearTimeout(timer);
    });
    req.on("data", (chunk) => {
      received += chunk.length;
      if (received <= MAX_ECHO_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (res.destroyed) return;
      if (received > MAX_ECHO_BYTES) {
        res.writeHead(413, bodyHeaders(0)).end();
        return;
      }
      const releaseAt = clock.releaseAt(arrivedAt);
      const answer = () => {
        const remaining = releaseAt - performance.now();
        if (remaining > 0) {
          timer = setTimeout(answer, Math.max(1, Math.ceil(remaining)));
          return;
        }
        if (closing) res.shouldKeepAlive = false;
        if (received === 0) {
          res.writeHead(200, payloadHeaders).end(payload);
        } else {
          res.writeHead(200, bodyHeaders(received)).end(Buffer.concat(chunks, received));
        }
      };
      timer = setTimeout(answer, Math.max(0, releaseAt - performance.now()));
    });
  });
  const port = await listen(server, options.host, options.port);
  const hostInUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    port,
    url: `${options.tls ? "https" : "http"}://${hostInUrl}:${port}`,
    close(graceMs = DEFAULT_GRACE_MS) {
      closing ??= new Promise((resolve) => {
        const force = setTimeout(() => {
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    }
  };
}
async function createServer(options) {
  const httpOptions = {
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS
  };
  const tls = options.tls;
  let server;
  if (!tls) {
    server = http.createServer(httpOptions);
  } else {
    const [cert, key, ca] = await readTlsFiles([
      [tls.certFile, "tls.certFile"],
      [tls.keyFile, "tls.keyFile"],
      [tls.caFile, "tls.caFile"]
    ]);
    if (tls.requireClientCert && !ca) {
      throw new Error("tls.caFile is required when tls.requireClientCert is true");
    }
    server = https.createServer({
      ...httpOptions,
      cert,
      key,
      minVersion: "TLSv1.3",
      ...tls.requireClientCert ? { ca, requestCert: true, rejectUnauthorized: true } : {}
    });
  }
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.maxRequestsPerSocket = 0;
  return server;
}
async function readTlsFiles(files) {
  const reads = await Promise.allSettled(
    files.map(([file]) => file === void 0 ? Promise.resolve(void 0) : readFile(file))
  );
  const problems = reads.flatMap((read, i) => {
    const [file, field] = files[i] ?? [void 0, ""];
    if (read.status === "fulfilled") return [];
    const code = read.reason?.code ?? "error";
    return [`${field}: cannot read ${file ?? ""} (${code})`];
  });
  if (problems.length > 0) throw new Error(problems.join("; "));
  return reads.map((read) => read.status === "fulfilled" ? read.value : void 0);
}
function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.removeListener("error", onError);
      resolve(server.address().port);
    });
  });
}
function bodyHeaders(length, type = "application/octet-stream") {
  return { "content-type": type, "content-length": length };
}
function stallClock(options) {
  const stall = options.stall;
  let start;
  return {
    releaseAt(arrivedAt) {
      start ??= arrivedAt;
      if (stall) {
        const from = start + stall.afterMs;
        const until = from + stall.forMs;
        if (arrivedAt >= from && arrivedAt < until) return until + options.delayMs;
      }
      return arrivedAt + options.delayMs;
    }
  };
}

// src/server/serverMain.ts
var USAGE = `usage: node server.mjs '{"host":"127.0.0.1","port":0,"delayMs":200,"payloadBytes":1024}'`;
var MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
var MIN_GRACE_MS = 5e3;
var OptionsError = class extends Error {
  name = "OptionsError";
};
function parseServerOptions(argv) {
  if (argv.length !== 1 || argv[0] === void 0) {
    throw new OptionsError(`expected exactly one argument, the options as JSON
${USAGE}`);
  }
  let raw;
  try {
    raw = JSON.parse(argv[0]);
  } catch (error) {
    throw new OptionsError(`options: not valid JSON (${messageOf(error)})
${USAGE}`);
  }
  const root = object(raw, "options", ["host", "port", "delayMs", "payloadBytes", "tls", "stall"]);
  const options = {
    host: root.host === void 0 ? "127.0.0.1" : text(root.host, "host"),
    port: root.port === void 0 ? 0 : integer(root.port, "port", 0, 65535),
    delayMs: number(root.delayMs, "delayMs", 0),
    payloadBytes: integer(root.payloadBytes, "payloadBytes", 0, MAX_PAYLOAD_BYTES)
  };
  if (root.tls !== void 0) {
    const tls = object(root.tls, "tls", ["certFile", "keyFile", "caFile", "requireClientCert"]);
    if (typeof tls.requireClientCert !== "boolean") {
      throw new OptionsError(
        `tls.requireClientCert: expected true or false, got ${show(tls.requireClientCert)}`
      );
    }
    options.tls = {
      certFile: text(tls.certFile, "tls.certFile"),
      keyFile: text(tls.keyFile, "tls.keyFile"),
      requireClientCert: tls.requireClientCert
    };
    if (tls.caFile !== void 0) options.tls.caFile = text(tls.caFile, "tls.caFile");
    if (tls.requireClientCert && tls.caFile === void 0) {
      throw new OptionsError("tls.caFile: required when tls.requireClientCert is true");
    }
  }
  if (root.stall !== void 0) {
    const stall = object(root.stall, "stall", ["afterMs", "forMs"]);
    options.stall = {
      afterMs: number(stall.afterMs, "stall.afterMs", 0),
      forMs: number(stall.forMs, "stall.forMs", 0)
    };
  }
  return options;
}
function object(value, field, known) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new OptionsError(`${field}: expected a JSON object, got ${show(value)}`);
  }
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    const prefix = field === "options" ? "" : `${field}.`;
    throw new OptionsError(
      `${prefix}${unknown.join(", ")}: unknown field(s); allowed: ${known.join(", ")}`
    );
  }
  return value;
}
function text(value, field) {
  if (typeof value !== "string" || value === "") {
    throw new OptionsError(`${field}: expected a non-empty string, got ${show(value)}`);
  }
  return value;
}
function number(value, field, min) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new OptionsError(`${field}: expected a number >= ${min}, got ${show(value)}`);
  }
  return value;
}
function integer(value, field, min, max) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(
      `${field}: expected an integer from ${min} to ${max}, got ${show(value)}`
    );
  }
  return value;
}
function show(value) {
  return value === void 0 ? "nothing" : JSON.stringify(value);
}
async function main(argv) {
  process.on("uncaughtException", fail);
  let options;
  try {
    options = parseServerOptions(argv);
  } catch (error) {
    process.stderr.write(`server: ${messageOf(error)}
`);
    process.exit(ExitCode.InvalidInput);
  }
  const server = await startEchoServer(options);
  process.stdout.write(
    `${JSON.stringify({ type: "listening", port: server.port, pid: process.pid })}
`
  );
  const graceMs = Math.max(MIN_GRACE_MS, options.delayMs + 1e3);
  const stop = () => {
    void server.close(graceMs).then(() => process.exit(ExitCode.Pass));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
function fail(error) {
  process.stderr.write(`server: ${messageOf(error)}
`);
  process.exit(ExitCode.Infrastructure);
}
main(process.argv.slice(2)).catch(fail);
