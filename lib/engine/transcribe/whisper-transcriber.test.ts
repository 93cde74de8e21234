import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GGML_MAGIC } from "./fetch-model";
import { makeTestWhisperModel } from "@/tests/support/engine/make-test-whisper-model";
import { startTestServer, type TestServer } from "@/tests/support/engine/test-http-server";
import { DEFAULT_WHISPER_MODEL_URL, OFFLINE_RETRY_MS } from "./whisper-model";
import {
  createWhisperTranscriber,
  forkWhisper,
  loadWhisperBinding,
  modelName,
  wordsFromTokenSegments,
  type WhisperJob,
  type WhisperRunner,
} from "./whisper-transcriber";

const JFK_WAV = path.resolve(__dirname, "../../../../shared/media/jfk.wav");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-whisper-"));
// Right magic, garbage after it: whisper.cpp asserts and aborts on this file.
const DAMAGED = Buffer.concat([GGML_MAGIC, crypto.randomBytes(4096)]);

describe("wordsFromTokenSegments", () => {
  const seg = (text: string, t0: number, t1: number) => ({ text, t0, t1 });
  it.each([
    [
      "tokens with a leading space start words",
      [seg(" And", 300, 500), seg(" so", 500, 700)],
      [
        ["And", 300, 500],
        ["so", 500, 700],
      ],
    ],
    [
      "sub-word tokens join the word before",
      [seg(" Americ", 1000, 1300), seg("ans", 1300, 1700), seg(",", 1700, 1710)],
      [["Americans,", 1000, 1710]],
    ],
    ["a first token without a space is still a word", [seg("Hello", 0, 400)], [["Hello", 0, 400]]],
    [
      "blank and non-speech segments are dropped",
      [
        seg(" [BLANK_AUDIO]", 0, 900),
        seg(" ", 900, 950),
        seg(" (music)", 950, 990),
        seg(" yes", 1000, 1200),
      ],
      [["yes", 1000, 1200]],
    ],
    ["special tokens are dropped", [seg(" [_BEG_]", 0, 0), seg(" hi", 10, 200)], [["hi", 10, 200]]],
    ["reversed token times are clamped", [seg(" x", 500, 400)], [["x", 500, 500]]],
  ])("%s", (_name, segments, words) => {
    expect(wordsFromTokenSegments(segments).map((w) => [w.w, w.s, w.e])).toEqual(words);
  });
});

describe("modelName", () => {
  it.each([
    ["/m/ggml-base.en.bin", "base.en"],
    ["ggml-tiny.bin", "tiny"],
    ["/x/my-model.bin", "my-model"],
  ])("%s -> %s", (file, name) => {
    expect(modelName(file)).toBe(name);
  });
});

describe("whisper transcriber flow (fake recogniser)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-length": DAMAGED.length });
      res.end(DAMAGED);
    });
  });
  afterAll(() => server.close());

  const fakeRunner =
    (jobs: WhisperJob[]): WhisperRunner =>
    async (job) => {
      jobs.push(job);
      job.onProgress?.(0.5);
      return {
        isAborted: false,
        segments: [
          { text: " Hello", t0: 100, t1: 400 },
          { text: " world", t1: 800, t0: 400 },
        ],
      };
    };
  const binding = async () => ({ WhisperContext: class {} });

  it("is not available without a model on disk or a URL to fetch one", async () => {
    const t = createWhisperTranscriber({
      cacheDir: tmp(),
      loadBinding: binding,
      runner: fakeRunner([]),
    });
    expect(await t.available()).toBe(false);
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(/No whisper model is set up/);
  });

  it("is not available when the native module does not load", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ggml-base.en.bin"), DAMAGED);
    const t = createWhisperTranscriber({
      cacheDir: dir,
      loadBinding: async () => Promise.reject(new Error("no glibc")),
    });
    expect(await t.available()).toBe(false);
  });

  it("finds a model fetched earlier into the cache, even with no URL configured", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ggml-base.en.bin"), DAMAGED);
    const t = createWhisperTranscriber({
      cacheDir: dir,
      loadBinding: binding,
      runner: fakeRunner([]),
    });
    expect(await t.available()).toBe(true);
    expect(t.label).toBe("whisper.cpp (base.en)");
    expect(t.supportsLanguage?.("en")).toBe(true);
    expect(t.supportsLanguage?.("zh")).toBe(false);
  });

  it("fetches the model once on first use, reports download then transcribe progress, and merges tokens", async () => {
    const dir = tmp();
    const jobs: WhisperJob[] = [];
    const t = createWhisperTranscriber({
      cacheDir: dir,
      modelUrl: `${server.url}/models/ggml-tiny.bin`,
      loadBinding: binding,
      runner: fakeRunner(jobs),
    });
    expect(await t.available()).toBe(true);
    const stages: string[] = [];
    const result = await t.transcribe(JFK_WAV, {
      language: "en-US",
      onProgress: (p) => stages.push(p.stage),
    });
    expect(result).toEqual({
      engine: "whisper.cpp (tiny)",
      language: "en",
      words: [
        { w: "Hello", s: 100, e: 400 },
        { w: "world", s: 400, e: 800 },
      ],
    });
    expect(fs.existsSync(path.join(dir, "ggml-tiny.bin"))).toBe(true);
    expect(stages[0]).toBe("download");
    expect(stages.at(-1)).toBe("transcribe");
    expect(jobs[0]).toMatchObject({
      modelPath: path.join(dir, "ggml-tiny.bin"),
      options: { language: "en", tokenTimestamps: true, maxLen: 1 },
    });
    expect(t.supportsLanguage?.("zh")).toBe(true); // multilingual model
  });

  it("runs recognitions one at a time", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ggml-base.en.bin"), DAMAGED);
    let running = 0;
    let most = 0;
    const runner: WhisperRunner = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return { isAborted: false, segments: [] };
    };
    const t = createWhisperTranscriber({ cacheDir: dir, loadBinding: binding, runner });
    await Promise.all([t.transcribe(JFK_WAV), t.transcribe(JFK_WAV), t.transcribe(JFK_WAV)]);
    expect(most).toBe(1);
  });
});

