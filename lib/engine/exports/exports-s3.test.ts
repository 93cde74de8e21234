import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Env, startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { makeClip, probe } from "@/tests/support/make-media";
import type { Engine } from "../create-engine";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { RESTART_REASON } from "./exports";
import {
  addMedia,
  setDraft,
  testEngine,
  untilProcessing,
  visitor,
} from "@/tests/support/engine/test-engine";

// engine.exports with STORAGE=s3 against the fake S3 (which checks every signature):
// finished files end up in the bucket and nowhere else, downloads are presigned links
// the bucket accepts, and failed, cancelled or pruned renders leave no objects behind.

let s3: FakeS3;
const engines: Engine[] = [];
beforeAll(async () => {
  s3 = await startFakeS3({ pageSize: 2 });
});
afterAll(async () => {
  engines.forEach((e) => e.exports.close());
  await s3.close();
});

function make(env: Record<string, string> = {}): Engine {
  const e = testEngine(undefined, {
    ...s3Env(s3),
    ...env,
  });
  engines.push(e);
  return e;
}

function project(engine: Engine, opts: { captions?: boolean; seconds?: number } = {}) {
  const v = visitor(engine);
  const clip = recordFor(
    makeClip({ seconds: opts.seconds ?? 1, width: 320, height: 240, fps: 25 }),
    "video",
    `med_${Math.random().toString(36).slice(2)}`,
  );
  addMedia(engine, v.sessionId, clip);
  const text = opts.captions
    ? [{ text: "Hello there", kind: "caption", st: 0, d: 800 }]
    : undefined;
  setDraft(
    engine,
    v.sessionId,
    makeDraft({
      video: [{ src: clip.id, out: clip.probe.durationMs, name: "beach.mp4" }],
      text,
      m: { width: 320, height: 240, fps: 25 },
    }),
  );
  return { ...v, clip };
}

const keysUnder = (prefix: string) =>
  [...s3.objects.keys()].filter((k) => k.startsWith(prefix)).sort();

async function fetchRedirect(d: { kind: string; url?: string }): Promise<Response> {
  expect(d.kind).toBe("redirect");
  return fetch(d.url!);
}

