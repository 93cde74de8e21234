import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BullmqQueue } from "../jobs/bullmq-queue";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { s3Env, startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { makeClip, probe } from "@/tests/support/make-media";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import { killAllWorkers, killGroup, startWorkerProcess } from "@/tests/support/worker-process";
import {
  addMedia,
  setDraft,
  testEngine,
  visitor,
  type TestEngine,
} from "@/tests/support/engine/test-engine";

// QUEUE=bullmq with STORAGE=s3: `scripts/worker.ts` in its own process renders, stores
// the files in the bucket and removes its local folder before the job completes; the web
// process then answers downloads with presigned links, without the files on its disk.

let redis: TestRedis;
let s3: FakeS3;
const engines: TestEngine[] = [];
beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startFakeS3()]);
});
afterAll(async () => {
  killAllWorkers();
  await Promise.all(engines.map((e) => (e.queue as BullmqQueue).shutdown(0)));
  await Promise.all([redis?.stop(), s3?.close()]);
});

const env = () => ({
  QUEUE: "bullmq",
  REDIS_URL: redis.url,
  ...s3Env(s3),
});

function startWorker(dataDir: string) {
  return startWorkerProcess({
    ...env(),
    DATA_DIR: dataDir,
    FREE_CREDITS: "12",
    RENDER_CONCURRENCY: "1",
  });
}

describe("worker with STORAGE=s3", () => {
  it("stores the finished export in the bucket; the web process redirects the download there", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-s3-"));
    const engine = testEngine(dataDir, env());
    engines.push(engine);
    const worker = await startWorker(dataDir);
    const { tokenId, sessionId } = visitor(engine);
    const clip = recordFor(
      makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }),
      "video",
      "med_w1",
    );
    addMedia(engine, sessionId, clip);
    setDraft(
      engine,
      sessionId,
      makeDraft({
        video: [{ src: clip.id, out: clip.probe.durationMs }],
        text: [{ text: "Hello", kind: "caption", st: 0, d: 800 }],
      }),
    );

    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await new Promise<void>((resolve) => {
      const off = engine.exports.subscribe(
        job.id,
        (j) => j.status !== "pending" && j.status !== "processing" && (off(), resolve()),
      );
    });
    const done = engine.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "completed", error: null, hasSrt: true });
    const prefix = `exports/${sessionId}/${job.id}/`;
    expect([...s3.objects.keys()].filter((k) => k.startsWith(prefix)).sort()).toEqual([
      `${prefix}captions.srt`,
      `${prefix}captions.vtt`,
      `${prefix}poster.jpg`,
      `${prefix}video.mp4`,
    ]);
    expect(fs.existsSync(path.join(dataDir, "exports", sessionId, job.id))).toBe(false);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });

    const d = await engine.exports.download(sessionId, job.id, "mp4");
    expect(d.kind).toBe("redirect");
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-dl-")), "video.mp4");
    fs.writeFileSync(
      saved,
      Buffer.from(await (await fetch((d as { url: string }).url)).arrayBuffer()),
    );
    expect(probe(saved)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    killGroup(worker);
  });
});
