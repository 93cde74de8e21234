import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { AppError } from "@/lib/errors";
import { makeClip, makeSpeechClip } from "@/tests/support/make-media";
import { engineConfigFromEnv } from "../engine-config";
import type { MediaRecord, ProbeInfo } from "../media/types";
import { openDatabase } from "../store/open-database";
import { makeTestWhisperModel } from "@/tests/support/engine/make-test-whisper-model";
import { createPocketsphinxTranscriber } from "./pocketsphinx-transcriber";
import { createWhisperTranscriber } from "./whisper-transcriber";
import { cleanWords, createTranscripts } from "./transcripts";
import type { Transcriber, TranscribeOptions } from "./types";

const config = engineConfigFromEnv(
  parseEnv({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "vso-tr-")) }),
);

function record(
  file: string,
  over: Partial<ProbeInfo> = {},
  id = `med_${Math.random().toString(36).slice(2)}`,
): MediaRecord {
  const probe: ProbeInfo = {
    durationMs: 2000,
    width: 320,
    height: 240,
    rotation: 0,
    fps: 25,
    vfr: false,
    videoCodec: "h264",
    audioCodec: "aac",
    pixFmt: "yuv420p",
    profile: null,
    hasVideo: true,
    hasAudio: true,
    sampleRate: 48000,
    channels: 1,
    container: "mp4",
    bitRate: null,
    ...over,
  };
  return {
    id,
    sessionId: "ses_x",
    kind: "video",
    name: path.basename(file),
    size: 1,
    path: file,
    hash: "h",
    probe,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  };
}

/** A recogniser that checks it got the 16 kHz WAV and counts its runs. */
function fake(
  id: string,
  opts: { available?: boolean; fail?: AppError; languages?: string[] } = {},
) {
  const calls: { wav: string; opts?: TranscribeOptions }[] = [];
  const t: Transcriber & { calls: typeof calls } = {
    id,
    label: `${id} engine`,
    calls,
    supportsLanguage: opts.languages ? (l) => opts.languages!.includes(l) : undefined,
    available: async () => opts.available ?? true,
    async transcribe(wav, o) {
      calls.push({ wav, opts: o });
      expect(fs.readFileSync(wav).subarray(0, 4).toString()).toBe("RIFF");
      if (opts.fail) throw opts.fail;
      return {
        engine: `${id} engine (model)`,
        language: o?.language ?? "en",
        words: [
          { w: "beep", s: 200, e: 700 },
          { w: "late", s: 5000, e: 6000 },
        ],
      };
    },
  };
  return t;
}

const db = () => openDatabase(":memory:");

