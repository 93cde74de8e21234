import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadServerEnv } from "./env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-env-"));

describe("loadServerEnv", () => {
  it("refuses to start in production without SESSION_PASSWORD", () => {
    expect(() => loadServerEnv({ NODE_ENV: "production", DATA_DIR: tmp() })).toThrow(/SESSION_PASSWORD is required/);
  });

  it("refuses a short SESSION_PASSWORD", () => {
    expect(() => loadServerEnv({ NODE_ENV: "production", SESSION_PASSWORD: "short", DATA_DIR: tmp() })).toThrow(
      /at least 32/,
    );
  });

  it("makes and keeps a development password so restarts keep sessions", () => {
    const dir = tmp();
    const a = loadServerEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const b = loadServerEnv({ NODE_ENV: "development", DATA_DIR: dir });
    expect(a.SESSION_PASSWORD.length).toBeGreaterThanOrEqual(32);
    expect(b.SESSION_PASSWORD).toBe(a.SESSION_PASSWORD);
  });

  it("names the bad variable", () => {
    expect(() => loadServerEnv({ BACKEND: "cloud", DATA_DIR: tmp() })).toThrow(/BACKEND/);
  });
});
