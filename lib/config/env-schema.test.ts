import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema, parseEnv } from "./env-schema";

describe("env schema", () => {
  it("documents every setting in .env.example", () => {
    const example = fs.readFileSync(path.resolve(__dirname, "../../.env.example"), "utf8");
    const documented = new Set(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]),
    );
    const missing = Object.keys(envSchema.shape).filter(
      (k) => k !== "NODE_ENV" && !documented.has(k),
    );
    expect(missing).toEqual([]);
  });

  it("defaults to the embedded engine with a 4 GB upload limit", () => {
    const env = parseEnv({});
    expect(env.BACKEND).toBe("local");
    expect(env.MAX_UPLOAD_MB).toBe(4096);
    expect(env.TRANSCRIBER).toBe("auto");
  });

  it("keeps the cloud's 500 MB limit for the nemo backend, and an explicit MAX_UPLOAD_MB for either", () => {
    expect(parseEnv({ BACKEND: "nemo" }).MAX_UPLOAD_MB).toBe(500);
    expect(parseEnv({ BACKEND: "nemo", MAX_UPLOAD_MB: "100" }).MAX_UPLOAD_MB).toBe(100);
    expect(parseEnv({ MAX_UPLOAD_MB: "8192" }).MAX_UPLOAD_MB).toBe(8192);
  });

  it.each([
    ["BACKEND", "cloud"],
    ["MAX_UPLOAD_MB", "lots"],
    ["QUEUE", "kafka"],
    ["CREDITS_ENABLED", "maybe"],
  ])("names a bad %s", (key, value) => {
    expect(() => parseEnv({ [key]: value })).toThrow(new RegExp(key));
  });
});
