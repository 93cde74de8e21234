import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpeech } from "@/tests/support/make-media";
import { extractAudio } from "./extract-audio";
import {
  buildCompressAudioArgs,
  createOpenAiTranscriber,
  transcriptionsUrl,
  wordsFromVerboseJson,
} from "./openai-transcriber";
import { spreadWords } from "./spread-words";
import {
  readBody,
  startTestServer,
  type TestServer,
} from "@/tests/support/engine/test-http-server";

const wav = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-openai-")), "a.wav");
fs.writeFileSync(wav, Buffer.alloc(44 + 3200));

const GOOD = {
  text: "Hello world.",
  language: "english",
  words: [
    { word: "Hello", start: 0.5, end: 0.9 },
    { word: " world.", start: 1.0, end: 1.4 },
  ],
};

// Each path of the fake server is one behaviour a real service can show.
let server: TestServer;
const seen: { auth?: string; body: string }[] = [];
beforeAll(async () => {
  server = await startTestServer(async (req, res) => {
    const body = (await readBody(req)).toString("latin1");
    seen.push({ auth: req.headers.authorization, body });
    const send = (status: number, payload: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(payload);
    };
    const route = req.url ?? "";
    if (route.startsWith("/good/")) return send(200, JSON.stringify(GOOD));
    if (route.startsWith("/segments/"))
      return send(
        200,
        JSON.stringify({
          text: "one two three",
          segments: [{ start: 1, end: 2.5, text: " one two three" }],
        }),
      );
    if (route.startsWith("/silent/")) return send(200, JSON.stringify({ text: "", segments: [] }));
    if (route.startsWith("/unauthorized/"))
      return send(401, JSON.stringify({ error: { message: "Incorrect API key provided" } }));
    if (route.startsWith("/broken/")) return send(500, "Internal Server Error");
    if (route.startsWith("/busy/")) return send(429, "{}");
    if (route.startsWith("/garbage/")) return send(200, "<html>not json</html>");
    if (route.startsWith("/plain/"))
      return send(200, JSON.stringify({ text: "words but no timing" }));
    if (route.startsWith("/slow/")) return; // never answers
    send(404, "{}");
  });
});
afterAll(() => server.close());

const make = (prefix: string, extra: { apiKey?: string; timeoutMs?: number } = {}) =>
  createOpenAiTranscriber({ baseUrl: `${server.url}/${prefix}/v1`, model: "whisper-1", ...extra });

describe("transcriptionsUrl", () => {
  it.each([
    ["https://api.openai.com/v1", "https://api.openai.com/v1/audio/transcriptions"],
    ["https://api.openai.com/v1/", "https://api.openai.com/v1/audio/transcriptions"],
    ["http://127.0.0.1:8000", "http://127.0.0.1:8000/v1/audio/transcriptions"],
    ["https://api.groq.com/openai/v1", "https://api.groq.com/openai/v1/audio/transcriptions"],
  ])("%s", (base, url) => {
    expect(transcriptionsUrl(base)).toBe(url);
  });
});

describe("wordsFromVerboseJson", () => {
  it.each([
    [
      "word timestamps",
      GOOD,
      [
        { w: "Hello", s: 500, e: 900 },
        { w: "world.", s: 1000, e: 1400 },
      ],
    ],
    [
      "segments only: words share the segment",
      { segments: [{ start: 0, end: 1, text: "ab cd" }] },
      [
        { w: "ab", s: 0, e: 500 },
        { w: "cd", s: 500, e: 1000 },
      ],
    ],
    ["an empty transcript", { text: " " }, []],
    ["no timing at all", { text: "hi" }, null],
    ["not an object", "nope", null],
    ["words of the wrong shape", { words: [{ word: 1 }] }, null],
  ])("%s", (_name, body, words) => {
    expect(wordsFromVerboseJson(body)?.words ?? null).toEqual(words);
  });
});

describe("spreadWords", () => {
  it("keeps every word inside its segment, in order, longer words longer", () => {
    const words = spreadWords([{ start: 1000, end: 3000, text: "a extraordinary b" }]);
    expect(words.map((w) => w.w)).toEqual(["a", "extraordinary", "b"]);
    expect(words[0].s).toBe(1000);
    expect(words[2].e).toBe(3000);
    expect(words[1].e - words[1].s).toBeGreaterThan(words[0].e - words[0].s);
    for (let i = 1; i < words.length; i++) expect(words[i].s).toBe(words[i - 1].e);
  });
});

