import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Queue as BullQueue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BullmqQueue } from "@/lib/engine/jobs/bullmq-queue";
import {
  countFrames,
  partJobs,
  setPiecesDraft,
  type PartJob,
} from "@/tests/support/chunked-export";
import { testEngine, visitor, type TestEngine } from "@/tests/support/engine/test-engine";
import { s3Env, startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { makeClip } from "@/tests/support/make-media";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import {
  killAllWorkers,
  killGroup,
  startWorkerProcess,
  type WorkerProcess,
} from "@/tests/support/worker-process";

// The whole scaled deployment on one machine: the web app, Redis, S3 (a fake bucket) and
// render workers that each have their OWN DATA_DIR, as on other machines: they share
// nothing with the web app but Redis and the bucket. The upload is removed from the web
// app's disk once it is in the bucket, workers never open a database, and still a chunked
// export renders across them, a killed worker costs one chunk, cancel stops every part,
// and a web app restarted while a worker finishes completes the row. Real ffmpeg.

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
  RENDER_CHUNK_SECONDS: "1",
  RENDER_CONCURRENCY: "1",
  ...s3Env(s3),
});
const tmp = (what: string) => fs.mkdtempSync(path.join(os.tmpdir(), `vso-remote-${what}-`));

function web(dataDir: string): TestEngine {
  const engine = testEngine(dataDir, env());
  engines.push(engine);
  return engine;
}

/** A worker on "another machine": its own scratch DATA_DIR. */
async function remoteWorker(): Promise<WorkerProcess & { dataDir: string }> {
  const dataDir = tmp("worker");
  const w = await startWorkerProcess({ ...env(), DATA_DIR: dataDir }, [
    "--lock-ms",
    "1500",
    "--stalled-ms",
    "300",
  ]);
  return Object.assign(w, { dataDir });
}

/** An uploaded clip cut into `pieces` one-second pieces; the upload then leaves the web app's disk. */
async function project(engine: TestEngine, pieces: number) {
  const v = visitor(engine);
  const copy = path.join(tmp("src"), "talk.mp4");
  fs.copyFileSync(
    makeClip({
      seconds: pieces + 1,
      width: 640,
      height: 360,
      fps: 25,
      name: `remote-${pieces}.mp4`,
    }),
    copy,
  );
  const { files, failed } = await engine.media.ingestFile(v.sessionId, copy, "talk.mp4");
  expect(failed).toEqual([]);
  await engine.media.settled(files[0].id);
  const media = files[0];
  expect(s3.objects.has(`media/${v.sessionId}/${media.id}/${path.basename(media.path)}`)).toBe(
    true,
  );
  fs.rmSync(media.path); // only the bucket has it now: no worker can read the web app's copy
  setPiecesDraft(engine, v.sessionId, media.id, pieces);
  return v;
}

const keys = (prefix: string) => [...s3.objects.keys()].filter((k) => k.startsWith(prefix));
const parts = (id: string) => partJobs(redis.url, id);
const ranBy = (p: PartJob | undefined, w: WorkerProcess) => !!p?.by?.includes(`:${w.pid}:`);
const ended = (engine: TestEngine, sessionId: string, id: string) =>
  !["pending", "processing"].includes(engine.exports.get(sessionId, id).status);

