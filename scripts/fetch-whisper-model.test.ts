import crypto from "node:crypto";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GGML_MAGIC } from "@/lib/engine/transcribe/fetch-model";
import { startTestServer, type TestServer } from "@/tests/support/engine/test-http-server";

// What `npm run start:local` does about the whisper model before the server starts,
// against a local server standing in for the model host (tests never download).
const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const MODEL = Buffer.concat([GGML_MAGIC, crypto.randomBytes(48 * 1024)]);
const SHA = crypto.createHash("sha256").update(MODEL).digest("hex");
let server: TestServer;
const hits: string[] = [];

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-length": MODEL.length });
    res.end(req.method === "HEAD" ? undefined : MODEL);
  });
});
afterAll(() => server.close());

async function start(env: Record<string, string>, ...args: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-fetch-whisper-"));
  // stdin is a pipe here, as under a service manager: never a prompt.
  const out = await run(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/fetch-whisper-model.ts", ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        TRANSCRIBER: "auto",
        WHISPER_MODEL: "",
        WHISPER_CACHE_DIR: "",
        ...env,
      },
    },
  );
  return { ...out, models: path.join(dataDir, "models") };
}

describe("scripts/fetch-whisper-model.ts (npm run start:local)", () => {
  it("offline: skips quietly and at once, and downloads nothing", async () => {
    const r = await start({ WHISPER_MODEL_URL: "http://127.0.0.1:9/ggml-base.bin" });
    expect(r.stderr).toBe("");
    expect(fs.existsSync(path.join(r.models, "ggml-base.bin"))).toBe(false);
  });

  it("online without a terminal: does not wait for an answer, says how to fetch it now", async () => {
    const r = await start({ WHISPER_MODEL_URL: `${server.url}/m/ggml-base.bin` });
    expect(r.stderr).toMatch(
      /whisper speech model "base" \(0 MB\) is downloaded on first use; run "npx tsx scripts\/fetch-whisper-model\.ts --yes"/,
    );
    expect(fs.existsSync(path.join(r.models, "ggml-base.bin"))).toBe(false);
  });

  it("--yes downloads it, checked against WHISPER_MODEL_SHA256, and then there is nothing left to offer", async () => {
    const env = { WHISPER_MODEL_URL: `${server.url}/m/ggml-small.bin`, WHISPER_MODEL_SHA256: SHA };
    const r = await start(env, "--yes");
    expect(r.stderr).toMatch(/downloading: 100%.*\n {2}ready: .*ggml-small\.bin/s);
    expect(fs.readFileSync(path.join(r.models, "ggml-small.bin")).equals(MODEL)).toBe(true);
    const before = hits.length;
    const again = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/fetch-whisper-model.ts"],
      {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          TRANSCRIBER: "auto",
          DATA_DIR: path.dirname(r.models),
          WHISPER_MODEL: "",
          WHISPER_CACHE_DIR: "",
        },
      },
    );
    expect(again.stderr).toBe("");
    expect(hits.length).toBe(before);
  });

  it("does nothing when captions do not use whisper", async () => {
    const before = hits.length;
    const r = await start({
      TRANSCRIBER: "pocketsphinx",
      WHISPER_MODEL_URL: `${server.url}/m/ggml-base.bin`,
    });
    expect(r.stderr).toBe("");
    const service = await start({
      TRANSCRIBE_BASE_URL: "http://127.0.0.1:9/v1",
      WHISPER_MODEL_URL: `${server.url}/m/ggml-base.bin`,
    });
    expect(service.stderr).toBe("");
    expect(hits.length).toBe(before);
  });
});

describe("scripts/fetch-whisper-model.ts in a terminal", () => {
  // util-linux `script` gives the child a terminal, as `npm run start:local` typed in a shell has.
  const inTerminal = (env: Record<string, string>, answer: string) =>
    new Promise<string>((resolve, reject) => {
      const cmd = `cd '${root}' && ./node_modules/.bin/tsx scripts/fetch-whisper-model.ts`;
      const child = spawn("script", ["-qec", cmd, "/dev/null"], {
        env: {
          ...process.env,
          TRANSCRIBER: "auto",
          WHISPER_MODEL: "",
          WHISPER_CACHE_DIR: "",
          ...env,
        },
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("[Y/n]") && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
      });
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });

  it("asks first; no keeps the machine as it is, yes downloads", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-fetch-whisper-tty-"));
    const env = {
      DATA_DIR: dataDir,
      WHISPER_MODEL_URL: `${server.url}/m/ggml-base.bin`,
      WHISPER_MODEL_SHA256: SHA,
    };
    const no = await inTerminal(env, "n");
    expect(no).toMatch(
      /Download the whisper speech model "base" \(0 MB\) now, for better captions in 99 languages\? \[Y\/n\]/,
    );
    expect(no).toMatch(/Skipped: it is downloaded the first time you ask for captions/);
    expect(fs.existsSync(path.join(dataDir, "models", "ggml-base.bin"))).toBe(false);
    const yes = await inTerminal(env, "y");
    expect(yes).toMatch(/ready: .*ggml-base\.bin/);
    expect(fs.readFileSync(path.join(dataDir, "models", "ggml-base.bin")).equals(MODEL)).toBe(true);
  }, 60_000);
});
