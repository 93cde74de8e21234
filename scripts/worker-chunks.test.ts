import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "@/tests/support/engine/test-engine";
import { createJobStore } from "@/lib/engine/jobs/job-store";
import { openDatabase } from "@/lib/engine/store/open-database";
import {
  chunkedProject,
  chunkFiles,
  countFrames,
  partJobs,
  type PartJob,
} from "@/tests/support/chunked-export";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import {
  killAllWorkers,
  killGroup,
  startWorkerProcess,
  type WorkerProcess,
} from "@/tests/support/worker-process";

// QUEUE=bullmq with chunked exports (RENDER_CHUNK_SECONDS=1 on one-second pieces), with
// STORAGE=disk and one DATA_DIR on one machine (workers with their own DATA_DIRs and S3:
// scripts/worker-remote.test.ts): the parts of one export are BullMQ jobs that any free
// `scripts/worker.ts` process takes, a worker killed mid-chunk costs only that chunk
// (another worker renders it again), the worker holding the export can die without losing
// the finished chunks, and cancel from the web process stops every chunk on every worker.
// Real Redis, real ffmpeg.

let redis: TestRedis;
const engines: TestEngine[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  killAllWorkers();
  await Promise.all(engines.map((e) => e.queue.shutdown(0)));
  await redis?.stop();
});

const env = () => ({
  QUEUE: "bullmq",
  REDIS_URL: redis.url,
  RENDER_CHUNK_SECONDS: "1",
  RENDER_CONCURRENCY: "1",
});

function web(dataDir: string): TestEngine {
  const engine = testEngine(dataDir, env());
  engines.push(engine);
  return engine;
}

const startWorker = (dataDir: string): Promise<WorkerProcess> =>
  startWorkerProcess({ ...env(), DATA_DIR: dataDir, FREE_CREDITS: "12" }, [
    "--lock-ms",
    "1500",
    "--stalled-ms",
    "300",
  ]);

const rowOf = (dataDir: string, id: string) => {
  const db = openDatabase(path.join(dataDir, "vso.sqlite"));
  try {
    return createJobStore(db).get(id);
  } finally {
    db.close();
  }
};
const ranBy = (
  row: { runner?: string | null; by?: string | null } | null | undefined,
  w: WorkerProcess,
) => !!(row?.runner ?? row?.by)?.includes(`:${w.pid}:`);
const parts = (id: string) => partJobs(redis.url, id);

