import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { draftSchema, emptyDraft } from "@/lib/draft/schema";
import { makeAudio, makeClip, makeImage, probe } from "@/tests/support/make-media";
import { openEngine, type Engine as PublicEngine } from "../create-engine";
import type { Db } from "../store/open-database";
import { engineConfigFromEnv } from "../engine-config";
import type { PeaksFile } from "../ingest/make-derived";
import {
  makeAc3Mp4,
  makeFaststartClip,
  makeH264Yuv422p10,
  makeHevcMp4,
  makePhoneClip,
  makeProResMov,
  makeSubtitleOnlyMkv,
  truncated,
} from "@/tests/support/engine/test-media";
import { multipart, type PartSpec } from "@/tests/support/engine/test-multipart";
import { toItem } from "@/lib/server/backend/local/convert";

type Engine = PublicEngine & { db: Db };

function newEngine(
  env: Record<string, string> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-media-lib-")),
): Engine {
  const { engine, db } = openEngine(
    engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, TOKEN_RATE_LIMIT: "100000", ...env })),
  );
  return { ...engine, db };
}

function newSession(engine: Engine): string {
  const t = engine.accounts.issueToken(`client-${Math.random()}`, "127.0.0.1");
  return engine.sessions.create(t.tokenId).id;
}

const engine = newEngine();
const sessionDir = (e: Engine, s: string) => path.join(e.config.dataDir, "media", s);
const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

async function upload(
  e: Engine,
  sessionId: string,
  parts: PartSpec[],
  opts: { failAfterBytes?: number } = {},
) {
  const body = multipart(parts, opts);
  const result = await e.media.upload(sessionId, body.stream, body.contentType);
  return { ...result, sent: body.sent() };
}

const part = (file: string, name = path.basename(file)): PartSpec => ({ name, file });

