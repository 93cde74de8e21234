import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "@/tests/support/engine/test-engine";
import { createJobStore, type JobRow } from "@/lib/engine/jobs/job-store";
import { openDatabase } from "@/lib/engine/store/open-database";
import { chunkedProject, chunkFiles, chunkRows, countFrames } from "@/tests/support/chunked-export";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import {
  killAllWorkers,
  killGroup,
  startWorkerProcess,
  type WorkerProcess,
} from "@/tests/support/worker-process";

// QUEUE=bullmq with chunked exports (RENDER_CHUNK_SECONDS=1 on one-second pieces): the
// chunks of one export are jobs that any free `scripts/worker.ts` process takes, a worker
// killed mid-chunk costs only that chunk (another worker renders it again), the worker
// holding the export can die without losing the finished chunks, and cancel from the web
// process stops every chunk on every worker. Real Redis, real ffmpeg.

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
const ranBy = (row: JobRow | null | undefined, w: WorkerProcess) =>
  !!row?.runner?.includes(`:${w.pid}:`);

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
    await until(() => chunkRows(dataDir, job.id).length === 11, "the chunk jobs to be queued");

    const b = await startWorker(dataDir);
    let killed: JobRow | undefined;
    await until(
      () =>
        !!(killed = chunkRows(dataDir, job.id).find(
          (r) => r.status === "processing" && ranBy(r, b),
        )),
      "worker B to take a chunk",
    );
    const doneBefore = chunkRows(dataDir, job.id).filter((r) => r.status === "completed");
    killGroup(b); // the worker and its ffmpeg, mid-chunk

    await until(
      () =>
        engine.exports.get(sessionId, job.id).status !== "processing" &&
        engine.exports.get(sessionId, job.id).status !== "pending",
      "the export to end",
      180_000,
    ).catch((err) => {
      throw new Error(
        `${err.message}: ${JSON.stringify(chunkRows(dataDir, job.id).map((r) => [r.id.slice(-14), r.status, r.attempts, r.runner, r.error]))} parent ${JSON.stringify(engine.exports.get(sessionId, job.id))}`,
      );
    });
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      error: null,
      progress: 100,
    });
    const rows = chunkRows(dataDir, job.id);
    expect(rows.every((r) => r.status === "completed")).toBe(true);
    // The killed chunk ran again on worker A; every other chunk ran exactly once.
    expect(rows.find((r) => r.id === killed!.id)).toMatchObject({ attempts: 2 });
    expect(
      ranBy(
        rows.find((r) => r.id === killed!.id),
        a,
      ),
    ).toBe(true);
    expect(rows.filter((r) => r.id !== killed!.id).map((r) => r.attempts)).toEqual(
      Array(10).fill(1),
    );
    for (const d of doneBefore)
      expect(rows.find((r) => r.id === d.id)).toMatchObject({ attempts: 1, runner: d.runner });
    expect(progress.length).toBeGreaterThan(2); // aggregated from the chunk rows, relayed through Redis
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
    await until(
      () => chunkRows(dataDir, job.id).filter((r) => r.status === "completed").length >= 2,
      "two finished chunks",
    );
    const holder = workers.find((w) => ranBy(rowOf(dataDir, job.id), w))!;
    const other = workers.find((w) => w !== holder)!;
    const doneBefore = chunkRows(dataDir, job.id).filter((r) => r.status === "completed");
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
    const rows = chunkRows(dataDir, job.id);
    expect(rows.length).toBe(11); // no part queued twice
    for (const d of doneBefore)
      expect(rows.find((r) => r.id === d.id)).toMatchObject({ status: "completed", attempts: 1 });
    expect(countFrames(engine.exports.file(sessionId, job.id, "mp4").path)).toEqual({
      frames: 300,
      samples: 480_256,
    });
    killGroup(other);
  }, 240_000);

  it("cancel from the web process stops every chunk on every worker", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wchunks-"));
    const engine = web(dataDir);
    const [a, b] = await Promise.all([startWorker(dataDir), startWorker(dataDir)]);
    const { tokenId, sessionId } = chunkedProject(engine, 10);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await until(() => {
      const busy = chunkRows(dataDir, job.id).filter((r) => r.status === "processing");
      return busy.some((r) => ranBy(r, a)) && busy.some((r) => ranBy(r, b));
    }, "both workers to render a chunk");

    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await until(
      () =>
        chunkRows(dataDir, job.id).every(
          (r) => r.status !== "pending" && r.status !== "processing",
        ),
      "every chunk to stop",
      20_000,
    );
    const chunksDir = path.join(dataDir, "exports", sessionId, ".chunks");
    await until(
      () =>
        spawnSync("pgrep", ["-f", `ffmpeg.*${chunksDir}`]).status !== 0 &&
        chunkFiles(dataDir, sessionId).length === 0,
      "the chunks' ffmpeg and files to go",
      20_000,
    );
    expect(
      chunkRows(dataDir, job.id).filter((r) => r.status === "cancelled").length,
    ).toBeGreaterThanOrEqual(2);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    killGroup(a);
    killGroup(b);
  }, 120_000);
});