describe("OpenAI-compatible transcriber against a fake server", () => {
  it("is available only with a base URL", async () => {
    expect(await make("good").available()).toBe(true);
    expect(await createOpenAiTranscriber({ model: "m" }).available()).toBe(false);
  });

  it("sends the WAV with verbose_json, word granularity, language and the key; reads word times", async () => {
    seen.length = 0;
    const t = await make("good", { apiKey: "sk-test" }).transcribe(wav, { language: "en" });
    expect(t).toEqual({
      engine: "OpenAI-compatible (whisper-1)",
      language: "en",
      words: [
        { w: "Hello", s: 500, e: 900 },
        { w: "world.", s: 1000, e: 1400 },
      ],
    });
    expect(seen[0].auth).toBe("Bearer sk-test");
    for (const field of [
      'name="model"',
      "whisper-1",
      'name="response_format"',
      "verbose_json",
      'name="timestamp_granularities[]"',
      "word",
      'name="language"',
      'filename="a.wav"',
    ]) {
      expect(seen[0].body).toContain(field);
    }
  });

  it("spreads words over segments when the server has no word times", async () => {
    const t = await make("segments").transcribe(wav, {});
    expect(t.words.map((w) => w.w)).toEqual(["one", "two", "three"]);
    expect(t.words[0].s).toBe(1000);
    expect(t.words[2].e).toBe(2500);
  });

  it("returns no words for silence", async () => {
    expect((await make("silent").transcribe(wav, {})).words).toEqual([]);
  });

  it.each([
    ["unauthorized", /refused the API key \(HTTP 401\).*Incorrect API key provided/, "upstream"],
    ["broken", /failed \(HTTP 500\)/, "upstream"],
    ["busy", /busy \(HTTP 429\)/, "rate_limited"],
    ["garbage", /not JSON/, "upstream"],
    ["plain", /did not return timed words/, "upstream"],
  ])("%s -> a clear error", async (prefix, message, code) => {
    const run = make(prefix).transcribe(wav, {});
    await expect(run).rejects.toThrow(message);
    await expect(make(prefix).transcribe(wav, {})).rejects.toMatchObject({ code });
  });

  it("times out on a server that never answers", async () => {
    await expect(make("slow", { timeoutMs: 300 }).transcribe(wav, {})).rejects.toMatchObject({
      code: "timeout",
    });
  });

  it("says cancelled when the caller aborts", async () => {
    const ctl = new AbortController();
    const run = make("slow").transcribe(wav, { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 50);
    await expect(run).rejects.toMatchObject({ code: "cancelled" });
  });

  it("sends long audio as Opus to stay under the service's upload limit", async () => {
    const audio = await extractAudio(
      makeSpeech("this sentence is long enough to need compressing"),
    );
    try {
      const wavBytes = fs.statSync(audio.wavPath).size;
      seen.length = 0;
      const t = createOpenAiTranscriber({
        baseUrl: `${server.url}/good/v1`,
        model: "whisper-1",
        maxUploadBytes: Math.floor(wavBytes / 2),
      });
      await t.transcribe(audio.wavPath, {});
      expect(seen[0].body).toContain('filename="audio.ogg"');
      expect(seen[0].body).toContain("Content-Type: audio/ogg");
      expect(seen[0].body).toContain("OggS");
      expect(seen[0].body.length).toBeLessThan(wavBytes / 2);
      // The Opus file is temporary.
      expect(fs.readdirSync(path.dirname(audio.wavPath))).toEqual(["audio.wav"]);

      const tiny = createOpenAiTranscriber({
        baseUrl: `${server.url}/good/v1`,
        model: "m",
        maxUploadBytes: 100,
      });
      await expect(tiny.transcribe(audio.wavPath, {})).rejects.toMatchObject({ code: 4002 });
    } finally {
      await audio.dispose();
    }
  });

  it("builds the Opus arguments: mono, 32 kbit/s, Ogg", () => {
    expect(buildCompressAudioArgs("/a.wav", "/a.ogg").join(" ")).toContain(
      "-i /a.wav -ac 1 -c:a libopus -b:a 32k -f ogg /a.ogg",
    );
  });

  it("names the host when nothing listens there", async () => {
    const t = createOpenAiTranscriber({ baseUrl: "http://127.0.0.1:9/v1", model: "m" });
    await expect(t.transcribe(wav, {})).rejects.toThrow(
      /Could not reach the transcription service at http:\/\/127\.0\.0\.1:9/,
    );
  });
});