describe("engine.transcripts", () => {
  it("transcribes once, then answers from the cache with the engine name", async () => {
    const whisper = fake("whisper");
    const transcripts = createTranscripts(db(), config, { mode: "auto", transcribers: [whisper] });
    const media = record(makeClip({ seconds: 2 }));
    const first = await transcripts.get(media, { language: "en" });
    // Words past the clip's end are dropped (the fake says one at 5 s of a 2 s clip).
    expect(first).toEqual({
      engine: "whisper engine (model)",
      language: "en",
      words: [{ w: "beep", s: 200, e: 700 }],
    });
    const again = await transcripts.get(media, { language: "en" });
    expect(again).toEqual(first);
    expect(whisper.calls).toHaveLength(1);
    expect(transcripts.cached(media.id)).toEqual(first);
    // Another language is another transcript.
    await transcripts.get(media, { language: "fr" });
    expect(whisper.calls).toHaveLength(2);
  });

  it("keeps transcripts per model: another whisper model recognises again", async () => {
    const database = db();
    const media = record(makeClip({ seconds: 2 }));
    const base = { ...fake("whisper"), label: "whisper.cpp (base.en)" };
    const small = { ...fake("whisper"), label: "whisper.cpp (small)" };
    await createTranscripts(database, config, { mode: "auto", transcribers: [base] }).get(media);
    await createTranscripts(database, config, { mode: "auto", transcribers: [small] }).get(media);
    await createTranscripts(database, config, { mode: "auto", transcribers: [base] }).get(media);
    expect([base.calls.length, small.calls.length]).toEqual([1, 1]);
  });

  it("shares one run between concurrent requests for the same clip", async () => {
    const whisper = fake("whisper");
    const transcripts = createTranscripts(db(), config, { mode: "auto", transcribers: [whisper] });
    const media = record(makeClip({ seconds: 2 }));
    await Promise.all([transcripts.get(media), transcripts.get(media), transcripts.get(media)]);
    expect(whisper.calls).toHaveLength(1);
  });

  it("a caller who closes the tab does not cancel the others waiting for the same clip", async () => {
    let calls = 0;
    const slow: Transcriber = {
      id: "whisper",
      available: async () => true,
      transcribe: async (_wav, o) => {
        calls++;
        await new Promise((r) => setTimeout(r, 100));
        if (o?.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
        return { engine: "slow", language: "en", words: [{ w: "ok", s: 0, e: 100 }] };
      },
    };
    const transcripts = createTranscripts(db(), config, { mode: "auto", transcribers: [slow] });
    const media = record(makeClip({ seconds: 2 }));
    const leaving = new AbortController();
    const first = transcripts.get(media, { signal: leaving.signal });
    const second = transcripts.get(media);
    setTimeout(() => leaving.abort(), 20);
    await expect(first).rejects.toMatchObject({ code: "cancelled" });
    expect((await second).words).toEqual([{ w: "ok", s: 0, e: 100 }]);
    // The second caller ran recognition itself once the first run was cancelled.
    expect(calls).toBeGreaterThan(0);
  });

  it.each([
    ["a clip without sound", (f: string) => record(f, { hasAudio: false, audioCodec: null })],
    ["an image", (f: string) => ({ ...record(f, { hasAudio: false }), kind: "image" as const })],
  ])("refuses %s with a sentence", async (_name, make) => {
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [fake("whisper")],
    });
    await expect(transcripts.get(make(makeClip({ seconds: 1, audio: false })))).rejects.toThrow(
      "This clip has no sound, so there is nothing to caption.",
    );
  });

  it("auto picks the best available engine and hands over when one turns out unusable", async () => {
    const whisper = fake("whisper", { available: false });
    const openai = fake("openai", { fail: new AppError("upstream", "service down") });
    const sphinx = fake("pocketsphinx");
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [whisper, openai, sphinx],
    });
    expect(await transcripts.activeEngine()).toBe("openai engine");
    const t = await transcripts.get(record(makeClip({ seconds: 2 })));
    expect(t.engine).toBe("pocketsphinx engine (model)");
    expect([whisper.calls.length, openai.calls.length, sphinx.calls.length]).toEqual([0, 1, 1]);
    expect(await transcripts.engines()).toEqual([
      { id: "whisper", label: "whisper engine", available: false },
      { id: "openai", label: "openai engine", available: true },
      { id: "pocketsphinx", label: "pocketsphinx engine", available: true },
    ]);
  });

  it("says which better engine did not run and why, beside the one that made the captions", async () => {
    const whisper = fake("whisper", {
      fail: new AppError(
        "unavailable",
        "Could not download the speech model: this machine may be offline.",
      ),
    });
    const sphinx = fake("pocketsphinx");
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [whisper, sphinx],
    });
    const t = await transcripts.get(record(makeClip({ seconds: 2 })));
    expect(t.notes).toEqual([
      "Could not download the speech model: this machine may be offline. So whisper engine did not run: pocketsphinx engine (model) made these captions instead, which works offline but only understands English and makes more mistakes.",
    ]);
    // The first engine that works needs no excuse.
    const direct = await createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [fake("whisper"), sphinx],
    }).get(record(makeClip({ seconds: 2 })));
    expect(direct.notes).toBeUndefined();
  });

  it("a named engine is the only one used, and its errors are the answer", async () => {
    const openai = fake("openai", {
      fail: new AppError("upstream", "The transcription service failed (HTTP 500)."),
    });
    const sphinx = fake("pocketsphinx");
    const transcripts = createTranscripts(db(), config, {
      mode: "openai",
      transcribers: [openai, sphinx],
    });
    await expect(transcripts.get(record(makeClip({ seconds: 2 })))).rejects.toThrow(/HTTP 500/);
    expect(sphinx.calls).toHaveLength(0);
  });

  it("skips engines that cannot do the language, and says so when none can", async () => {
    const sphinx = fake("pocketsphinx", { languages: ["en"] });
    const openai = fake("openai");
    const both = createTranscripts(db(), config, { mode: "auto", transcribers: [sphinx, openai] });
    expect((await both.get(record(makeClip({ seconds: 2 })), { language: "zh" })).engine).toBe(
      "openai engine (model)",
    );
    const only = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [fake("pocketsphinx", { languages: ["en"] })],
    });
    await expect(only.get(record(makeClip({ seconds: 2 })), { language: "zh" })).rejects.toThrow(
      /cannot recognise the language "zh"/,
    );
  });

  it.each([
    ["none", [fake("pocketsphinx")], /turned off on this server \(TRANSCRIBER=none\)/],
    ["auto", [fake("whisper", { available: false })], /No speech recognition engine is available/],
    [
      "whisper",
      [fake("whisper", { available: false }), fake("pocketsphinx")],
      /The "whisper" speech recognition engine is not available on this server/,
    ],
  ] as const)(
    "TRANSCRIBER=%s with nothing usable explains what to do",
    async (mode, engines, message) => {
      const transcripts = createTranscripts(db(), config, { mode, transcribers: [...engines] });
      await expect(transcripts.get(record(makeClip({ seconds: 2 })))).rejects.toThrow(message);
    },
  );

  it("forgets a clip's transcripts when the clip is deleted", async () => {
    const database = db();
    const transcripts = createTranscripts(database, config, {
      mode: "auto",
      transcribers: [fake("whisper")],
    });
    const media = record(makeClip({ seconds: 2 }), {}, "med_gone");
    database
      .prepare(
        "INSERT INTO media (id, session_id, kind, name, size, path, hash, probe, created_at) VALUES (?, 's', 'video', 'n', 1, 'p', 'h', '{}', 0)",
      )
      .run(media.id);
    await transcripts.get(media);
    expect(transcripts.cached(media.id)).not.toBeNull();
    database.prepare("DELETE FROM media WHERE id = ?").run(media.id);
    expect(transcripts.cached(media.id)).toBeNull();
  });
});