async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("chunked exports on BullMQ workers", () => {
  it("spreads the chunks over the workers; a worker killed mid-chunk costs that chunk only", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wchunks-"));
    const engine = web(dataDir);
    const a = await startWorker(dataDir);
    const { tokenId, sessionId } = chunkedProject(engine, 10);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    const progress: number[] = [];
    engine.exports.subscribe(job.id, (j) => j.status === "processing" && progress.push(j.progress));
    let list: PartJob[] = [];
    await untilAsync(
      async () => (list = await parts(job.id)).length === 11,
      "the parts to be queued",
    );

    const b = await startWorker(dataDir);
    let killed: PartJob | undefined;
    await untilAsync(
      async () =>
        !!(killed = (await parts(job.id)).find((p) => p.state === "active" && ranBy(p, b))),
      "worker B to take a chunk",
    );
    const doneBefore = (await parts(job.id)).filter((p) => p.state === "completed");
    killGroup(b); // the worker and its ffmpeg, mid-chunk

    await until(
      () => !["pending", "processing"].includes(engine.exports.get(sessionId, job.id).status),
      "the export to end",
      180_000,
    ).catch(async (err) => {
      throw new Error(`${err.message}: ${JSON.stringify(await parts(job.id))}`);
    });
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      error: null,
      progress: 100,
    });
    list = await parts(job.id);
    expect(list.every((p) => p.state === "completed")).toBe(true);
    // The killed chunk ran again on worker A; every other chunk ran exactly once.
    const again = list.find((p) => p.name === killed!.name)!;
    expect(again.runs).toBe(2);
    expect(ranBy(again, a)).toBe(true);
    expect(list.filter((p) => p.name !== killed!.name).map((p) => p.runs)).toEqual(
      Array(10).fill(1),
    );
    for (const d of doneBefore)
      expect(list.find((p) => p.name === d.name)).toMatchObject({ runs: 1, by: d.by });
    expect(progress.length).toBeGreaterThan(2); // aggregated from the parts, relayed through Redis
    expect(countFrames(engine.exports.file(sessionId, job.id, "mp4").path)).toEqual({
      frames: 300,
      samples: 480_256,
    }); // 10 s; the last AAC frame whole
    expect(chunkFiles(dataDir, sessionId)).toEqual([]);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0 });
    killGroup(a);
  }, 240_000);

  it("when the worker holding the export dies, another takes the export over and keeps the finished chunks", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wchunks-"));
    const engine = web(dataDir);
    const workers = await Promise.all([startWorker(dataDir), startWorker(dataDir)]);
    const { tokenId, sessionId } = chunkedProject(engine, 10);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await untilAsync(
      async () => (await parts(job.id)).filter((p) => p.state === "completed").length >= 2,
      "two finished chunks",
    );
    const holder = workers.find((w) => ranBy(rowOf(dataDir, job.id), w))!;
    const other = workers.find((w) => w !== holder)!;
    const doneBefore = (await parts(job.id)).filter((p) => p.state === "completed");
    killGroup(holder);

    await until(
      () => !["pending", "processing"].includes(engine.exports.get(sessionId, job.id).status),
      "the export to end",
      180_000,
    );
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      error: null,
    });
    expect(ranBy(rowOf(dataDir, job.id), other)).toBe(true);
    expect(rowOf(dataDir, job.id)?.attempts).toBe(2);
    const list = await parts(job.id);
    expect(list.length).toBe(11); // no part queued twice
    for (const d of doneBefore)
      expect(list.find((p) => p.name === d.name)).toMatchObject({ state: "completed", runs: 1 });
    expect(countFrames(engine.exports.file(sessionId, job.id, "mp4").path)).toEqual({
      frames: 300,
      samples: 480_256,
    });
    killGroup(other);
  }, 240_000);

  it("a worker stopped (SIGTERM past its grace time) hands the export back; another worker finishes it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wchunks-"));
    const engine = web(dataDir);
    const a = await startWorkerProcess({ ...env(), DATA_DIR: dataDir }, [
      "--grace-ms",
      "100",
      "--lock-ms",
      "1500",
      "--stalled-ms",
      "300",
    ]);
    const { tokenId, sessionId } = chunkedProject(engine, 6);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await untilAsync(
      async () => (await parts(job.id)).some((p) => p.state === "active"),
      "a part to start",
    );
    a.kill("SIGTERM");
    await new Promise((r) => a.once("exit", r));
    const b = await startWorker(dataDir);
    await until(
      () => !["pending", "processing"].includes(engine.exports.get(sessionId, job.id).status),
      "the export to end",
      180_000,
    );
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      error: null,
    });
    expect(ranBy(rowOf(dataDir, job.id), b)).toBe(true);
    expect(countFrames(engine.exports.file(sessionId, job.id, "mp4").path).frames).toBe(180);
    killGroup(b);
  }, 240_000);

  it("cancel from the web process stops every chunk on every worker", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wchunks-"));
    const engine = web(dataDir);
    const [a, b] = await Promise.all([startWorker(dataDir), startWorker(dataDir)]);
    const { tokenId, sessionId } = chunkedProject(engine, 10);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await untilAsync(async () => {
      const busy = (await parts(job.id)).filter((p) => p.state === "active");
      return busy.some((p) => ranBy(p, a)) && busy.some((p) => ranBy(p, b));
    }, "both workers to render a chunk");

    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await untilAsync(
      async () => (await parts(job.id)).every((p) => p.state !== "waiting" && p.state !== "active"),
      "every chunk to stop",
      20_000,
    );
    const scratch = path.join(dataDir, "work", "parts");
    await until(
      () =>
        spawnSync("pgrep", ["-f", `ffmpeg.*${scratch}`]).status !== 0 &&
        chunkFiles(dataDir, sessionId).length === 0,
      "the chunks' ffmpeg and files to go",
      20_000,
    );
    expect(
      (await parts(job.id)).filter(
        (p) => p.state === "failed" && p.failedReason?.includes("cancelled"),
      ).length,
    ).toBeGreaterThanOrEqual(2);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    killGroup(a);
    killGroup(b);
  }, 120_000);
});

async function untilAsync(check: () => Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
