import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module shared with scripts/server.mjs
import { applyHttpLimits } from "./http-limits.mjs";

// Slow-client attacks on the public server (issue 14, finding 4), against the limits
// scripts/server.mjs puts on its socket server. Before them, requestTimeout = 0 and no
// inactivity timeout let a client that stopped mid-body hold its socket forever.

let server: http.Server;
afterEach(() => new Promise<void>((r) => server.close(() => r())));

async function start(env: Record<string, string>): Promise<number> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  applyHttpLimits(server, env);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as net.AddressInfo).port;
}

const closed = (socket: net.Socket) =>
  new Promise<string>((resolve) => socket.once("close", () => resolve("closed")));

describe("socket limits", () => {
  it("closes a socket that stops sending halfway through a body", async () => {
    const port = await start({ SOCKET_IDLE_TIMEOUT_S: "0.3" });
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"message":');
    expect(await closed(socket)).toBe("closed");
  });

  it("keeps a socket whose bytes keep coming, however long the body", async () => {
    const port = await start({ SOCKET_IDLE_TIMEOUT_S: "0.3" });
    const chunk = Buffer.alloc(64 * 1024, 1);
    const count = 200;
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          port,
          host: "127.0.0.1",
          method: "POST",
          path: "/api/upload",
          headers: { "content-length": chunk.length * count },
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      let sent = 0;
      const pump = () => {
        while (sent < count) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(res).toBe(200);
  });

  it("caps open connections: one over the limit is closed on arrival", async () => {
    const port = await start({ MAX_CONNECTIONS: "2", SOCKET_IDLE_TIMEOUT_S: "30" });
    const open = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(port, "127.0.0.1", () => resolve(s));
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 50)); // let the server accept both
    const extra = net.connect(port, "127.0.0.1");
    extra.on("error", () => undefined);
    expect(await closed(extra)).toBe("closed");
    expect(open.every((s) => !s.destroyed)).toBe(true);
    open.forEach((s) => s.destroy());
  });
});
