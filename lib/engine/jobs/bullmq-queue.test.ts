import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Queue as BullQueue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { startRedis, type TestRedis } from "@/tests/support/redis";
import { openDatabase } from "../store/open-database";
import {
  createBullmqQueue,
  STALLED_REASON,
  UNQUEUED_REASON,
  type BullmqQueue,
} from "./bullmq-queue";
import { createJobStore } from "./job-store";
import type { JobDefinition } from "./queue";

// The BullMQ queue against a real throwaway redis-server, with in-test job definitions
// (promises the test releases), a "web" queue with the SQLite file that enqueues and
// writes what workers report to the rows, and "worker" queues with no database at all,
// as processes on other machines would be.

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const open: BullmqQueue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.shutdown(0)));
});

function gated() {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  const def: JobDefinition<{ n: number }> = {
    kind: "test",
    payload: z.object({ n: z.number() }),
    run: (_p, ctx) =>
      new Promise((resolve, reject) => {
        started.push(ctx.jobId);
        ctx.progress(0.5, 3);
        ctx.signal.addEventListener("abort", () =>
          reject(new AppError("cancelled", "The job was cancelled.")),
        );
        gates.set(ctx.jobId, () => resolve({ output: `/out/${ctx.jobId}` }));
      }),
  };
  return { def, gates, started };
}

function setup(prefix = `t${Math.random().toString(36).slice(2, 8)}`) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-bull-")), "vso.sqlite");
  const make = (work: boolean, extra: Partial<Parameters<typeof createBullmqQueue>[0]> = {}) => {
    // Only the web process opens the database.
    const store = work ? undefined : createJobStore(openDatabase(file));
    const queue = createBullmqQueue({
      store,
      redisUrl: redis.url,
      work,
      concurrency: 1,
      prefix,
      progressEveryMs: 0,
      log: () => undefined,
      ...extra,
    });
    const settled: string[] = [];
    queue.onSettled((j) => settled.push(`${j.id}:${j.status}`));
    open.push(queue);
    return { queue, store: store!, settled };
  };
  return { make, prefix, file };
}

