import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestGguf } from "@/tests/support/engine/make-test-gguf";
import { startTestServer, type TestServer } from "@/tests/support/engine/test-http-server";

// start.sh runs this before serving when PLANNER=llama: a tiny GGUF from a server on
// 127.0.0.1 stands in for the real model.
const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-fetch-llama-"));
const MODEL = fs.readFileSync(makeTestGguf(path.join(dir, "src.gguf"), { prefer: "a" }));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(
    (_req, res) => void res.writeHead(200, { "content-length": MODEL.length }).end(MODEL),
  );
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fetchScript = (env: Record<string, string>) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/fetch-llama-model.ts"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir, ...env },
  });

describe("fetch-llama-model", () => {
  it("downloads the model with progress and checks it", async () => {
    const sha = crypto.createHash("sha256").update(MODEL).digest("hex");
    const { stderr } = await fetchScript({
      LLAMA_MODEL_URL: `${server.url}/m/tiny.gguf`,
      LLAMA_MODEL_SHA256: sha,
    });
    expect(stderr).toContain("downloading: 100%");
    expect(stderr).toMatch(/ready\.\n$/);
    expect(fs.readFileSync(path.join(dir, "models", "tiny.gguf")).equals(MODEL)).toBe(true);
  });

  it("exits 1 with a sentence when the model cannot be fetched", async () => {
    const failed = await fetchScript({
      LLAMA_MODEL: path.join(dir, "off.gguf"),
      LLAMA_MODEL_URL: "http://127.0.0.1:9/off.gguf",
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /may be offline\. Download it elsewhere and set LLAMA_MODEL to its path, or set PLANNER=rules\./,
      ),
    });
  });
});