describe("every accepted type imports with the right facts and derived files", () => {
  const rows: [
    string,
    () => string,
    { kind: string; format: string; proxy: "none" | "ready"; hasAudio: boolean },
  ][] = [
    [
      "MP4 (H.264/AAC)",
      () => makeClip(),
      { kind: "video", format: "mp4", proxy: "none", hasAudio: true },
    ],
    [
      "MOV (H.264/AAC)",
      () => makeClip({ format: "mov" }),
      { kind: "video", format: "mov", proxy: "none", hasAudio: true },
    ],
    [
      "WebM (VP9/Opus)",
      () => makeClip({ format: "webm" }),
      { kind: "video", format: "webm", proxy: "none", hasAudio: true },
    ],
    [
      "AVI (MPEG-4/MP3)",
      () => makeClip({ format: "avi" }),
      { kind: "video", format: "avi", proxy: "ready", hasAudio: true },
    ],
    [
      "MKV (H.264/AAC)",
      () => makeClip({ format: "mkv" }),
      { kind: "video", format: "mkv", proxy: "ready", hasAudio: true },
    ],
    [
      "MOV with ProRes",
      makeProResMov,
      { kind: "video", format: "mov", proxy: "ready", hasAudio: true },
    ],
    ["HEVC MP4", makeHevcMp4, { kind: "video", format: "mp4", proxy: "ready", hasAudio: false }],
    [
      "H.264 4:2:2 10-bit",
      makeH264Yuv422p10,
      { kind: "video", format: "mp4", proxy: "ready", hasAudio: false },
    ],
    [
      "H.264 with AC-3 sound",
      makeAc3Mp4,
      { kind: "video", format: "mp4", proxy: "ready", hasAudio: true },
    ],
    [
      "JPG",
      () => makeImage("jpg"),
      { kind: "image", format: "jpg", proxy: "none", hasAudio: false },
    ],
    [
      "PNG",
      () => makeImage("png"),
      { kind: "image", format: "png", proxy: "none", hasAudio: false },
    ],
    [
      "GIF",
      () => makeImage("gif"),
      { kind: "image", format: "gif", proxy: "none", hasAudio: false },
    ],
    [
      "WebP",
      () => makeImage("webp"),
      { kind: "image", format: "webp", proxy: "none", hasAudio: false },
    ],
    [
      "MP3",
      () => makeAudio("mp3"),
      { kind: "audio", format: "mp3", proxy: "none", hasAudio: true },
    ],
    [
      "WAV",
      () => makeAudio("wav"),
      { kind: "audio", format: "wav", proxy: "none", hasAudio: true },
    ],
    [
      "M4A",
      () => makeAudio("m4a"),
      { kind: "audio", format: "m4a", proxy: "none", hasAudio: true },
    ],
    [
      "AAC (ADTS)",
      () => makeAudio("aac"),
      { kind: "audio", format: "aac", proxy: "none", hasAudio: true },
    ],
  ];

  it.each(rows)("%s", async (_label, make, want) => {
    const sessionId = newSession(engine);
    const src = make();
    const { files, failed } = await upload(engine, sessionId, [part(src)]);
    expect(failed).toEqual([]);
    expect(files).toHaveLength(1);
    await engine.media.settled(files[0].id);
    const m = engine.media.get(sessionId, files[0].id);
    expect(m).toMatchObject({
      kind: want.kind,
      format: want.format,
      proxyStatus: want.proxy,
      size: fs.statSync(src).size,
      extrasStatus: "done",
    });
    expect(m.probe.hasAudio).toBe(want.hasAudio);
    expect(m.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(m.path).equals(fs.readFileSync(src))).toBe(true);
    expect(m.path).toBe(path.join(sessionDir(engine, sessionId), m.id, `source.${want.format}`));

    if (want.kind !== "audio") {
      const poster = probe(m.poster!);
      expect(poster.videoCodec).toBe("mjpeg");
      expect(Math.max(poster.width!, poster.height!)).toBeLessThanOrEqual(480);
    } else {
      expect(m.poster).toBeNull();
    }
    if (want.kind === "video") {
      const strip = probe(m.filmstrip!);
      expect(strip.height).toBe(160);
      expect(strip.width).toBeGreaterThanOrEqual(10 * 160); // ten landscape tiles
      expect(m.probe.durationMs).toBeGreaterThan(500);
    } else {
      expect(m.filmstrip).toBeNull();
    }
    if (want.hasAudio) {
      const peaks = JSON.parse(fs.readFileSync(m.peaks!, "utf8")) as PeaksFile;
      expect(peaks).toMatchObject({ version: 1, rate: 100 });
      expect(Math.abs(peaks.peaks.length - m.probe.durationMs / 10)).toBeLessThanOrEqual(5);
      expect(Math.max(...peaks.peaks)).toBeGreaterThan(0.05); // the test tone is there
      expect(Math.max(...peaks.peaks)).toBeLessThanOrEqual(1);
    } else {
      expect(m.peaks).toBeNull();
    }
    if (want.proxy === "ready") {
      const p = probe(m.proxy!);
      expect(p).toMatchObject({ videoCodec: "h264", pixFmt: "yuv420p" });
      expect(Math.min(p.width!, p.height!)).toBeLessThanOrEqual(480);
      expect((p.width! % 2) + (p.height! % 2)).toBe(0);
      expect(p.audioCodec).toBe(want.hasAudio ? "aac" : undefined);
      expect(engine.media.file(sessionId, m.id, "play").path).toBe(m.proxy);
      expect(toItem(m).url).toBe(`/api/media/${m.id}/play?v=proxy`);
    } else {
      expect(engine.media.file(sessionId, m.id, "play").path).toBe(m.path);
    }
  });

  it("imports a phone clip (odd size, rotation, VFR, no audio) with the facts the renderer needs", async () => {
    const sessionId = newSession(engine);
    const { files } = await upload(engine, sessionId, [part(makePhoneClip(), "IMG_0001.MP4")]);
    const m = files[0];
    expect(m.probe).toMatchObject({
      width: 1921,
      height: 1081,
      rotation: 90,
      vfr: true,
      hasAudio: false,
      audioCodec: null,
    });
    expect(m.probe.durationMs).toBeGreaterThan(1400);
    const item = toItem(m);
    expect(item).toMatchObject({
      width: 1081,
      height: 1921,
      rotation: 90,
      vfr: true,
      hasAudio: false,
      name: "IMG_0001.MP4",
      proxy: "pending",
    });
    await engine.media.settled(m.id);
    const ready = engine.media.get(sessionId, m.id);
    expect(ready.proxyStatus).toBe("ready"); // 4:4:4 does not play in browsers
    const p = probe(ready.proxy!);
    expect(p.width).toBe(480); // upright, short side 480
    expect(Math.abs(p.height! - (480 * 1921) / 1081)).toBeLessThanOrEqual(2);
    expect(probe(ready.poster!).height).toBeGreaterThan(probe(ready.poster!).width!); // poster upright too
  });
});