describe("cleanWords", () => {
  it("clamps, drops blanks and words past the end, and sorts", () => {
    expect(
      cleanWords(
        [
          { w: " b ", s: 900, e: 2500 },
          { w: "a", s: -20, e: 100.4 },
          { w: " ", s: 100, e: 200 },
          { w: "c", s: 3000, e: 3100 },
          { w: "d", s: 700, e: 600, p: 0.5 },
        ],
        2000,
      ),
    ).toEqual([
      { w: "a", s: 0, e: 100 },
      { w: "d", s: 700, e: 700, p: 0.5 },
      { w: "b", s: 900, e: 2000 },
    ]);
  });
});

describe("engine.transcripts with pocketsphinx on a generated speech clip", () => {
  it("times words in the clip's own time: speech after 2 s of silence starts after 2 s", async () => {
    const file = makeSpeechClip({
      text: "hello world, this is a test of the captions",
      silenceSeconds: 2,
      width: 320,
      height: 240,
    });
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [createPocketsphinxTranscriber()],
    });
    const t = await transcripts.get(record(file, { durationMs: 6000 }));
    expect(t.engine).toBe("pocketsphinx (en-us)");
    expect(t.words.length).toBeGreaterThan(3);
    expect(t.words[0].s).toBeGreaterThan(1800);
    for (let i = 1; i < t.words.length; i++)
      expect(t.words[i].s).toBeGreaterThanOrEqual(t.words[i - 1].s);
  });
});

describe("engine.transcripts with the real whisper.cpp module", () => {
  it("auto prefers whisper over pocketsphinx when a model is there, and keeps words inside the clip", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wm-"));
    // The made-up model has the English-only vocabulary layout, hence ".en" (no language detection).
    const whisper = createWhisperTranscriber({
      cacheDir: dir,
      modelPath: makeTestWhisperModel(path.join(dir, "ggml-test.en.bin"), "hello"),
    });
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [whisper, createPocketsphinxTranscriber()],
    });
    expect(await transcripts.activeEngine()).toBe("whisper.cpp (test.en)");
    const t = await transcripts.get(record(makeClip({ seconds: 2 })));
    // The made-up model says "hello" over its whole 30 s window; the clip is 2 s long.
    expect(t).toEqual({
      engine: "whisper.cpp (test.en)",
      language: "en",
      words: [{ w: "hello", s: 0, e: 2000 }],
    });
  });

  it("offline: auto tries to fetch the whisper model, falls back to pocketsphinx at once, and says so", async () => {
    // Nothing listens on port 9: the download fails the way it does on an offline machine.
    const whisper = createWhisperTranscriber({
      cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), "vso-wm-")),
      modelUrl: "http://127.0.0.1:9/ggml-base.bin",
    });
    const transcripts = createTranscripts(db(), config, {
      mode: "auto",
      transcribers: [whisper, createPocketsphinxTranscriber()],
    });
    const media = record(
      makeSpeechClip({ text: "hello world", silenceSeconds: 0, width: 160, height: 120 }),
      { durationMs: 3000 },
    );
    const t = await transcripts.get(media);
    expect(t.engine).toBe("pocketsphinx (en-us)");
    expect(t.notes).toEqual([
      expect.stringMatching(
        /this machine may be offline.*So whisper\.cpp \(base\) did not run: pocketsphinx \(en-us\) made these captions instead, which works offline but only understands English/,
      ),
    ]);
    // Asked again (from the cache this time), the reply still says why.
    expect((await transcripts.get(media)).notes).toHaveLength(1);
    // Chinese: pocketsphinx cannot stand in, and the error says why in plain words.
    await expect(transcripts.get(media, { language: "zh" })).rejects.toThrow(
      /may be offline.*The offline engine here \(pocketsphinx \(en-us\)\) only understands English, so it cannot make Chinese captions instead/,
    );
  });
});
