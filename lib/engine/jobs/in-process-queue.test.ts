import { spawnSync } from "node:child_process";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { openDatabase } from "../store/open-database";
import { FfmpegError } from "../ffmpeg/run-ffmpeg";
import { createInProcessQueue, userMessage } from "./in-process-queue";
import { createJobStore } from "./job-store";
import type { JobDefinition, Queue } from "./queue";

// The queue with small in-test job definitions: no ffmpeg, just promises we control.

function setup(concurrency = 1) {
  const db = openDatabase(":memory:");
  const store = createJobStore(db);
  const queue = createInProcessQueue({
    store,
    concurrency,
    progressEveryMs: 0,
    log: () => undefined,
  });
  return { db, store, queue };
}

/** A job that waits until released (or aborted), recording how many run at once. */
function gated() {
  const gates = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const def: JobDefinition<{ n: number }> = {
    kind: "test",
    payload: z.object({ n: z.number() }),
    run: (_p, ctx) =>
      new Promise((resolve, reject) => {
        running++;
        peak = Math.max(peak, running);
        ctx.progress(0.5, 3);
        ctx.signal.addEventListener("abort", () => {
          running--;
          reject(new AppError("cancelled", "The job was cancelled."));
        });
        gates.set(ctx.jobId, () => {
          running--;
          resolve({ output: `/out/${ctx.jobId}` });
        });
      }),
  };
  return { def, gates, peak: () => peak };
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
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("in-process queue", () => {
  it("runs at most `concurrency` jobs at once, oldest first, and records progress", async () => {
    const { queue, store } = setup(2);
    const g = gated();
    queue.define(g.def);
    ["j1", "j2", "j3"].forEach((id) => queue.enqueue(job(id)));
    await until(() => g.gates.size === 2);
    expect([...g.gates.keys()]).toEqual(["j1", "j2"]);
    expect(store.get("j3")!.status).toBe("pending");
    expect(store.get("j1")).toMatchObject({
      status: "processing",
      progress: 50,
      eta: 3,
      attempts: 1,
    });
    g.gates.get("j1")!();
    await until(() => g.gates.has("j3"));
    g.gates.get("j2")!();
    g.gates.get("j3")!();
    await queue.idle();
    expect(g.peak()).toBe(2);
    expect(store.get("j3")).toMatchObject({
      status: "completed",
      progress: 100,
      output: "/out/j3",
      eta: null,
    });
  });

  it("gives a kind its own lane, so a preview does not wait behind a long export", async () => {
    const db = openDatabase(":memory:");
    const store = createJobStore(db);
    const queue = createInProcessQueue({
      store,
      concurrency: 1,
      lanes: { quick: 1 },
      log: () => undefined,
    });
    const slow = gated();
    const quick = gated();
    queue.define(slow.def);
    queue.define({ ...quick.def, kind: "quick" });
    queue.enqueue(job("export-1"));
    queue.enqueue(job("export-2"));
    queue.enqueue({ ...job("preview-1"), kind: "quick" });
    await until(() => quick.gates.has("preview-1"));
    expect([...slow.gates.keys()]).toEqual(["export-1"]);
    expect(store.get("export-2")!.status).toBe("pending");
    quick.gates.get("preview-1")!();
    slow.gates.get("export-1")!();
    await until(() => slow.gates.has("export-2"));
    slow.gates.get("export-2")!();
    await queue.idle();
    expect(store.get("export-2")!.status).toBe("completed");
  });

  it("fails a job whose payload does not fit its definition, once, without running it", async () => {
    const { queue, store } = setup();
    const g = gated();
    queue.define(g.def);
    const settled: string[] = [];
    queue.onSettled((j) => settled.push(`${j.id}:${j.status}`));
    queue.enqueue(job("bad", { n: "not a number" }));
    await queue.idle();
    expect(store.get("bad")).toMatchObject({ status: "failed", attempts: 0 });
    expect(store.get("bad")!.error).toMatch(/start it again/);
    expect(settled).toEqual(["bad:failed"]);
    expect(g.gates.size).toBe(0);
  });

  it("cancels a waiting job at once and a running one through its AbortSignal, settling each once", async () => {
    const { queue, store } = setup(1);
    const g = gated();
    queue.define(g.def);
    const settled: string[] = [];
    queue.onSettled((j) => settled.push(`${j.id}:${j.status}`));
    queue.enqueue(job("run"));
    queue.enqueue(job("wait"));
    await until(() => g.gates.has("run"));
    expect(queue.cancel("wait")!.status).toBe("cancelled");
    queue.cancel("run");
    await queue.idle();
    expect(store.get("run")).toMatchObject({
      status: "cancelled",
      error: "You cancelled this export.",
    });
    queue.cancel("run"); // again: nothing changes, nothing settles twice
    expect(settled.sort()).toEqual(["run:cancelled", "wait:cancelled"]);
  });

  it("tells subscribers about progress and the final status", async () => {
    const { queue } = setup();
    const g = gated();
    queue.define(g.def);
    const seen: string[] = [];
    queue.enqueue(job("s"));
    queue.subscribe("s", (j) => seen.push(`${j.status}:${j.progress}`));
    await until(() => g.gates.has("s"));
    g.gates.get("s")!();
    await queue.idle();
    expect(seen).toContain("processing:50");
    expect(seen.at(-1)).toBe("completed:100");
  });

  it("after a restart re-runs waiting jobs and fails the ones that were running, with the reason", async () => {
    const db = openDatabase(":memory:");
    const store = createJobStore(db);
    const first: Queue = createInProcessQueue({ store, concurrency: 1, log: () => undefined });
    const g1 = gated();
    first.define(g1.def);
    first.enqueue(job("was-running"));
    first.enqueue(job("was-waiting"));
    await until(() => g1.gates.has("was-running"));
    first.close(); // the process "dies": nothing is settled

    expect(store.get("was-running")!.status).toBe("processing");
    const second = createInProcessQueue({ store, concurrency: 1, log: () => undefined });
    const g2 = gated();
    second.define(g2.def);
    const settled: string[] = [];
    second.onSettled((j) => settled.push(`${j.id}:${j.status}`));
    second.recover("The server restarted during this export; start it again.");
    expect(store.get("was-running")).toMatchObject({
      status: "failed",
      error: "The server restarted during this export; start it again.",
    });
    await until(() => g2.gates.has("was-waiting"));
    g2.gates.get("was-waiting")!();
    await second.idle();
    expect(store.get("was-waiting")!.status).toBe("completed");
    expect(settled).toEqual(["was-running:failed", "was-waiting:completed"]);
  });
});

describe("recovery with several processes on one data folder", () => {
  it("leaves a job alone while its runner process is alive, and fails it once that process is gone", () => {
    const db = openDatabase(":memory:");
    const store = createJobStore(db);
    store.insert(job("alive"));
    store.insert(job("dead"));
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
    store.claim("alive", `${os.hostname()}:${process.ppid}:cli`);
    store.claim("dead", `${os.hostname()}:${deadPid}:cli`);
    const queue = createInProcessQueue({ store, concurrency: 1, log: () => undefined });
    queue.recover("restarted");
    expect(store.get("alive")!.status).toBe("processing");
    expect(store.get("dead")).toMatchObject({ status: "failed", error: "restarted" });
    queue.close();
  });
});

describe("userMessage", () => {
  it.each([
    [
      new AppError("validation", "The timeline is empty: add a clip before exporting."),
      "The timeline is empty: add a clip before exporting.",
    ],
    [
      new FfmpegError("ffmpeg failed (exit 1): Invalid data", 1, "..."),
      /could not be rendered\. Please try again/,
    ],
    [new Error("boom"), /could not be rendered/],
  ])("turns %s into a sentence", (err, expected) => {
    if (typeof expected === "string") expect(userMessage(err)).toBe(expected);
    else expect(userMessage(err)).toMatch(expected);
  });
});
