import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

// engine.exports end to end on tiny clips: credits, isolation, cancel, captions files,
// previews, and a render whose process is killed midway.

const engines: Engine[] = [];
const make = (...args: Parameters<typeof testEngine>) => {
  const e = testEngine(...args);
  engines.push(e);
  return e;
};
afterAll(() => engines.forEach((e) => e.exports.close()));

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

async function settled(engine: Engine, sessionId: string, id: string) {
  await engine.exports.idle();
  return engine.exports.get(sessionId, id);
}

describe("engine.exports", () => {
  it("freezes credits on start, charges them on success, and serves the video, captions and a share link", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine, { captions: true });
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    expect(job).toMatchObject({
      status: "pending",
      preset: "720p",
      width: 1280,
      height: 720,
      shareId: null,
      hasSrt: false,
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 5, total: 12 });

    const done = await settled(engine, sessionId, job.id);
    expect(done).toMatchObject({
      status: "completed",
      progress: 100,
      hasSrt: true,
      hasVtt: true,
      error: null,
    });
    expect(done.shareId).toMatch(/^shr_[A-Za-z0-9_-]{24}$/);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });

    const mp4 = engine.exports.file(sessionId, job.id, "mp4");
    expect(mp4).toMatchObject({ contentType: "video/mp4", filename: "My-trip-720p.mp4" });
    expect(probe(mp4.path)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    expect(fs.readFileSync(engine.exports.file(sessionId, job.id, "srt").path, "utf8")).toBe(
      "1\n00:00:00,000 --> 00:00:00,800\nHello there\n",
    );
    const shared = engine.exports.shared(done.shareId!);
    expect(shared).toMatchObject({ title: "My trip", file: { path: mp4.path }, hasPoster: true });
    // The share cards' poster: a JPEG frame of the export, as wide as the video (up to 1280).
    const poster = await engine.exports.sharedDownload(done.shareId!, "poster");
    expect(poster).toMatchObject({
      kind: "file",
      contentType: "image/jpeg",
      filename: "My-trip-720p.jpg",
    });
    expect(probe((poster as { path: string }).path)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "mjpeg",
    });
    expect(engine.exports.list(sessionId).map((j) => j.id)).toEqual([job.id]);
  });

  it("keeps every session's exports to itself", async () => {
    const engine = make();
    const mine = project(engine);
    const theirs = visitor(engine);
    const job = engine.exports.start(mine.sessionId, mine.tokenId, {
      preset: "720p",
      preview: true,
    });
    await engine.exports.idle();
    // Previews are never shared: no poster is made for them.
    expect(() => engine.exports.file(mine.sessionId, job.id, "poster")).toThrow(
      /no poster picture/,
    );
    expect(() => engine.exports.get(theirs.sessionId, job.id)).toThrow(/not found/);
    expect(() => engine.exports.file(theirs.sessionId, job.id, "mp4")).toThrow(/not found/);
    await expect(engine.exports.cancel(theirs.sessionId, job.id)).rejects.toThrow(/not found/);
    expect(engine.exports.list(theirs.sessionId)).toEqual([]);
    expect(() => engine.exports.shared("shr_guessed")).toThrow(/does not exist/);
  });

  it("says 2001 when credits are short, and refuses an empty timeline before any credit moves", () => {
    const engine = make(undefined, { FREE_CREDITS: "4" });
    const { tokenId, sessionId } = project(engine);
    expect(() =>
      engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false }),
    ).toThrow(expect.objectContaining({ code: 2001 }));
    const empty = visitor(engine);
    expect(() =>
      engine.exports.start(empty.sessionId, empty.tokenId, { preset: "youtube", preview: false }),
    ).toThrow(/timeline is empty/);
    expect(engine.accounts.balance(empty.tokenId)).toMatchObject({ available: 4, frozen: 0 });
    expect(engine.exports.list(sessionId)).toEqual([]);
  });

  it("releases credits when a render fails, with a sentence saying what to do", async () => {
    const engine = make();
    const v = visitor(engine);
    const gone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-gone-")), "gone.mp4");
    fs.copyFileSync(makeClip({ seconds: 1 }), gone);
    const clip = recordFor(gone, "video", "med_gone");
    addMedia(engine, v.sessionId, clip);
    setDraft(
      engine,
      v.sessionId,
      makeDraft({ video: [{ src: "med_gone", out: 1000, name: "gone.mp4" }] }),
    );
    const job = engine.exports.start(v.sessionId, v.tokenId, { preset: "720p", preview: false });
    fs.rmSync(gone); // deleted from disk while queued
    const done = await settled(engine, v.sessionId, job.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/missing on the server\. Upload it again/);
    expect(engine.accounts.balance(v.tokenId)).toMatchObject({
      available: 12,
      frozen: 0,
      total: 12,
    });
  });

  it("cancels a running export: ffmpeg stops, credits come back, nothing is left behind", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine, { seconds: 3 });
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    await untilProcessing(engine, job.id);
    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    const done = await settled(engine, sessionId, job.id);
    expect(done).toMatchObject({
      status: "cancelled",
      error: "You cancelled this export.",
      shareId: null,
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    expect(fs.existsSync(path.join(engine.config.dataDir, "exports", sessionId, job.id))).toBe(
      false,
    );
    expect(() => engine.exports.file(sessionId, job.id, "mp4")).toThrow(
      /was cancelled, so there is no file/,
    );
  });

  it("makes free previews that are not listed as exports and feed the player", async () => {
    const engine = make();
    const { tokenId, sessionId } = project(engine);
    expect(engine.exports.latestPreviewId(sessionId)).toBeNull();
    const job = engine.exports.start(sessionId, tokenId, { preset: "shorts", preview: true });
    expect(job).toMatchObject({ width: 360, height: 640 });
    expect((await settled(engine, sessionId, job.id)).status).toBe("completed");
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0, total: 12 });
    expect(engine.exports.list(sessionId)).toEqual([]);
    expect(engine.exports.latestPreviewId(sessionId)).toBe(job.id);
    expect(engine.exports.get(sessionId, job.id).shareId).toBeNull();

    // Only the newest few previews keep their files.
    const more = [];
    for (let i = 0; i < 3; i++) {
      more.push(engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: true }));
      await engine.exports.idle();
    }
    expect(() => engine.exports.file(sessionId, job.id, "mp4")).toThrow(/no longer available/);
    expect(fs.existsSync(engine.exports.file(sessionId, more[2].id, "mp4").path)).toBe(true);
  });

  it("after the server process is killed mid-render, the job fails with a reason, credits return and no partial file is served", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-kill-"));
    const clip = makeClip({ seconds: 20, width: 320, height: 240, fps: 25, name: "long-20s.mp4" });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(__dirname, "../../../tests/support/engine/test-kill-child.ts"),
        dataDir,
        clip,
      ],
      {
        cwd: path.resolve(__dirname, "../../.."),
        detached: true, // its own process group, so ffmpeg dies with it
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const ids = await new Promise<{ jobId: string; tokenId: string; sessionId: string }>(
      (resolve, reject) => {
        let buf = "";
        child.stdout!.on("data", (d) => {
          buf += d;
          if (buf.includes("\n")) resolve(JSON.parse(buf.split("\n")[0]));
        });
        child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
      },
    );
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const jobDir = path.join(dataDir, "exports", ids.sessionId, ids.jobId);
    expect(fs.readdirSync(jobDir).some((f) => f.endsWith(".part"))).toBe(true); // the killed render's partial file
    expect(fs.existsSync(path.join(jobDir, "video.mp4"))).toBe(false);

    const engine = make(dataDir); // "restart"
    const job = engine.exports.get(ids.sessionId, ids.jobId);
    expect(job).toMatchObject({ status: "failed", error: RESTART_REASON, shareId: null });
    expect(engine.accounts.balance(ids.tokenId)).toMatchObject({
      available: 12,
      frozen: 0,
      total: 12,
    });
    expect(fs.existsSync(jobDir)).toBe(false);
    expect(() => engine.exports.file(ids.sessionId, ids.jobId, "mp4")).toThrow(
      /did not finish, so there is no file/,
    );
  });
});
