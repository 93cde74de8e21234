import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/tests/support/engine/test-http-server";
import { emptyContext } from "../planner-context";
import {
  DEFAULT_LLAMA_MODEL_SHA256,
  downloadLlamaModel,
  llamaModelChecksum,
  llamaModelPath,
  llamaModelStatus,
  type LlamaModelConfig,
} from "./llama-model-file";
import { createLlamaPlanner } from "./llama-planner";
import { unloadLlamaModels } from "./llama-runtime";
import { EXPORTER, makeTestGguf } from "@/tests/support/engine/make-test-gguf";

// The first-use download of the local model against a server on 127.0.0.1 serving a
// tiny GGUF this test writes: the rules answer while it downloads, then the model does;
// a wrong checksum or a file that is not GGUF is refused; a broken download resumes.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-llama-dl-"));
const MODEL = fs.readFileSync(makeTestGguf(path.join(dir, "source.gguf"), EXPORTER));
const SHA = crypto.createHash("sha256").update(MODEL).digest("hex");
let server: TestServer;
const ranges: (string | undefined)[] = [];
let release: () => void = () => {};

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const url = req.url ?? "";
    ranges.push(req.headers.range);
    const from = Number(/bytes=(\d+)-/.exec(req.headers.range ?? "")?.[1] ?? 0);
    if (url.startsWith("/html/"))
      return void res.writeHead(200, { "content-type": "text/html" }).end("<html>sign in</html>");
    if (from > 0) {
      res.writeHead(206, {
        "content-length": MODEL.length - from,
        "content-range": `bytes ${from}-${MODEL.length - 1}/${MODEL.length}`,
      });
      return void res.end(MODEL.subarray(from));
    }
    res.writeHead(200, { "content-length": MODEL.length });
    res.write(MODEL.subarray(0, 1024));
    // "/held/" sends the rest only when the test says so, to catch the planner mid-download.
    if (url.startsWith("/held/")) release = () => res.end(MODEL.subarray(1024));
    else res.end(MODEL.subarray(1024));
  });
});
afterAll(async () => {
  await server.close();
  await unloadLlamaModels();
  fs.rmSync(dir, { recursive: true, force: true });
});

const config = (name: string, over: Partial<LlamaModelConfig> = {}): LlamaModelConfig => ({
  modelUrl: `${server.url}/${name}/tiny-planner.gguf`,
  sha256: SHA,
  cacheDir: fs.mkdtempSync(path.join(dir, "cache-")),
  download: true,
  ...over,
});

describe("local model download", () => {
  it("answers with the rules while the model downloads, then with the model", async () => {
    const cfg = config("held");
    const logs: string[] = [];
    const planner = createLlamaPlanner(
      { ...cfg, threads: 1, timeoutMs: 120_000 },
      { log: (l) => logs.push(l) },
    );
    const ctx = emptyContext({ durationSec: 60 });

    const first = await planner.plan("add captions", ctx);
    expect(first.planner).toBe("rules (local model is being downloaded for the first time)");
    expect(first.plan.reply).toMatch(
      / \(The built-in planner made this plan: the local model is being downloaded for the first time\.\)$/,
    );
    await expect
      .poll(() => llamaModelStatus(cfg))
      .toEqual({
        ready: false,
        why: `is still downloading, ${Math.floor((1024 / MODEL.length) * 100)}% done`,
      });

    release();
    const file = await downloadLlamaModel(cfg); // the download already running
    expect(file).toBe(path.join(cfg.cacheDir, "tiny-planner.gguf"));
    expect(fs.readFileSync(file).equals(MODEL)).toBe(true);
    expect(logs[0]).toBe(`downloading the local planner model to ${file}`);
    expect(logs).toContain(`local planner model ready: ${file}`);
    expect(logs.some((l) => /^local planner model: 100% \(\d+ MB of \d+ MB\)$/.test(l))).toBe(true);

    const second = await planner.plan("put it on youtube", ctx);
    expect(second).toMatchObject({
      planner: "local model (tiny-planner)",
      plan: { intent: "export", ops: [{ op: "export", preset: "youtube" }] },
    });
  });

  it("refuses a file whose checksum does not match and keeps answering with the rules", async () => {
    const cfg = config("plain", { sha256: "0".repeat(64) });
    await expect(downloadLlamaModel(cfg)).rejects.toThrow(
      /local planner model is not usable \(its checksum does not match\), so it was deleted\. Check LLAMA_MODEL_URL/,
    );
    expect(fs.existsSync(llamaModelPath(cfg))).toBe(false);
    expect(fs.existsSync(`${llamaModelPath(cfg)}.part`)).toBe(false);
    expect(llamaModelStatus(cfg)).toEqual({
      ready: false,
      why: "could not be downloaded",
      detail: expect.stringMatching(/checksum does not match/),
    });
  });

  it("refuses a page that is not a GGUF model", async () => {
    const cfg = config("html", { sha256: undefined });
    await expect(downloadLlamaModel(cfg)).rejects.toThrow(/not a GGUF \(llama\.cpp\) model file/);
  });

  it("resumes a partial download with a Range request", async () => {
    const cfg = config("plain");
    const dest = llamaModelPath(cfg);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(`${dest}.part`, MODEL.subarray(0, 5000));
    ranges.length = 0;
    await downloadLlamaModel(cfg);
    expect(ranges).toEqual(["bytes=5000-"]);
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
  });

  it("says how to get a model when downloads are off", () => {
    const cfg = config("plain", { download: false });
    expect(llamaModelStatus(cfg)).toEqual({
      ready: false,
      why: "is not on this server",
      detail: `no file at ${llamaModelPath(cfg)}; set LLAMA_MODEL, or PLANNER=llama to download one`,
    });
  });

  it("checks the default model against its published checksum, and another URL against the one given", () => {
    // No URL given: the default Qwen2.5 file, named after the URL, in the models folder.
    expect(llamaModelPath({ cacheDir: "/data/models" })).toBe(
      "/data/models/qwen2.5-1.5b-instruct-q4_k_m.gguf",
    );
    expect(llamaModelChecksum({})).toBe(DEFAULT_LLAMA_MODEL_SHA256);
    expect(llamaModelChecksum({ modelUrl: "http://127.0.0.1/other.gguf" })).toBeUndefined();
    expect(llamaModelChecksum({ modelUrl: "http://127.0.0.1/other.gguf", sha256: SHA })).toBe(SHA);
    expect(llamaModelPath({ cacheDir: "/data/models", modelPath: "/m/x.gguf" })).toBe("/m/x.gguf");
  });
});
