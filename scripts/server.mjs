// Production server: Next.js behind a plain Node http server, so that
//  - the client address comes from the socket (x-vso-client-ip, never from the client),
//  - 4 GB uploads are not cut off by Node's default 5-minute request timeout,
//  - upload routes can read a request body straight from the socket (see below),
//  - garbage collection keeps up with uploads at disk speed (see below).
import { randomUUID } from "node:crypto";
import http from "node:http";
import v8 from "node:v8";
import next from "next";
import { applyHttpLimits } from "./http-limits.mjs";
import { applySecurityHeaders, securityHeaders } from "./security-headers.mjs";

// Every body chunk arrives as a fresh 64 KB buffer, and V8 counts that memory towards its
// next full collection. With Next.js loaded the heap holds ~60 MB, and under load V8 let
// it grow only ~1.1-1.4x before collecting again: a full mark every ~25 MB received, half
// of the request thread's time during a 500 MB upload. Letting the heap double between
// full collections leaves a handful per upload (bench/upload.ts, bench/README.md).
v8.setFlagsFromString("--heap-growing-percent=100");

// Request bodies straight from the socket: a route handler normally reads its body as the
// web stream Next.js builds around this request (a copy and several promise hops per
// chunk). Each request with a body is registered under a random id sent along in a header;
// lib/server/http/request-body.ts takes it from there. A client can neither choose nor
// reuse an id: the header is always replaced.
const BODY_ID_HEADER = "x-vso-body-id";
const bodies = (globalThis[Symbol.for("vso.requestBodies")] ??= new Map());

const port = Number(process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");
// `npm run dev` listens on this machine only: a dev server has eval on and no limits tuned.
const hostname = process.env.HOST ?? (dev ? "127.0.0.1" : "0.0.0.0");
const headers = securityHeaders(process.env, { dev });

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  applySecurityHeaders(res, headers);
  req.headers["x-vso-client-ip"] = req.socket.remoteAddress ?? "unknown";
  delete req.headers[BODY_ID_HEADER];
  if (req.method === "POST" || req.method === "PUT" || req.method === "PATCH") {
    const id = randomUUID();
    bodies.set(id, req);
    req.headers[BODY_ID_HEADER] = id;
    res.once("close", () => bodies.delete(id));
  }
  handle(req, res);
});
// Uploads and SSE streams may run long, but an idle socket is closed and connections are capped.
applyHttpLimits(server);
server.listen(port, hostname, async () => {
  // Open the engine now (not at the first visitor) so interrupted renders are settled.
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (!res.ok) console.error(`Start-up check answered HTTP ${res.status}: ${await res.text()}`);
  } catch (err) {
    console.error("Start-up check failed:", err);
  }
  console.log(
    `Video Skill Online is ready on http://localhost:${port} (backend: ${process.env.BACKEND ?? "local"})`,
  );
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