describe("engine.exports with STORAGE=s3", () => {
  it("stores the video and captions in the bucket, removes the local folder, and downloads through presigned links", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine, { captions: true });
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await engine.exports.idle();
    const done = engine.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "completed", hasSrt: true, hasVtt: true });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });

    const prefix = `exports/${sessionId}/${job.id}/`;
    expect(keysUnder(prefix)).toEqual([
      `${prefix}captions.srt`,
      `${prefix}captions.vtt`,
      `${prefix}poster.jpg`,
      `${prefix}video.mp4`,
    ]);
    expect(fs.existsSync(path.join(engine.config.dataDir, "exports", sessionId, job.id))).toBe(
      false,
    );

    const video = await fetchRedirect(await engine.exports.download(sessionId, job.id, "mp4"));
    expect(video.status).toBe(200);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect(video.headers.get("content-disposition")).toMatch(
      /^attachment; filename="My-trip-720p.mp4"/,
    );
    const bytes = Buffer.from(await video.arrayBuffer());
    expect(bytes.equals(s3.objects.get(`${prefix}video.mp4`)!)).toBe(true);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-s3dl-")), "video.mp4");
    fs.writeFileSync(saved, bytes);
    expect(probe(saved)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "h264",
      audioCodec: "aac",
    });

    const srt = await fetchRedirect(await engine.exports.download(sessionId, job.id, "srt"));
    expect(await srt.text()).toBe("1\n00:00:00,000 --> 00:00:00,800\nHello there\n");
    expect(srt.headers.get("content-type")).toBe("application/x-subrip; charset=utf-8");

    // The CLI and other local readers get a cached copy; file() says why it has no path.
    expect(probe((await engine.exports.localFile(sessionId, job.id, "mp4")).path)).toMatchObject({
      width: 1280,
      height: 720,
    });
    expect(() => engine.exports.file(sessionId, job.id, "mp4")).toThrow(/object storage/);

    const shared = await fetchRedirect(await engine.exports.sharedDownload(done.shareId!));
    expect(Buffer.from(await shared.arrayBuffer()).equals(bytes)).toBe(true);
    await expect(engine.exports.sharedDownload("shr_guessed")).rejects.toThrow(/does not exist/);
  });

  it("has no subtitle files without captions, and keeps other sessions out", async () => {
    const engine = make();
    const mine = project(engine);
    const theirs = visitor(engine);
    const job = engine.exports.start(mine.sessionId, mine.tokenId, {
      preset: "720p",
      preview: false,
    });
    await engine.exports.idle();
    expect(engine.exports.get(mine.sessionId, job.id)).toMatchObject({
      status: "completed",
      hasSrt: false,
      hasVtt: false,
    });
    expect(keysUnder(`exports/${mine.sessionId}/${job.id}/`)).toEqual([
      `exports/${mine.sessionId}/${job.id}/poster.jpg`,
      `exports/${mine.sessionId}/${job.id}/video.mp4`,
    ]);
    // The share cards' poster is served from the bucket too, inline.
    const shareId = engine.exports.get(mine.sessionId, job.id).shareId!;
    expect(engine.exports.shared(shareId).hasPoster).toBe(true);
    const poster = await fetchRedirect(await engine.exports.sharedDownload(shareId, "poster"));
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect(poster.headers.get("content-disposition")).toMatch(/^inline/);
    await expect(engine.exports.download(mine.sessionId, job.id, "srt")).rejects.toThrow(
      /no captions/,
    );
    await expect(engine.exports.download(theirs.sessionId, job.id, "mp4")).rejects.toThrow(
      /not found/,
    );
  });

  it("a failed render leaves nothing in the bucket, and credits come back", async () => {
    const engine = make();
    const v = visitor(engine);
    const gone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-gone-")), "gone.mp4");
    fs.copyFileSync(makeClip({ seconds: 1 }), gone);
    addMedia(engine, v.sessionId, recordFor(gone, "video", "med_gone"));
    setDraft(
      engine,
      v.sessionId,
      makeDraft({ video: [{ src: "med_gone", out: 1000, name: "gone.mp4" }] }),
    );
    const job = engine.exports.start(v.sessionId, v.tokenId, { preset: "720p", preview: false });
    // As if an earlier attempt (another worker) had stored part of its files already.
    const prefix = `exports/${v.sessionId}/${job.id}/`;
    s3.objects.set(`${prefix}captions.srt`, Buffer.from("partial"));
    fs.rmSync(gone);
    await engine.exports.idle();
    expect(engine.exports.get(v.sessionId, job.id)).toMatchObject({
      status: "failed",
      shareId: null,
    });
    expect(keysUnder(prefix)).toEqual([]);
    expect(engine.accounts.balance(v.tokenId)).toMatchObject({ available: 12, frozen: 0 });
  });

  it("a cancelled render leaves nothing in the bucket", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine, { seconds: 3 });
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    const prefix = `exports/${sessionId}/${job.id}/`;
    s3.objects.set(`${prefix}captions.vtt`, Buffer.from("partial"));
    await untilProcessing(engine, job.id);
    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await engine.exports.idle();
    expect(keysUnder(prefix)).toEqual([]);
    await expect(engine.exports.download(sessionId, job.id, "mp4")).rejects.toThrow(
      /was cancelled, so there is no file/,
    );
  });

  it("a storage that refuses the upload fails the export with a sentence and releases the credits", async () => {
    const engine = make({ S3_SECRET_ACCESS_KEY: "not-the-secret" });
    const { tokenId, sessionId } = project(engine, { captions: true });
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await engine.exports.idle();
    const done = engine.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "failed", hasSrt: false });
    expect(done.error).toMatch(
      /file storage refused to store captions\.srt \(SignatureDoesNotMatch\)\. Check the S3 settings/,
    );
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    expect(fs.existsSync(path.join(engine.config.dataDir, "exports", sessionId, job.id))).toBe(
      false,
    );
  });

  it("previews play inline from the bucket, and pruning old previews deletes their objects", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine);
    const first = engine.exports.start(sessionId, tokenId, { preset: "shorts", preview: true });
    await engine.exports.idle();
    const d = await engine.exports.download(sessionId, first.id, "mp4");
    const res = await fetchRedirect(d);
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(keysUnder(`exports/${sessionId}/${first.id}/`)).toHaveLength(1);

    const more = [];
    for (let i = 0; i < 3; i++) {
      more.push(engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: true }));
      await engine.exports.idle();
    }
    expect(keysUnder(`exports/${sessionId}/${first.id}/`)).toEqual([]);
    await expect(engine.exports.download(sessionId, first.id, "mp4")).rejects.toThrow(
      /no longer available/,
    );
    for (const p of more)
      expect(keysUnder(`exports/${sessionId}/${p.id}/`)).toEqual([
        `exports/${sessionId}/${p.id}/video.mp4`,
      ]);
  });

  it("after a restart, a render that was running is failed and its stored files are deleted", async () => {
    const first = make();
    const { tokenId, sessionId } = project(first, { seconds: 3 });
    const job = first.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    await untilProcessing(first, job.id);
    first.exports.close(); // as if the process died mid-render
    const prefix = `exports/${sessionId}/${job.id}/`;
    s3.objects.set(`${prefix}captions.srt`, Buffer.from("uploaded before the crash"));

    const second = make({ DATA_DIR: first.config.dataDir });
    await second.exports.idle();
    expect(second.exports.get(sessionId, job.id)).toMatchObject({
      status: "failed",
      error: RESTART_REASON,
    });
    expect(keysUnder(prefix)).toEqual([]);
    expect(second.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
  });

  it("refuses to start without the S3 settings it needs", () => {
    expect(() => make({ S3_BUCKET: "" })).toThrow(/STORAGE=s3 needs S3_BUCKET/);
  });
});