describe("the whisper model on first use (TRANSCRIBER=auto)", () => {
  let server: TestServer;
  const MODEL = Buffer.concat([GGML_MAGIC, crypto.randomBytes(32 * 1024)]);
  const SHA = crypto.createHash("sha256").update(MODEL).digest("hex");
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url?.startsWith("/hang/")) return; // accepts, never answers: a route that goes nowhere
      res.writeHead(200, { "content-length": MODEL.length });
      res.write(MODEL.subarray(0, 16 * 1024));
      setTimeout(() => res.end(MODEL.subarray(16 * 1024)), 20);
    });
  });
  afterAll(() => server.close());
  const binding = async () => ({ WhisperContext: class {} });
  const runner: WhisperRunner = async (job) => ({
    isAborted: false,
    language: job.options.language === "auto" ? "zh" : String(job.options.language),
    segments: [{ text: " 你好", t0: 0, t1: 500 }],
  });

  it("defaults to the multilingual base model, so the label says base and Chinese is allowed", async () => {
    expect(DEFAULT_WHISPER_MODEL_URL).toMatch(/\/ggml-base\.bin$/);
    const t = createWhisperTranscriber({
      cacheDir: tmp(),
      fetchDefault: true,
      loadBinding: binding,
      runner,
    });
    expect(t.label).toBe("whisper.cpp (base)");
    expect(await t.available()).toBe(true); // fetched on first use
    expect(t.supportsLanguage?.("zh")).toBe(true);
  });

  it("keeps using the English-only model an earlier version downloaded instead of fetching another", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ggml-base.en.bin"), DAMAGED);
    const t = createWhisperTranscriber({
      cacheDir: dir,
      fetchDefault: true,
      loadBinding: binding,
      runner,
    });
    expect(t.label).toBe("whisper.cpp (base.en)");
  });

  it("downloads with progress, checks the sha256, and with no language asked lets the model detect it", async () => {
    const dir = tmp();
    const jobs: WhisperJob[] = [];
    const t = createWhisperTranscriber({
      cacheDir: dir,
      modelUrl: `${server.url}/ok/ggml-base.bin`,
      sha256: SHA,
      loadBinding: binding,
      runner: async (job) => (jobs.push(job), runner(job)),
    });
    const ratios: (number | null)[] = [];
    const result = await t.transcribe(JFK_WAV, {
      onProgress: (p) => p.stage === "download" && ratios.push(p.ratio),
    });
    expect(ratios.length).toBeGreaterThan(1);
    expect(ratios.at(-1)).toBe(1);
    expect(fs.readFileSync(path.join(dir, "ggml-base.bin")).equals(MODEL)).toBe(true);
    expect(jobs[0].options.language).toBe("auto");
    // Detected Chinese: recognised again by segment (see below), each character a word.
    expect(jobs[1].options).toEqual({ language: "zh", maxThreads: 2 });
    expect(result).toEqual({
      engine: "whisper.cpp (base)",
      language: "zh",
      words: [
        { w: "你", s: 0, e: 250 },
        { w: "好", s: 250, e: 500 },
      ],
    });
  });

  it("Chinese: whole segments keep characters whole (one token a segment halves some), each character a word", async () => {
    const jobs: WhisperJob[] = [];
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ggml-base.bin"), DAMAGED);
    const zhRunner: WhisperRunner = async (job) => {
      jobs.push(job);
      // One token a segment: "界" came as two byte tokens, each an invalid half.
      if (job.options.maxLen === 1)
        return {
          isAborted: false,
          language: "zh",
          segments: [
            { text: "你好", t0: 0, t1: 600 },
            { text: "\ufffd", t0: 600, t1: 900 },
            { text: "\ufffd", t0: 900, t1: 1200 },
          ],
        };
      return {
        isAborted: false,
        language: "zh",
        segments: [
          { text: "你好，世界。", t0: 0, t1: 1200 },
          { text: " [音乐]", t0: 1200, t1: 2000 },
        ],
      };
    };
    const t = createWhisperTranscriber({
      cacheDir: dir,
      fetchDefault: true,
      loadBinding: binding,
      runner: zhRunner,
    });
    const words = [
      { w: "你", s: 0, e: 300 },
      { w: "好，", s: 300, e: 600 },
      { w: "世", s: 600, e: 900 },
      { w: "界。", s: 900, e: 1200 },
    ];
    expect(await t.transcribe(JFK_WAV)).toEqual({
      engine: "whisper.cpp (base)",
      language: "zh",
      words,
    });
    expect(jobs.map((j) => j.options.language)).toEqual(["auto", "zh"]);
    // Asked for Chinese: straight to segments, one pass.
    jobs.length = 0;
    expect((await t.transcribe(JFK_WAV, { language: "zh-CN" })).words).toEqual(words);
    expect(jobs.map((j) => j.options)).toEqual([{ language: "zh", maxThreads: 2 }]);
  });

  it("deletes a download whose checksum is wrong and says so", async () => {
    const dir = tmp();
    const t = createWhisperTranscriber({
      cacheDir: dir,
      modelUrl: `${server.url}/ok/ggml-small.bin`,
      sha256: "0".repeat(64),
      loadBinding: binding,
      runner,
    });
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(
      /its checksum does not match\), so it was deleted/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("offline: fails with a sentence, remembers it so the next request does not try again, and retries later", async () => {
    let clock = 1_000_000;
    const opts = {
      cacheDir: tmp(),
      modelUrl: "http://127.0.0.1:9/ggml-base.bin",
      loadBinding: binding,
      runner,
      now: () => clock,
    };
    let attempts = 0;
    const fetchCounting: typeof fetch = (input, init) => (attempts++, fetch(input, init));
    const t = createWhisperTranscriber({ ...opts, fetch: fetchCounting });
    await expect(t.transcribe(JFK_WAV)).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/this machine may be offline/),
    });
    expect(attempts).toBe(1);
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(/this machine may be offline/);
    expect(attempts).toBe(1); // remembered: no second connection attempt
    clock += OFFLINE_RETRY_MS + 1;
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(/offline/);
    expect(attempts).toBe(2);
  });

  it("gives up on a host that accepts but never answers, after the connect timeout", async () => {
    const t = createWhisperTranscriber({
      cacheDir: tmp(),
      modelUrl: `${server.url}/hang/ggml-base.bin`,
      loadBinding: binding,
      runner,
      connectTimeoutMs: 150,
    });
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(/this machine may be offline/);
  });
});

