import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Env, startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { makeClip, probe } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { setDraft, testEngine, visitor, type TestEngine } from "@/tests/support/engine/test-engine";

// STORAGE=s3 and uploaded sources: an accepted upload is copied to the bucket, and a
// render whose disk does not hold the source (a worker on another machine) reads it from
// the bucket instead.

let s3: FakeS3;
const engines: TestEngine[] = [];
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(async () => {
  engines.forEach((e) => e.exports.close());
  await s3.close();
});

async function upload(engine: TestEngine, sessionId: string) {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-src-")), "talk.mp4");
  fs.copyFileSync(makeClip({ seconds: 2, width: 320, height: 240, fps: 25 }), copy);
  const bytes = fs.readFileSync(copy);
  const { files, failed } = await engine.media.ingestFile(sessionId, copy, "talk.mp4");
  expect(failed).toEqual([]);
  await engine.media.settled(files[0].id);
  return { media: files[0], bytes };
}

describe("sources with STORAGE=s3", () => {
  it("copies an upload to the bucket; an export renders from the bucket when the local file is gone", async () => {
    const engine = testEngine(undefined, s3Env(s3));
    engines.push(engine);
    const { tokenId, sessionId } = visitor(engine);
    const { media, bytes } = await upload(engine, sessionId);
    const key = `media/${sessionId}/${media.id}/source.mp4`;
    expect(s3.objects.get(key)?.equals(bytes)).toBe(true);

    setDraft(engine, sessionId, makeDraft({ video: [{ src: media.id, out: 2000 }] }));
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    fs.rmSync(media.path); // as on a worker that does not share the web app's disk
    await engine.exports.settled(job.id);
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      error: null,
    });
    const file = await engine.exports.localFile(sessionId, job.id, "mp4");
    expect(probe(file.path)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    expect(s3.log.some((l) => l.startsWith(`GET /${s3.bucket}/${key}`))).toBe(true);

    // A part a failed chunked export kept in the bucket for its next try; and another project's.
    const part = `chunks/${sessionId}/video-0003-0123456789abcdef.mp4`;
    const other = "chunks/sess_other/video-0000-0123456789abcdef.mp4";
    for (const k of [part, other]) s3.objects.set(k, Buffer.from("part"));
    expect([...s3.objects.keys()].some((k) => k.startsWith(`exports/${sessionId}/`))).toBe(true);

    // The project's sources, exports and kept parts leave the bucket with it.
    await engine.retention.removeProject(sessionId);
    for (const folder of ["media", "exports", "chunks"])
      expect([...s3.objects.keys()].filter((k) => k.startsWith(`${folder}/${sessionId}/`))).toEqual(
        [],
      );
    expect(s3.objects.has(other)).toBe(true);
  });

  it("without STORAGE=s3 nothing goes to a bucket, and a missing source fails the export with a sentence", async () => {
    const engine = testEngine();
    engines.push(engine);
    const { tokenId, sessionId } = visitor(engine);
    const { media } = await upload(engine, sessionId);
    setDraft(engine, sessionId, makeDraft({ video: [{ src: media.id, out: 2000 }] }));
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    fs.rmSync(media.path);
    await engine.exports.settled(job.id);
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "failed",
      error: 'The file for "talk.mp4" is missing on the server. Upload it again, then export.',
    });
  });
});
