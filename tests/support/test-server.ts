import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Points the server code at a fresh data folder and a known session password. Import
// this before any route module in a test file (each test file runs in its own process).
export function useTestServer(extra: Record<string, string> = {}): { dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-test-"));
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    SESSION_PASSWORD: "test-password-that-is-at-least-32-characters-long",
    BACKEND: "local",
    ...extra,
  });
  const g = globalThis as Record<string, unknown>;
  delete g.__vsoEngine;
  delete g.__vsoBackend;
  return { dataDir };
}

/** The test server's database, read-only, for checking rows the engine's API does not show. */
export function readTestDb(dataDir = process.env.DATA_DIR!): Database.Database {
  return new Database(path.join(dataDir, "vso.sqlite"), { readonly: true });
}

/** A tiny cookie jar: keeps what responses set, sends it back. */
export class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  request(url: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    headers.set("x-vso-client-ip", headers.get("x-vso-client-ip") ?? "127.0.0.1");
    return new Request(new URL(url, "http://localhost:3000"), { ...init, headers });
  }
}

export const noParams = { params: Promise.resolve({}) } as { params: Promise<never> };
export const withParams = <P>(p: P) => ({ params: Promise.resolve(p) });
