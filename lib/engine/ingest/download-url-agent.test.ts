import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadUrl, publicOnly } from "./download-url";

// A pooled keep-alive socket must not carry an import past the address checks (issue
// 14, finding 10). Before, imports used Node's global agent, which keeps sockets alive:
// once anything in the server had talked to an internal service through it (an LLM
// endpoint, a metadata service), an import of that host reused the open socket, and
// neither the DNS check nor the connect check ran.

let internal: http.Server;
let port = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-agent-"));

beforeAll(async () => {
  internal = http.createServer((_req, res) =>
    res.writeHead(200, { "content-type": "video/mp4" }).end("internal secret"),
  );
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
  port = (internal.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => internal.close(r)));

describe("URL import agent", () => {
  it("refuses an internal host even while the global agent holds an open socket to it", async () => {
    // Some other part of the server talks to the internal service with keep-alive.
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: "localhost", port, path: "/health", agent: http.globalAgent }, (res) => {
          res.resume();
          res.on("end", resolve);
        })
        .on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 20)); // the socket goes back to the pool
    const pooled = Object.values(http.globalAgent.freeSockets).flat().length;
    expect(pooled).toBeGreaterThan(0);

    const err = await downloadUrl(`http://localhost:${port}/secret.mp4`, path.join(dir, "out"), {
      maxBytes: 1024,
      timeoutMs: 5000,
      allowAddress: publicOnly,
      lookup: (_h, _o, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]),
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/private or local network addresses/);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    http.globalAgent.destroy();
  });
});
