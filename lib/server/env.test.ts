import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadServerEnv } from "./env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-env-"));

describe("loadServerEnv", () => {
  it("refuses to start in production without SESSION_PASSWORD", () => {
    expect(() => loadServerEnv({ NODE_ENV: "production", DATA_DIR: tmp() })).toThrow(
      /SESSION_PASSWORD is required/,
    );
  });

  it("refuses a short SESSION_PASSWORD", () => {
    expect(() =>
      loadServerEnv({ NODE_ENV: "production", SESSION_PASSWORD: "short", DATA_DIR: tmp() }),
    ).toThrow(/at least 32/);
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

describe("the operator's cloud token (issue 14, finding 6)", () => {
  it("refuses to start a public server that would let every visitor spend NEMO_TOKEN", () => {
    expect(() =>
      loadServerEnv({ BACKEND: "nemo", NEMO_TOKEN: "nmv_usr_operator", DATA_DIR: tmp() }),
    ).toThrow(/every visitor spend.*PRIVATE_DEPLOYMENT=true/);
  });

  it("starts with NEMO_TOKEN when the deployment says it is private, and without NEMO_TOKEN anyway", () => {
    expect(
      loadServerEnv({
        BACKEND: "nemo",
        NEMO_TOKEN: "nmv_usr_operator",
        PRIVATE_DEPLOYMENT: "true",
        DATA_DIR: tmp(),
      }).NEMO_TOKEN,
    ).toBe("nmv_usr_operator");
    expect(loadServerEnv({ BACKEND: "nemo", DATA_DIR: tmp() }).BACKEND).toBe("nemo");
  });
});
