// Queue benchmark: `npx tsx bench/queue.ts` (needs redis-server; BENCH_JOBS=n, default 200).
// What moving renders to BullMQ costs, against the in-process queue measured in the same run:
//   1. latency: one no-op job at a time, enqueue -> the web side hears "completed" (median, p95)
//   2. throughput: BENCH_JOBS no-op jobs enqueued at once, until all are completed
//   3. real renders: 3 exports of a 3 s 320x240 clip at 720p through engine.exports, the
//      in-process queue vs one `npm run worker` child process (RENDER_CONCURRENCY=1 both)
// The BullMQ side is a web queue (enqueue only) and a worker queue on separate SQLite
// connections, as two processes would have.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { createBullmqQueue } from "@/lib/engine/jobs/bullmq-queue";
import { createInProcessQueue } from "@/lib/engine/jobs/in-process-queue";
import { createJobStore } from "@/lib/engine/jobs/job-store";
import type { Queue } from "@/lib/engine/jobs/queue";
import { openDatabase } from "@/lib/engine/store/open-database";
import { addMedia, setDraft, testEngine, visitor } from "@/tests/support/engine/test-engine";
import type { Engine } from "@/lib/engine/create-engine";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { makeClip } from "@/tests/support/make-media";
import { startRedis } from "@/tests/support/redis";

const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const noop = {
  kind: "noop",
  payload: z.object({}),
  run: async (_p: object, ctx: { progress(r: number, e: number | null): void }) => (
    ctx.progress(0.5, null),
    { output: null }
  ),
};
const job = (id: string) => ({
  id,
  sessionId: "ses",
  tokenId: null,
  kind: "noop",
  preset: null,
  payload: {},
  credits: 0,
});

function finished(queue: Queue, id: string): Promise<void> {
  return new Promise((resolve) => {
    const off = queue.subscribe(id, (j) => j.status === "completed" && (off(), resolve()));
  });
}

async function measure(web: Queue): Promise<{ median: number; p95: number; throughput: number }> {
  const lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = `lat-${i}-${Math.random()}`;
    const t0 = performance.now();
    const done = finished(web, id);
    web.enqueue(job(id));
    await done;
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  const ids = Array.from({ length: JOBS }, (_, i) => `tp-${i}-${Math.random()}`);
  const t0 = performance.now();
  const all = Promise.all(ids.map((id) => finished(web, id)));
  ids.forEach((id) => web.enqueue(job(id)));
  await all;
  const secs = (performance.now() - t0) / 1000;
  return { median: lat[25], p95: lat[47], throughput: JOBS / secs };
}

async function renders(engine: Engine): Promise<number> {
  const jobs = [];
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) {
    const v = visitor(engine);
    const clip = recordFor(
      makeClip({ seconds: 3, width: 320, height: 240, fps: 25, name: "bench-queue-3s.mp4" }),
      "video",
      `med_bench_${i}`,
    );
    addMedia(engine, v.sessionId, clip);
    setDraft(
      engine,
      v.sessionId,
      makeDraft({ video: [{ src: clip.id, out: clip.probe.durationMs }] }),
    );
    jobs.push({
      ...v,
      id: engine.exports.start(v.sessionId, v.tokenId, { preset: "720p", preview: false }).id,
    });
  }
  for (;;) {
    const states = jobs.map((j) => engine.exports.get(j.sessionId, j.id).status);
    if (states.some((s) => s === "failed" || s === "cancelled"))
      throw new Error(`a render did not complete: ${states.join(", ")}`);
    if (states.every((s) => s === "completed")) return (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-queue-"));
  const children: ReturnType<typeof spawn>[] = [];
  try {
    const ipDb = openDatabase(path.join(dir, "inprocess.sqlite"));
    const inProcess = createInProcessQueue({
      store: createJobStore(ipDb),
      concurrency: 1,
      progressEveryMs: 500,
      log: () => undefined,
    });
    inProcess.define(noop);
    const a = await measure(inProcess);
    inProcess.close();

    const file = path.join(dir, "bull.sqlite");
    const open = () => {
      const db = openDatabase(file);
      return { db, store: createJobStore(db) };
    };
    // A worker has no database: it reports through Redis and the web side writes the rows.
    const worker = createBullmqQueue({
      redisUrl: redis.url,
      work: true,
      concurrency: 1,
      log: () => undefined,
    });
    worker.define(noop);
    const webSide = createBullmqQueue({
      ...open(),
      redisUrl: redis.url,
      concurrency: 1,
      log: () => undefined,
    });
    await Promise.all([worker.ready(), webSide.ready()]);
    const b = await measure(webSide);
    await Promise.all([worker.shutdown(0), webSide.shutdown(0)]);

    const inProcessEngine = testEngine(path.join(dir, "engine-inprocess"), { FREE_CREDITS: "100" });
    const rA = await renders(inProcessEngine);
    inProcessEngine.exports.close();
    const bullDir = path.join(dir, "engine-bullmq");
    const bullEngine = testEngine(bullDir, {
      FREE_CREDITS: "100",
      QUEUE: "bullmq",
      REDIS_URL: redis.url,
    });
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(__dirname, "../scripts/worker.ts")],
      {
        cwd: path.resolve(__dirname, ".."),
        env: {
          ...process.env,
          DATA_DIR: bullDir,
          QUEUE: "bullmq",
          REDIS_URL: redis.url,
          RENDER_CONCURRENCY: "1",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    children.push(child);
    await new Promise<void>((resolve) =>
      child.stdout!.on("data", (d) => String(d).includes("worker ready") && resolve()),
    );
    const rB = await renders(bullEngine);
    await (bullEngine.queue as ReturnType<typeof createBullmqQueue>).shutdown(0);

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`no-op jobs, one at a time (latency enqueue -> completed heard by the web side):`);
    console.log(`  in-process  median ${ms(a.median)}  p95 ${ms(a.p95)}`);
    console.log(
      `  BullMQ      median ${ms(b.median)}  p95 ${ms(b.p95)}  (+${ms(b.median - a.median)} per job)`,
    );
    console.log(`${JOBS} no-op jobs at once (throughput):`);
    console.log(`  in-process  ${a.throughput.toFixed(0)} jobs/s`);
    console.log(
      `  BullMQ      ${b.throughput.toFixed(0)} jobs/s  (${(b.throughput / a.throughput).toFixed(2)}x)`,
    );
    console.log(`3 real exports (3 s 320x240 -> 720p), one at a time:`);
    console.log(`  in-process  ${rA.toFixed(2)} s`);
    console.log(`  BullMQ + 1 worker process  ${rB.toFixed(2)} s  (${(rB / rA).toFixed(2)}x)`);
  } finally {
    children.forEach((c) => c.kill("SIGKILL"));
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