describe("the real whisper.cpp module", () => {
  it("loads on this machine from the npm package", async () => {
    const binding = (await loadWhisperBinding()) as { WhisperContext: unknown };
    expect(typeof binding.WhisperContext).toBe("function");
  });

  it("runs end to end on a made-up model: child process, token timestamps, words", async () => {
    const model = makeTestWhisperModel(path.join(tmp(), "ggml-test.bin"), "hello");
    const progress: number[] = [];
    const t = createWhisperTranscriber({ cacheDir: tmp(), modelPath: model });
    expect(await t.available()).toBe(true);
    const result = await t.transcribe(JFK_WAV, {
      language: "en",
      onProgress: (p) => progress.push(p.ratio ?? -1),
    });
    // The made-up model says its one word for the whole 30 s window, whatever it hears.
    expect(result).toEqual({
      engine: "whisper.cpp (test)",
      language: "en",
      words: [{ w: "hello", s: 0, e: 30_000 }],
    });
    expect(progress.at(-1)).toBe(1);
  });

  it("turns a damaged model into a clear error instead of crashing this process", async () => {
    const model = path.join(tmp(), "ggml-broken.bin");
    fs.writeFileSync(model, DAMAGED);
    await expect(
      forkWhisper({ modelPath: model, wavPath: JFK_WAV, options: { language: "en" } }),
    ).rejects.toThrow(
      /whisper\.cpp stopped while using the model ggml-broken\.bin; the file may be damaged/,
    );
    const t = createWhisperTranscriber({ cacheDir: tmp(), modelPath: model });
    expect(await t.available()).toBe(true);
    await expect(t.transcribe(JFK_WAV)).rejects.toMatchObject({ code: "unavailable" });
  });

  it("reports a missing model file by name", async () => {
    const t = createWhisperTranscriber({ cacheDir: tmp(), modelPath: "/nowhere/ggml-small.bin" });
    expect(await t.available()).toBe(false);
    await expect(t.transcribe(JFK_WAV)).rejects.toThrow(
      /\/nowhere\/ggml-small\.bin is missing\. Check WHISPER_MODEL/,
    );
  });

  it("stops the child when the caller aborts", async () => {
    const model = path.join(tmp(), "ggml-broken.bin");
    fs.writeFileSync(model, DAMAGED);
    const ctl = new AbortController();
    ctl.abort();
    await expect(
      forkWhisper({ modelPath: model, wavPath: JFK_WAV, options: {}, signal: ctl.signal }),
    ).rejects.toMatchObject({ code: "cancelled" });
  });
});
