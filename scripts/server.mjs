// Production server: Next.js behind a plain Node http server, so that
//  - the client address comes from the socket (x-vso-client-ip, never from the client),
//  - 500 MB uploads are not cut off by Node's default 5-minute request timeout.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const dev = process.argv.includes("--dev");

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-vso-client-ip"] = req.socket.remoteAddress ?? "unknown";
  handle(req, res);
});
server.requestTimeout = 0; // uploads and SSE streams can run long; idle sockets still time out
server.headersTimeout = 60_000;
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, async () => {
  // Open the engine now (not at the first visitor) so interrupted renders are settled.
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (!res.ok) console.error(`Start-up check answered HTTP ${res.status}: ${await res.text()}`);
  } catch (err) {
    console.error("Start-up check failed:", err);
  }
  console.log(`Video Skill Online is ready on http://localhost:${port} (backend: ${process.env.BACKEND ?? "local"})`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