const job = (id: string, payload: unknown = { n: 1 }) => ({
  id,
  sessionId: "ses",
  tokenId: "tok",
  kind: "test",
  preset: null,
  payload,
  credits: 5,
});
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("BullMQ queue", () => {
  it("runs a job enqueued by the web process in a worker without a database, relays progress back, and settles it once, in the web process", async () => {
    const { make } = setup();
    const g = gated();
    const web = make(false);
    const worker = make(true);
    worker.queue.define(g.def);
    web.queue.define(g.def);
    await Promise.all([web.queue.ready(), worker.queue.ready()]);

    const seen: string[] = [];
    web.queue.subscribe("j1", (j) => seen.push(`${j.status}:${j.progress}`));
    expect(web.queue.enqueue(job("j1")).status).toBe("pending");
    await until(() => g.gates.has("j1"), "the worker to start j1");
    await until(() => seen.includes("processing:50"), "progress in the web process");
    expect(web.store.get("j1")).toMatchObject({
      status: "processing",
      progress: 50,
      eta: 3,
      attempts: 1,
    });
    g.gates.get("j1")!();
    await web.queue.idle();
    await until(() => seen.at(-1) === "completed:100", "the completion event");
    expect(web.store.get("j1")).toMatchObject({ status: "completed", output: "/out/j1" });
    expect(worker.settled).toEqual([]);
    expect(web.settled).toEqual(["j1:completed"]); // the web process settled it: credits move once
  });

  it("fails a job whose payload does not fit its definition without running or retrying it", async () => {
    const { make, prefix } = setup();
    const g = gated();
    const web = make(false);
    const worker = make(true);
    worker.queue.define(g.def);
    web.queue.enqueue(job("bad", { n: "not a number" }));
    await web.queue.idle();
    expect(web.store.get("bad")).toMatchObject({ status: "failed" });
    expect(web.store.get("bad")!.error).toMatch(/could not be read.*start it again/);
    expect(g.started).toEqual([]);
    expect(web.settled).toEqual(["bad:failed"]);
    const bull = new BullQueue(`${prefix}-render`, { connection: { url: redis.url } as never });
    const b = (await bull.getJob("job-bad"))!;
    expect(await b.getState()).toBe("failed");
    expect(b.attemptsMade).toBe(1);
    await bull.close();
  });

  it("cancels a waiting job in the web process and a running one in the worker, through Redis", async () => {
    const { make } = setup();
    const g = gated();
    const web = make(false);
    const worker = make(true);
    worker.queue.define(g.def);
    await worker.queue.ready();
    web.queue.enqueue(job("run"));
    web.queue.enqueue(job("wait"));
    await until(() => g.gates.has("run"), "the first job to start");
    expect(web.queue.cancel("wait")!.status).toBe("cancelled");
    expect(web.settled).toEqual(["wait:cancelled"]); // never reached a worker: settled here

    const statuses: string[] = [];
    web.queue.subscribe("run", (j) => statuses.push(j.status));
    expect(web.queue.cancel("run")!.status).toBe("processing");
    await until(() => statuses.includes("cancelled"), "the worker to stop the running job");
    expect(web.store.get("run")).toMatchObject({
      status: "cancelled",
      error: "You cancelled this export.",
    });
    expect(web.settled).toEqual(["wait:cancelled", "run:cancelled"]);
    await new Promise((r) => setTimeout(r, 300)); // the removed waiting job must not run
    expect(g.started).toEqual(["run"]);
  });

  it("on shutdown lets a running job finish within the grace time", async () => {
    const { make } = setup();
    const g = gated();
    const web = make(false);
    const worker = make(true);
    worker.queue.define(g.def);
    web.queue.enqueue(job("finish-me"));
    await until(() => g.gates.has("finish-me"), "the job to start");
    const stopped = worker.queue.shutdown(10_000);
    setTimeout(() => g.gates.get("finish-me")!(), 100);
    await stopped;
    await until(() => web.store.get("finish-me")!.status === "completed", "the result");
    expect(web.settled).toEqual(["finish-me:completed"]);
  });

  it("on shutdown past the grace time hands a running job back, and another worker renders it", async () => {
    const { make, prefix } = setup();
    const first = gated();
    const web = make(false);
    const a = make(true);
    a.queue.define(first.def);
    web.queue.enqueue(job("handed-back"));
    await until(() => first.gates.has("handed-back"), "worker A to start");
    await a.queue.shutdown(50);
    const bull = new BullQueue(`${prefix}-render`, { connection: { url: redis.url } as never });
    expect(await (await bull.getJob("job-handed-back"))!.getState()).toBe("waiting");
    await bull.close();
    expect(web.store.get("handed-back")!.status).toBe("processing"); // not settled: it runs again
    expect(web.settled).toEqual([]);

    const second = gated();
    const b = make(true);
    b.queue.define(second.def);
    await until(() => second.gates.has("handed-back"), "worker B to take the job");
    second.gates.get("handed-back")!();
    await web.queue.idle();
    expect(web.store.get("handed-back")).toMatchObject({ status: "completed", error: null });
    expect(web.settled).toEqual(["handed-back:completed"]);
  });

  it("fails an export at once, with a sentence, when Redis cannot be reached", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-bull-")), "vso.sqlite");
    const db = openDatabase(file);
    const store = createJobStore(db);
    const queue = createBullmqQueue({
      store,
      redisUrl: "redis://127.0.0.1:9",
      concurrency: 1,
      enqueueTimeoutMs: 300,
      log: () => undefined,
    });
    open.push(queue);
    const settled: string[] = [];
    queue.onSettled((j) => settled.push(`${j.id}:${j.status}`));
    queue.enqueue(job("no-redis"));
    await until(() => store.get("no-redis")!.status === "failed", "the enqueue to fail");
    expect(store.get("no-redis")!.error).toBe(UNQUEUED_REASON);
    expect(settled).toEqual(["no-redis:failed"]); // credits released here, once
  });

  it("on restart queues pending rows Redis never saw and fails processing rows whose job is gone, with the reason", async () => {
    const { make } = setup();
    const first = make(false);
    first.store.insert(job("lost-pending")); // the row was written, then Redis lost the job
    first.store.insert(job("lost-running"));
    first.store.claim("lost-running", "otherhost:1:gone");
    await first.queue.shutdown(0); // the web process that wrote them is gone
    const g = gated();
    const restarted = make(false);
    make(true).queue.define(g.def);
    expect(
      restarted.queue
        .recover("The server restarted during this export; start it again.")
        .map((j) => j.id)
        .sort(),
    ).toEqual(["lost-pending", "lost-running"]);
    await until(() => g.gates.has("lost-pending"), "the pending row to run");
    g.gates.get("lost-pending")!();
    await until(() => restarted.store.get("lost-pending")!.status === "completed", "completion");
    expect(restarted.store.get("lost-running")).toMatchObject({
      status: "failed",
      error: "The server restarted during this export; start it again.",
    });
    expect(restarted.settled.sort()).toEqual(["lost-pending:completed", "lost-running:failed"]);
  });

  it("while running, puts jobs a Redis restart lost back in the queue and fails stale orphans", async () => {
    const { make } = setup();
    const web = make(false, { reconcileEveryMs: 100, staleMs: 500 });
    web.queue.enqueue(job("lost-in-flush"));
    web.store.insert(job("orphan"));
    web.store.claim("orphan", "otherhost:1:gone");
    await new Promise((r) => setTimeout(r, 200));
    const { Redis } = await import("ioredis");
    const admin = new Redis(redis.url);
    await admin.flushall(); // Redis restarted without persistence
    admin.disconnect();
    const g = gated();
    const worker = make(true);
    worker.queue.define(g.def);
    await until(() => g.gates.has("lost-in-flush"), "the lost job to run again");
    g.gates.get("lost-in-flush")!();
    await until(() => web.store.get("orphan")!.status === "failed", "the orphan to fail");
    expect(web.store.get("orphan")!.error).toBe(STALLED_REASON);
    await until(
      () => web.store.get("lost-in-flush")!.status === "completed",
      "the re-queued job to complete",
    );
    expect([...web.settled, ...worker.settled].sort()).toEqual([
      "lost-in-flush:completed",
      "orphan:failed",
    ]);
  });

  it("re-runs a job once when its worker process is killed, and fails it with a sentence when that happens again", async () => {
    const { make, prefix } = setup();
    const web = make(false);
    web.queue.enqueue(job("stalls"));
    const a = await hangingWorker(prefix, "stalls");
    await until(() => web.store.get("stalls")!.progress === 50, "the progress of worker A");
    await a.kill();
    expect(web.store.get("stalls")).toMatchObject({ status: "processing", attempts: 1 });

    const b = await hangingWorker(prefix, "stalls"); // takes the stalled job over
    expect(web.store.get("stalls")!.status).toBe("processing");
    await b.kill();

    const c = make(true, { lockDurationMs: 600, stalledIntervalMs: 200 });
    c.queue.define(gated().def);
    await until(
      () => web.store.get("stalls")!.status === "failed",
      "the second stall to fail the job",
    );
    expect(web.store.get("stalls")!.error).toBe(STALLED_REASON);
    await new Promise((r) => setTimeout(r, 300));
    expect([...web.settled, ...c.settled]).toEqual(["stalls:failed"]);
  });

  it("a web process that was down while a worker finished applies the result when it starts again", async () => {
    const { make } = setup();
    const g = gated();
    const first = make(false);
    const worker = make(true);
    worker.queue.define(g.def);
    await Promise.all([first.queue.ready(), worker.queue.ready()]);
    first.queue.enqueue(job("while-down"));
    await until(() => g.gates.has("while-down"), "the worker to start");
    await until(() => first.store.get("while-down")!.status === "processing", "the row to start");
    await first.queue.shutdown(0); // the web process goes away
    g.gates.get("while-down")!(); // the worker finishes meanwhile
    await new Promise((r) => setTimeout(r, 300));
    const again = make(false);
    again.queue.define(g.def);
    expect(again.store.get("while-down")!.status).toBe("processing");
    again.queue.recover("The server restarted during this export; start it again.");
    await until(() => again.store.get("while-down")!.status === "completed", "the missed result");
    expect(again.store.get("while-down")).toMatchObject({ output: "/out/while-down", error: null });
    expect([...first.settled, ...again.settled]).toEqual(["while-down:completed"]);
  });
});

const children = new Set<ChildProcess>();
afterAll(() => children.forEach((c) => c.kill("SIGKILL")));
process.once("exit", () => children.forEach((c) => c.kill("SIGKILL")));

/** A worker process (tests/support/engine/test-bull-worker.ts) that has started `jobId`; kill() SIGKILLs it. */
async function hangingWorker(prefix: string, jobId: string): Promise<{ kill(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(__dirname, "../../../tests/support/engine/test-bull-worker.ts"),
      redis.url,
      prefix,
    ],
    {
      cwd: path.resolve(__dirname, "../../.."),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes(`started ${jobId}\n`)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return {
    async kill() {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone; // reaped: its pid no longer counts as a live runner
      children.delete(child);
    },
  };
}
