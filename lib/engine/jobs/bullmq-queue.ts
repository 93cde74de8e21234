import type { Job } from "bullmq";
import { bullId, connectBullmq, delay, rowId } from "./bullmq-connection";
import { createReconciler } from "./bullmq-reconciler";
import { CANCEL_CHANNEL, CANCEL_KEY, STALLED_REASON, startWorkers } from "./bullmq-worker";
import type { JobStore } from "./job-store";
import type { EnqueueInput, Queue } from "./queue";
import { createQueueCore } from "./queue-core";
import { CANCELLED } from "./run-job";
import { runnerAlive } from "./runner";

// The Queue on BullMQ (QUEUE=bullmq). The `jobs` table stays the truth about a job (the
// web app reads it exactly as with the in-process queue); Redis only carries "run this
// id", progress/status events back to the web process, and cancel requests to workers.
// The web process enqueues, cancels and subscribes; `work: true` (scripts/worker.ts)
// also takes jobs. Every SQLite update into a final status is guarded, so whichever
// process wins it settles credits, once.
//
// Parts: the connection (Redis, lanes, events: bullmq-connection.ts), the reconciler
// (rows vs Redis: bullmq-reconciler.ts) and the worker pool (bullmq-worker.ts).

export { CANCEL_CHANNEL, STALLED_REASON } from "./bullmq-worker";
export { UNQUEUED_REASON } from "./bullmq-reconciler";

export interface BullmqQueueOptions {
  store: JobStore;
  redisUrl: string;
  /** Take jobs in this process (the worker); the web process only enqueues. */
  work?: boolean;
  /** Exports at once in this worker (RENDER_CONCURRENCY). */
  concurrency: number;
  /** Kinds with their own BullMQ queue and limit (previews never wait behind exports). */
  lanes?: Record<string, number>;
  /** BullMQ queue name prefix; tests use their own Redis, deployments may share one. */
  prefix?: string;
  /** How long a dead worker's job stays locked before another worker takes it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  progressEveryMs?: number;
  /** How often the web process re-checks unfinished rows against Redis (a Redis restart loses jobs). */
  reconcileEveryMs?: number;
  /** A processing row with no BullMQ job and no progress for this long is failed (default 5 min). */
  staleMs?: number;
  /** How long enqueue waits for Redis before failing the export with a sentence. */
  enqueueTimeoutMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export type BullmqQueue = Queue;

export function createBullmqQueue(opts: BullmqQueueOptions): BullmqQueue {
  const { store } = opts;
  const log = opts.log ?? ((m, e) => console.error(`[queue] ${m}`, e ?? ""));
  const running = new Map<string, { ac: AbortController; job: Job }>();
  const mine = new Set<string>(); // enqueued here: idle() waits for them
  const core = createQueueCore(store, { progressEveryMs: opts.progressEveryMs ?? 500, log });
  const { emit, settle, fail } = core;
  let closed = false;
  let handingBack = false;

  const conn = connectBullmq({
    redisUrl: opts.redisUrl,
    prefix: opts.prefix ?? "vso",
    lanes: opts.lanes ?? {},
    log,
  });
  const reconciler = createReconciler({
    conn,
    store,
    isRunningHere: (id) => running.has(id),
    fail,
    log,
    enqueueTimeoutMs: opts.enqueueTimeoutMs,
  });

  // This process learns about other processes' progress and results through QueueEvents.
  for (const ev of conn.events) {
    ev.on("progress", ({ jobId: bullId, data }) => {
      const row = store.get(rowId(bullId));
      const p = data as { progress?: number; eta?: number | null };
      if (row)
        emit(
          row.status === "processing" && typeof p.progress === "number"
            ? { ...row, progress: p.progress, eta: p.eta ?? null }
            : row,
        );
    });
    ev.on("completed", ({ jobId: bullId }) => emit(store.get(rowId(bullId))));
    ev.on("failed", ({ jobId: bullId, failedReason }) => {
      const jobId = rowId(bullId);
      const row = store.get(jobId);
      // Only a job that never reached the handler's end is still unfinished here
      // (stalled twice, or lost): fail it so it never stays "processing".
      if (
        row &&
        (row.status === "pending" || row.status === "processing") &&
        !running.has(jobId) &&
        !runnerAlive(row.runner)
      ) {
        log(`job ${jobId} failed in BullMQ: ${failedReason}`);
        fail(jobId, STALLED_REASON);
      } else emit(row);
    });
  }

  const workers = opts.work
    ? startWorkers({
        ...opts,
        conn,
        store,
        core,
        running,
        log,
        stopping: () => closed || handingBack,
      })
    : [];
  // The web process reconciles every minute; workers need not (there may be many).
  const stopReconciling = opts.work
    ? () => undefined
    : reconciler.every(opts.reconcileEveryMs ?? 60_000, STALLED_REASON, opts.staleMs ?? 5 * 60_000);

  async function shutdown(graceMs: number): Promise<void> {
    if (closed) return;
    const stopping = Promise.all(workers.map((w) => w.close()));
    const timer = setTimeout(() => {
      handingBack = true;
      for (const r of running.values()) r.ac.abort();
    }, graceMs);
    // With Redis gone, BullMQ's close never resolves: once nothing runs here (or the hand-back
    // had its chance) stop waiting; stalled-job recovery sorts out the rest.
    const drained = (async () => {
      const end = Date.now() + graceMs + 10_000;
      while (running.size > 0 && Date.now() < end) await delay(100);
      await delay(1_000);
    })();
    await Promise.race([stopping, drained]);
    clearTimeout(timer);
    closed = true;
    stopReconciling();
    core.retire();
    await conn.close();
  }

  return {
    define: core.define,
    enqueue(input: EnqueueInput) {
      const job = store.insert(input);
      mine.add(job.id);
      void reconciler.enqueue(job);
      return job;
    },
    cancel(jobId) {
      const job = store.get(jobId);
      if (!job) return null;
      if (job.status === "pending") {
        if (store.finish(jobId, "cancelled", { error: CANCELLED })) settle(jobId);
        // A worker that picks it up anyway finds the row cancelled and skips it.
        void conn
          .queueOf(job.kind)
          .remove(bullId(jobId))
          .catch(() => undefined);
      } else if (job.status === "processing") {
        // The mark covers a worker that dies now: the re-run after the stall is skipped.
        void conn.redis
          .multi()
          .set(CANCEL_KEY(jobId), "1", "EX", 24 * 3600)
          .publish(CANCEL_CHANNEL, jobId)
          .exec()
          .catch((err) => log(`could not cancel job ${jobId}`, err));
        running.get(jobId)?.ac.abort();
      }
      return store.get(jobId);
    },
    subscribe: core.subscribe,
    onSettled: core.onSettled,
    recover(reason) {
      const rows = store.unfinished();
      void reconciler.reconcile(reason, rows, 0).catch((err) => log("recovery", err));
      return rows;
    },
    async idle() {
      for (;;) {
        for (const id of mine) {
          const s = store.get(id)?.status;
          if (s !== "pending" && s !== "processing") mine.delete(id);
        }
        if (mine.size === 0 && running.size === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      void shutdown(0);
    },
    shutdown,
    async ready() {
      await Promise.all([conn.ready(), ...workers.map((w) => w.waitUntilReady())]);
    },
  };
}
