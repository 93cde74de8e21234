import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportRecord } from "@/lib/engine/exports/export-record";
import type { BullmqQueue } from "@/lib/engine/jobs/bullmq-queue";
import {
  addMedia,
  setDraft,
  testEngine,
  visitor,
  type TestEngine as Engine,
} from "@/tests/support/engine/test-engine";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { makeClip, probe } from "@/tests/support/make-media";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import {
  killAllWorkers,
  killGroup,
  startWorkerProcess,
  type WorkerProcess,
} from "@/tests/support/worker-process";

// QUEUE=bullmq end to end: the web process's engine enqueues real exports of tiny
// generated clips, `scripts/worker.ts` child processes render them on the same DATA_DIR,
// and the web process sees progress, results and credits. Workers are killed, cancelled
// and stopped with SIGTERM mid-render.

let redis: TestRedis;
const engines: Engine[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  killAllWorkers();
  await Promise.all(engines.map((e) => (e.queue as BullmqQueue).shutdown(0)));
  await redis?.stop();
});

function web(dataDir: string): Engine {
  const engine = testEngine(dataDir, { QUEUE: "bullmq", REDIS_URL: redis.url });
  engines.push(engine);
  return engine;
}

/** `npm run worker` with short lock and stall times; resolves once it is ready. */
function startWorker(dataDir: string, args: string[] = []): Promise<WorkerProcess> {
  return startWorkerProcess(
    {
      DATA_DIR: dataDir,
      QUEUE: "bullmq",
      REDIS_URL: redis.url,
      FREE_CREDITS: "12",
      RENDER_CONCURRENCY: "1",
    },
    ["--lock-ms", "1500", "--stalled-ms", "300", ...args],
  );
}

function project(engine: Engine, seconds: number) {
  const v = visitor(engine);
  const clip = recordFor(
    makeClip({ seconds, width: 320, height: 240, fps: 25, name: `worker-${seconds}s.mp4` }),
    "video",
    `med_${Math.random().toString(36).slice(2)}`,
  );
  addMedia(engine, v.sessionId, clip);
  setDraft(
    engine,
    v.sessionId,
    makeDraft({
      video: [{ src: clip.id, out: clip.probe.durationMs, name: "beach.mp4" }],
      text: [{ text: "Hello", kind: "caption", st: 0, d: 800 }],
    }),
  );
  return v;
}

/** Every update the web process hears about one job, and a way to wait for one. */
function watch(engine: Engine, jobId: string) {
  const seen: ExportRecord[] = [];
  const waiters: { check: (j: ExportRecord) => boolean; resolve: () => void }[] = [];
  engine.exports.subscribe(jobId, (j) => {
    seen.push(j);
    for (const w of waiters.splice(0)) (w.check(j) ? w.resolve : () => waiters.push(w))();
  });
  const until = (check: (j: ExportRecord) => boolean, what: string, ms = 45_000) =>
    new Promise<void>((resolve, reject) => {
      if (seen.some(check)) return resolve();
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what}; saw ${seen.map((j) => `${j.status}:${j.progress}`).join(" ")}`,
            ),
          ),
        ms,
      );
      waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { seen, until };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code)),
  );

describe("npm run worker (QUEUE=bullmq)", () => {
  it("renders an export queued by the web process; the web process sees progress, the file, captions, the share link and the credits", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-"));
    const engine = web(dataDir);
    const worker = await startWorker(dataDir);
    const { tokenId, sessionId } = project(engine, 2);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    const w = watch(engine, job.id);
    await w.until((j) => j.status === "completed", "the export to complete");
    expect(w.seen.some((j) => j.status === "processing")).toBe(true);

    const done = engine.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "completed", progress: 100, hasSrt: true, error: null });
    expect(done.shareId).toMatch(/^shr_/);
    const mp4 = engine.exports.file(sessionId, job.id, "mp4");
    expect(probe(mp4.path)).toMatchObject({
      width: 1280,
      height: 720,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 }); // charged once, by the worker
    expect(engine.db.prepare("SELECT runner FROM jobs WHERE id = ?").get(job.id)).toEqual({
      runner: expect.stringContaining(`:${worker.pid}:`),
    });
    // Previews go through their own BullMQ queue (their own lane) and cost nothing.
    const preview = engine.exports.start(sessionId, tokenId, { preset: "shorts", preview: true });
    await until(() => engine.exports.get(sessionId, preview.id).status === "completed", 30_000);
    expect(engine.exports.get(sessionId, preview.id).status).toBe("completed");
    expect(probe(engine.exports.file(sessionId, preview.id, "mp4").path)).toMatchObject({
      width: 360,
      height: 640,
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });
    killGroup(worker);
  });

  it("cancels a running export from the web process: the worker's ffmpeg is killed, credits come back, nothing is left", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-"));
    const engine = web(dataDir);
    const worker = await startWorker(dataDir);
    const { tokenId, sessionId } = project(engine, 6);
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    const w = watch(engine, job.id);
    await w.until((j) => j.status === "processing" && j.progress > 0, "render progress");
    const jobDir = path.join(dataDir, "exports", sessionId, job.id);
    expect(ffmpegFor(jobDir)).toBe(true);

    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "cancelled",
      error: "You cancelled this export.",
      shareId: null,
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    await until(() => !fs.existsSync(jobDir) && !ffmpegFor(jobDir));
    expect(fs.existsSync(jobDir)).toBe(false);
    expect(ffmpegFor(jobDir)).toBe(false);
    killGroup(worker);
  });

  it("on SIGTERM finishes the running render before exiting", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-"));
    const engine = web(dataDir);
    const worker = await startWorker(dataDir, ["--grace-ms", "60000"]);
    const { tokenId, sessionId } = project(engine, 4);
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    await watch(engine, job.id).until(
      (j) => j.status === "processing" && j.progress > 0,
      "render progress",
    );
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    expect(worker.output()).toMatch(/worker stopped/);
    expect(engine.exports.get(sessionId, job.id).status).toBe("completed");
    expect(probe(engine.exports.file(sessionId, job.id, "mp4").path)).toMatchObject({
      width: 1920,
      height: 1080,
    });
  });

  it("when a worker is killed mid-render, another worker renders the job again from the start", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-worker-"));
    const engine = web(dataDir);
    const first = await startWorker(dataDir);
    const { tokenId, sessionId } = project(engine, 6);
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    const w = watch(engine, job.id);
    await w.until((j) => j.status === "processing" && j.progress > 0, "render progress");
    killGroup(first);
    await exited(first);

    await startWorker(dataDir);
    await w.until((j) => j.status === "completed", "the re-run to complete", 60_000);
    expect(engine.db.prepare("SELECT attempts FROM jobs WHERE id = ?").get(job.id)).toEqual({
      attempts: 2,
    });
    expect(probe(engine.exports.file(sessionId, job.id, "mp4").path)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: "h264",
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });
  });
});

function ffmpegFor(jobDir: string): boolean {
  return spawnSync("pgrep", ["-f", `ffmpeg.*${jobDir}`]).status === 0;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  for (let i = 0; i < ms / 25 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}