describe("bad input gets a sentence and leaves nothing behind", () => {
  const elf = fs.readFileSync("/bin/true");
  const rows: [string, () => PartSpec, { code: number | string; message: RegExp }][] = [
    [
      "a program renamed .mp4",
      () => ({ name: "movie.mp4", bytes: elf }),
      { code: 4001, message: /isn't supported\. Supported files: videos \(MP4, MOV/ },
    ],
    [
      "a Windows .exe renamed .mov",
      () => ({
        name: "setup.mov",
        bytes: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(4000)]),
      }),
      { code: 4001, message: /isn't supported/ },
    ],
    [
      "a text file renamed .mkv",
      () => ({ name: "notes.mkv", bytes: Buffer.from("just some notes\n".repeat(50)) }),
      { code: 4001, message: /isn't supported/ },
    ],
    [
      "a zero-byte file",
      () => ({ name: "empty.mp4", bytes: Buffer.alloc(0) }),
      { code: 4001, message: /empty \(0 bytes\)/ },
    ],
    [
      "a truncated mp4 (index at the end, cut in half)",
      () => part(truncated(makeClip(), 0.5, "cut-half.mp4")),
      { code: 4001, message: /damaged or incomplete/ },
    ],
    [
      "a truncated mp4 (index first, data cut)",
      () => part(truncated(makeFaststartClip(), 0.4, "cut-faststart.mp4")),
      { code: 4001, message: /cut short/ },
    ],
    [
      "random bytes behind an mp4 header",
      () => ({
        name: "noise.mp4",
        bytes: Buffer.concat([
          Buffer.from([0, 0, 0, 0x18]),
          Buffer.from("ftypisom"),
          Buffer.alloc(12),
          Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
        ]),
      }),
      { code: 4001, message: /damaged or incomplete|no video, picture or sound/ },
    ],
    [
      "a container with no video or audio",
      () => part(makeSubtitleOnlyMkv()),
      { code: 4001, message: /no video, picture or sound/ },
    ],
    [
      "a name with a path",
      () => ({ name: "../../etc/clip.mp4", file: makeClip() }),
      { code: "bad_request", message: /folder separator/ },
    ],
    [
      "a name with a backslash",
      () => ({ name: "C:\\clips\\a.mp4", file: makeClip() }),
      { code: "bad_request", message: /folder separator/ },
    ],
    [
      "a name with control characters",
      () => ({ name: "clip\u0007.mp4", file: makeClip() }),
      { code: "bad_request", message: /control characters/ },
    ],
  ];

  it.each(rows)("%s", async (_label, make, want) => {
    const sessionId = newSession(engine);
    const keep = await upload(engine, sessionId, [part(makeClip({ seconds: 1 }))]);
    const before = entries(sessionDir(engine, sessionId));
    const { files, failed } = await upload(engine, sessionId, [make()]);
    expect(files).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0].error.code).toBe(want.code);
    expect(failed[0].error.message).toMatch(want.message);
    expect(entries(sessionDir(engine, sessionId))).toEqual(before);
    expect(engine.media.list(sessionId).map((m) => m.id)).toEqual([keep.files[0].id]);
  });

  it("keeps the good files of a batch and reports the bad one", async () => {
    const sessionId = newSession(engine);
    const { files, failed } = await upload(engine, sessionId, [
      part(makeClip()),
      { name: "virus.mp4", bytes: elf },
      part(makeImage("png")),
    ]);
    expect(files.map((f) => f.kind)).toEqual(["video", "image"]);
    expect(failed).toEqual([{ name: "virus.mp4", error: expect.objectContaining({ code: 4001 }) }]);
    expect(engine.media.list(sessionId)).toHaveLength(2);
  });

  it("cuts off a file over MAX_UPLOAD_MB as soon as the limit is passed", async () => {
    const small = newEngine({ MAX_UPLOAD_MB: "0.05" }); // 52 KB
    const sessionId = newSession(small);
    const big = makeClip({ seconds: 3, name: "big-3s.mp4" });
    const total = fs.statSync(big).size;
    expect(total).toBeGreaterThan(250_000);
    const { files, failed, sent } = await upload(small, sessionId, [
      part(big),
      part(makeImage("jpg")),
    ]);
    expect(files).toEqual([]);
    expect(failed[0].error.code).toBe(4002);
    expect(failed[0].error.message).toMatch(
      /larger than the 0 MB limit|larger than the \d+ MB limit/,
    );
    expect(failed[0].error.message).toMatch(/Trim.*compress/);
    expect(sent).toBeLessThan(total / 2); // the rest of the body was never read
    expect(entries(sessionDir(small, sessionId))).toEqual([]);
  });

  it("removes the partial file when the client disconnects midway, keeping files that arrived whole", async () => {
    const sessionId = newSession(engine);
    const first = makeClip({ seconds: 1 });
    const second = makeClip({ seconds: 3, name: "second-3s.mp4" });
    const cut = fs.statSync(first).size + fs.statSync(second).size / 2;
    const { files, failed } = await upload(engine, sessionId, [part(first), part(second)], {
      failAfterBytes: cut,
    });
    expect(files).toHaveLength(1);
    expect(failed).toEqual([
      {
        name: "second-3s.mp4",
        error: expect.objectContaining({
          message: expect.stringMatching(/interrupted.*upload it again/),
        }),
      },
    ]);
    expect(entries(sessionDir(engine, sessionId))).toEqual([files[0].id]);
    expect(entries(path.join(sessionDir(engine, sessionId), files[0].id))).not.toContain(
      "incoming.part",
    );
  });
});

