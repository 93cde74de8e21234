import { bullId, connectBullmq, delay, rowId } from "./bullmq-connection";
import { bullmqParts } from "./bullmq-parts";
import { createReconciler, endOf } from "./bullmq-reconciler";
import {
  CANCEL_CHANNEL,
  CANCEL_KEY,
  decodeEnd,
  STALLED_REASON,
  startWorkers,
  type Running,
} from "./bullmq-worker";
import type { JobStore } from "./job-store";
import type { EnqueueInput, Queue } from "./queue";
import { createQueueCore } from "./queue-core";
import { CANCELLED } from "./run-job";

// The Queue on BullMQ (QUEUE=bullmq). The `jobs` table stays the truth about a job, and
// only the web process (the one with `store`) opens it: it enqueues with everything a
// worker needs, cancels, and writes what workers report through Redis to the rows
// (QueueEvents: active, progress, completed with the result, failed with the sentence),
// settling credits and links once. Workers (`work: true`, scripts/worker.ts, no store)
// may run on other machines with their own DATA_DIR: they share only Redis and the
// storage. What the web process missed while it was down is applied by the reconciler
// at start and every minute.
//
// Parts: the connection (Redis, lanes, events: bullmq-connection.ts), the reconciler
// (rows vs Redis: bullmq-reconciler.ts), the worker pool (bullmq-worker.ts) and the
// parts of chunked renders (bullmq-parts.ts).

export { CANCEL_CHANNEL, STALLED_REASON } from "./bullmq-worker";
export { UNQUEUED_REASON } from "./bullmq-reconciler";

export interface BullmqQueueOptions {
  /** The jobs table: the web process. A worker has none. */
  store?: JobStore;
  redisUrl: string;
  /** Take jobs in this process (the worker). */
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
  /** How often the web process re-checks unfinished rows against Redis (missed results, a Redis restart). */
  reconcileEveryMs?: number;
  /** A processing row with no BullMQ job and no progress for this long is failed (default 5 min). */
  staleMs?: number;
  /** How long enqueue waits for Redis before failing the export with a sentence. */
  enqueueTimeoutMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export type BullmqQueue = Queue;

/** The runner of a row a BullMQ worker took (which worker, only Redis knows). */
const BULLMQ_RUNNER = "bullmq";

export function createBullmqQueue(opts: BullmqQueueOptions): BullmqQueue {
  const store = opts.store ?? null;
  const log = opts.log ?? ((m, e) => console.error(`[queue] ${m}`, e ?? ""));
  const running = new Map<string, Running>();
  const mine = new Set<string>(); // enqueued here: idle() waits for them
  const progressEveryMs = opts.progressEveryMs ?? 500;
  const core = createQueueCore(store, { progressEveryMs, log });
  const { emit, settle, apply } = core;
  let closed = false;
  let handingBack = false;

  const conn = connectBullmq({
    redisUrl: opts.redisUrl,
    prefix: opts.prefix ?? "vso",
    lanes: opts.lanes ?? {},
    events: store !== null,
    log,
  });

  const rows = () => {
    if (!store) throw new Error("a BullMQ worker has no jobs table; enqueue from the web app");
    return store;
  };
  /** pending -> processing, once a worker took the job. */
  function started(id: string): void {
    if (rows().claim(id, BULLMQ_RUNNER)) emit(rows().get(id));
  }

  const reconciler = store
    ? createReconciler({
        conn,
        store,
        started,
        apply,
        log,
        listening: () =>
          Promise.all(conn.events.map((e) => e.waitUntilReady())).then(() => undefined),
        enqueueTimeoutMs: opts.enqueueTimeoutMs,
      })
    : null;

  // The web process learns what workers do through QueueEvents (parts have no row).
  if (store) {
    const ofRow = (id: string) => (id.startsWith("job-") ? rowId(id) : null);
    for (const ev of conn.events) {
      ev.on("active", ({ jobId }) => {
        const id = ofRow(jobId);
        if (id && store.get(id)?.status === "pending") started(id);
      });
      ev.on("progress", ({ jobId, data }) => {
        const id = ofRow(jobId);
        const p = data as { progress?: number; eta?: number | null; runner?: string; run?: number };
        if (!id || typeof p.progress !== "number") return;
        if (store.get(id)?.status === "pending") started(id);
        if (typeof p.runner === "string") store.runBy(id, p.runner, p.run ?? 1);
        store.progress(id, p.progress, p.eta ?? null);
        emit(store.get(id));
      });
      ev.on("completed", ({ jobId, returnvalue }) => {
        const id = ofRow(jobId);
        if (id) apply(id, endOf("completed", returnvalue, undefined)!);
      });
      ev.on("failed", ({ jobId, failedReason }) => {
        const id = ofRow(jobId);
        if (!id) return;
        const end = decodeEnd(failedReason);
        if (end.error === STALLED_REASON) log(`job ${id} failed in BullMQ: ${failedReason}`);
        apply(id, end);
      });
    }
  }

  const workers = opts.work
    ? startWorkers({
        ...opts,
        conn,
        core,
        running,
        log,
        progressEveryMs,
        stopping: () => closed || handingBack,
      })
    : [];
  const stopReconciling = reconciler
    ? reconciler.every(opts.reconcileEveryMs ?? 60_000, STALLED_REASON, opts.staleMs ?? 5 * 60_000)
    : () => undefined;

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
    defineParts: core.defineParts,
    parts: (parentId) => bullmqParts(conn, parentId),
    enqueue(input: EnqueueInput) {
      const job = rows().insert(input);
      mine.add(job.id);
      void reconciler!.enqueue(job);
      return job;
    },
    cancel(jobId) {
      const job = rows().get(jobId);
      if (!job) return null;
      if (job.status === "pending") {
        if (rows().finish(jobId, "cancelled", { error: CANCELLED })) settle(jobId);
        // A worker that picks it up anyway finds the cancel mark and reports it cancelled.
        void conn
          .queueOf(job.kind)
          .remove(bullId(jobId))
          .catch(() => undefined);
      }
      if (job.status === "pending" || job.status === "processing") {
        // The mark covers a worker that dies now (the re-run after the stall stops at once)
        // and the parts of a chunked export (they stop when their export is cancelled).
        void conn.redis
          .multi()
          .set(CANCEL_KEY(jobId), "1", "EX", 24 * 3600)
          .publish(CANCEL_CHANNEL, jobId)
          .exec()
          .catch((err) => log(`could not cancel job ${jobId}`, err));
        running.get(jobId)?.ac.abort();
      }
      return rows().get(jobId);
    },
    subscribe: core.subscribe,
    onSettled: core.onSettled,
    recover(reason) {
      const list = rows().unfinished();
      void reconciler!.reconcile(reason, list, 0).catch((err) => log("recovery", err));
      return list;
    },
    async idle() {
      for (;;) {
        for (const id of mine) {
          const s = store?.get(id)?.status;
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