/** No database file anywhere under a worker's folder. */
function noDatabase(dir: string): void {
  const found = fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.includes("vso.sqlite"));
  expect(found).toEqual([]);
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("workers with their own DATA_DIR (STORAGE=s3)", () => {
  it("render a chunked export across two machines; a killed worker costs one chunk; the web app charges once and serves the download from the bucket", async () => {
    const webDir = tmp("web");
    const engine = web(webDir);
    const a = await remoteWorker();
    const { tokenId, sessionId } = await project(engine, 8);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    const progress: number[] = [];
    engine.exports.subscribe(job.id, (j) => j.status === "processing" && progress.push(j.progress));
    await until(async () => (await parts(job.id)).length === 9, "the parts to be queued");

    const b = await remoteWorker();
    let killed: PartJob | undefined;
    await until(
      async () =>
        !!(killed = (await parts(job.id)).find((p) => p.state === "active" && ranBy(p, b))),
      "worker B to take a chunk",
    );
    killGroup(b); // the machine goes away mid-chunk

    await until(() => ended(engine, sessionId, job.id), "the export to end", 180_000);
    const done = engine.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "completed", error: null, progress: 100, hasSrt: true });
    expect(done.shareId).not.toBeNull();
    const list = await parts(job.id);
    const again = list.find((p) => p.name === killed!.name)!;
    expect(again).toMatchObject({ state: "completed", runs: 2 });
    expect(ranBy(again, a)).toBe(true);
    expect(list.filter((p) => p.name !== killed!.name).every((p) => p.runs === 1)).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    // Credits moved once, in the web app's database.
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });

    const d = await engine.exports.download(sessionId, job.id, "mp4");
    expect(d.kind).toBe("redirect");
    const saved = path.join(tmp("dl"), "video.mp4");
    fs.writeFileSync(
      saved,
      Buffer.from(await (await fetch((d as { url: string }).url)).arrayBuffer()),
    );
    expect(countFrames(saved)).toEqual({ frames: 240, samples: 384_000 });

    expect(keys(`chunks/${sessionId}/`)).toEqual([]); // the parts go once joined
    expect(fs.existsSync(path.join(webDir, "exports", sessionId, job.id))).toBe(false);
    noDatabase(a.dataDir);
    noDatabase(b.dataDir);
    killGroup(a);
  }, 300_000);

  it("cancel from the web app stops every part on every machine and keeps none of them", async () => {
    const engine = web(tmp("web"));
    const [a, b] = await Promise.all([remoteWorker(), remoteWorker()]);
    const { tokenId, sessionId } = await project(engine, 10);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await until(async () => {
      const busy = (await parts(job.id)).filter((p) => p.state === "active");
      return busy.some((p) => ranBy(p, a)) && busy.some((p) => ranBy(p, b));
    }, "both workers to render a part");

    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await until(
      async () => (await parts(job.id)).every((p) => p.state !== "waiting" && p.state !== "active"),
      "every part to stop",
      20_000,
    );
    await until(
      () =>
        [a, b].every((w) => spawnSync("pgrep", ["-f", `ffmpeg.*${w.dataDir}`]).status !== 0) &&
        keys(`chunks/${sessionId}/`).length === 0,
      "the parts' ffmpeg and objects to go",
      20_000,
    );
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "cancelled",
      error: "You cancelled this export.",
    });
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
    killGroup(a);
    killGroup(b);
  }, 180_000);

  it("a web app restarted while the worker finishes completes the row from what the worker reported", async () => {
    const webDir = tmp("web");
    const first = web(webDir);
    const w = await remoteWorker();
    const { tokenId, sessionId } = await project(first, 4);
    const job = first.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    await until(
      () => first.exports.get(sessionId, job.id).status === "processing",
      "the render to start",
    );
    await (first.queue as BullmqQueue).shutdown(0); // the web app goes down

    const bull = new BullQueue("vso-render", { connection: { url: redis.url } as never });
    await until(
      async () => (await (await bull.getJob(`job-${job.id}`))?.getState()) === "completed",
      "the worker to finish meanwhile",
    );
    await bull.close();

    const again = web(webDir); // its start reconciles unfinished rows with Redis
    await until(() => ended(again, sessionId, job.id), "the row to complete", 30_000);
    const done = again.exports.get(sessionId, job.id);
    expect(done).toMatchObject({ status: "completed", error: null, progress: 100 });
    expect(done.shareId).not.toBeNull();
    expect(again.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0, total: 7 });
    const d = await again.exports.download(sessionId, job.id, "mp4");
    const saved = path.join(tmp("dl"), "video.mp4");
    fs.writeFileSync(
      saved,
      Buffer.from(await (await fetch((d as { url: string }).url)).arrayBuffer()),
    );
    expect(countFrames(saved).frames).toBe(120);
    noDatabase(w.dataDir);
    killGroup(w);
  }, 180_000);
});