describe("delete, isolation and restart", () => {
  it("deletes an unused item with its files, refuses one on the timeline, and never crosses sessions", async () => {
    const sessionId = newSession(engine);
    const other = newSession(engine);
    const { files } = await upload(engine, sessionId, [part(makeClip()), part(makeImage("png"))]);
    const [clip, image] = files;
    await engine.media.settled(clip.id);

    expect(() => engine.media.get(other, clip.id)).toThrow(/not found/);
    await expect(engine.media.delete(other, clip.id)).rejects.toMatchObject({ code: "not_found" });

    const draft = draftSchema.parse({
      ...emptyDraft(),
      t: [{ tt: 0, sg: [{ id: "s1", st: 0, d: 2000, src: clip.id, in: 0, out: 2000 }] }],
      d: 2000,
    });
    engine.drafts.commit(sessionId, draft, "add clip");
    await expect(engine.media.delete(sessionId, clip.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/on the timeline/),
    });

    await engine.media.delete(sessionId, image.id);
    expect(fs.existsSync(path.dirname(image.path))).toBe(false);
    expect(engine.media.list(sessionId).map((m) => m.id)).toEqual([clip.id]);
  });

  it("finishes background work a stopped process left behind", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-media-restart-"));
    const first = newEngine({}, dataDir);
    const sessionId = newSession(first);
    const { files } = await upload(first, sessionId, [part(makeClip({ format: "avi" }))]);
    await first.media.settled(files[0].id);
    // As if the process had stopped before the poster, proxy and filmstrip were made.
    first.db
      .prepare(
        "UPDATE media SET proxy_status = 'pending', proxy = NULL, filmstrip = NULL, peaks = NULL, extras_status = 'pending', poster = NULL, poster_status = 'pending'",
      )
      .run();
    fs.rmSync(path.join(dataDir, "media", sessionId, files[0].id, "proxy.mp4"));
    fs.rmSync(path.join(dataDir, "media", sessionId, files[0].id, "poster.jpg"));

    const second = newEngine({}, dataDir);
    await second.media.idle();
    const m = second.media.get(sessionId, files[0].id);
    expect(m).toMatchObject({ proxyStatus: "ready", extrasStatus: "done", posterStatus: "done" });
    expect(probe(m.proxy!).videoCodec).toBe("h264");
    expect(probe(m.poster!).videoCodec).toBe("mjpeg");
    expect(m.filmstrip).not.toBeNull();
  });
});
