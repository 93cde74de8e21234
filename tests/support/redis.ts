import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Test support: a throwaway redis-server on a free loopback port, no persistence, its
// files in a temp folder. `stop()` kills it and removes the folder; it is also killed
// when the test process exits, so a failing test never leaves one behind.
// (scripts/setup.sh --test installs redis-server on a fresh machine.)

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();
process.once("exit", () => started.forEach((c) => c.kill("SIGKILL")));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.once("error", () => resolve(false));
    sock.once("connect", () => sock.write("PING\r\n"));
    sock.once("data", (d) => {
      sock.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
  });
}

export async function startRedis(): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-redis-"));
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    started.add(child);
    let exited = false;
    child.once("exit", () => (exited = true));
    child.once("error", () => (exited = true));
    for (let i = 0; i < 100 && !exited; i++) {
      if (await ping(port)) {
        return {
          url: `redis://127.0.0.1:${port}`,
          port,
          async stop() {
            started.delete(child);
            if (!exited) {
              const gone = new Promise((r) => child.once("exit", r));
              child.kill("SIGKILL");
              await gone;
            }
            fs.rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    started.delete(child);
    child.kill("SIGKILL"); // port taken meanwhile or slow start: try another port
  }
  fs.rmSync(dir, { recursive: true, force: true });
  throw new Error(
    "redis-server did not start (is it installed? scripts/setup.sh --test installs it)",
  );
}
