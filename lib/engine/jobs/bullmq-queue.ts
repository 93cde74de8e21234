import { Queue as BullQueue, QueueEvents, type Job } from "bullmq";
import { Redis } from "ioredis";
import { bullId, CANCEL_CHANNEL, CANCEL_KEY, delay, rowId, STALLED_REASON, startWorkers } from "./bullmq-worker";
import type { JobRow, JobStore } from "./job-store";
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
// The worker side (taking jobs, stalled jobs, hand-back) is in bullmq-worker.ts.

export { CANCEL_CHANNEL, STALLED_REASON } from "./bullmq-worker";
export const UNQUEUED_REASON = "The render queue could not be reached, so this export did not start. Please try again in a minute.";
const KEEP = { age: 24 * 3600, count: 1000 };

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
  const prefix = opts.prefix ?? "vso";
  const lanes = opts.lanes ?? {};
  const running = new Map<string, { ac: AbortController; job: Job }>();
  const mine = new Set<string>(); // enqueued here: idle() waits for them
  const core = createQueueCore(store, { progressEveryMs: opts.progressEveryMs ?? 500, log });
  const { emit, settle, subscribe, onSettled, fail } = core;
  let closed = false;
  let handingBack = false;

  // One connection for commands and publishing; BullMQ duplicates it for blocking reads.
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
  // ioredis retries forever while Redis is down: say so once per outage, not per attempt.
  let outage = false;
  const onError = (what: string) => (err: Error) => {
    if (outage) return;
    outage = true;
    log(`${what}: ${err.message} (retrying until Redis is back)`);
  };
  redis.on("ready", () => (outage = false));
  redis.on("error", onError("redis"));
  const queueName = (kind: string) => `${prefix}-${kind in lanes ? kind : "render"}`;
  const names = [...new Set([queueName(""), ...Object.keys(lanes).map(queueName)])];
  const queues = new Map(names.map((n) => [n, new BullQueue(n, { connection: redis }).on("error", onError("queue"))]));
  // Blocking readers need their own connections (BullMQ leaves passed-in ones open: closed in shutdown).
  const extra: Redis[] = [];
  const blocking = () => {
    const c = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    c.on("error", onError("redis"));
    extra.push(c);
    return c;
  };
  const events = names.map((n) => new QueueEvents(n, { connection: blocking() }));

  // The web process learns about a worker's progress and results through QueueEvents.
  for (const ev of events) {
    ev.on("error", onError("queue events"));
    ev.on("progress", ({ jobId: bullId, data }) => {
      const row = store.get(rowId(bullId));
      const p = data as { progress?: number; eta?: number | null };
      if (row) emit(row.status === "processing" && typeof p.progress === "number" ? { ...row, progress: p.progress, eta: p.eta ?? null } : row);
    });
    ev.on("completed", ({ jobId: bullId }) => emit(store.get(rowId(bullId))));
    ev.on("failed", ({ jobId: bullId, failedReason }) => {
      const jobId = rowId(bullId);
      const row = store.get(jobId);
      // Only a job that never reached the handler's end is still unfinished here
      // (stalled twice, or lost): fail it so it never stays "processing".
      if (row && (row.status === "pending" || row.status === "processing") && !running.has(jobId) && !runnerAlive(row.runner)) {
        log(`job ${jobId} failed in BullMQ: ${failedReason}`);
        fail(jobId, STALLED_REASON);
      } else emit(row);
    });
  }

  const workers = opts.work
    ? startWorkers({
        ...opts,
        redis,
        names,
        lanes,
        queueName,
        blocking,
        onError,
        core,
        running,
        log,
        stopping: () => closed || handingBack,
      })
    : [];

  async function enqueueInBull(job: JobRow): Promise<void> {
    try {
      // BullMQ waits for Redis indefinitely; the visitor should not. If the add lands
      // later anyway, the worker finds the row failed and skips it.
      const add = queues.get(queueName(job.kind))!.add(job.kind, { jobId: job.id }, { jobId: bullId(job.id), attempts: 1, removeOnComplete: KEEP, removeOnFail: KEEP });
      add.catch(() => undefined);
      await Promise.race([add, delay(opts.enqueueTimeoutMs ?? 10_000).then(() => Promise.reject(new Error("Redis did not answer in time")))]);
    } catch (err) {
      log(`could not queue job ${job.id}`, err);
      fail(job.id, UNQUEUED_REASON);
    }
  }

  /**
   * Brings rows and Redis back in line: a pending row whose BullMQ job is gone (Redis
   * restarted empty) is queued again; a processing row whose job is gone or failed, and
   * whose runner is not a live process here, fails with `reason` once it has not moved
   * for `staleMs` (a render on another host keeps writing progress). Stops at the first
   * Redis error: with Redis down nothing can be judged.
   */
  async function reconcile(reason: string, rows: JobRow[], staleMs: number): Promise<void> {
    for (const row of rows) {
      if (running.has(row.id) || runnerAlive(row.runner)) continue;
      const bull = await queues.get(queueName(row.kind))!.getJob(bullId(row.id));
      const state = bull ? await bull.getState() : "unknown";
      const current = store.get(row.id);
      if (!current || (current.status !== "pending" && current.status !== "processing")) continue;
      if (current.status === "pending") {
        if (state === "unknown") await enqueueInBull(current);
        else if (state === "failed") fail(row.id, reason);
      } else if (state === "failed" || ((state === "unknown" || state === "completed") && Date.now() - current.updatedAt >= staleMs)) {
        fail(row.id, reason);
      }
    }
  }

  // The web process does this every minute; workers need not (there may be many).
  const reconcileTimer = opts.work
    ? null
    : setInterval(() => void reconcile(STALLED_REASON, store.unfinished(), opts.staleMs ?? 5 * 60_000).catch(() => undefined), opts.reconcileEveryMs ?? 60_000);
  reconcileTimer?.unref();

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
    if (reconcileTimer) clearInterval(reconcileTimer);
    core.retire();
    await Promise.race([Promise.allSettled([...events.map((e) => e.close()), ...[...queues.values()].map((q) => q.close())]), delay(2_000)]);
    extra.forEach((c) => c.disconnect());
    redis.disconnect();
  }

  return {
    define: core.define,
    enqueue(input: EnqueueInput) {
      const job = store.insert(input);
      mine.add(job.id);
      void enqueueInBull(job);
      return job;
    },
    cancel(jobId) {
      const job = store.get(jobId);
      if (!job) return null;
      if (job.status === "pending") {
        if (store.finish(jobId, "cancelled", { error: CANCELLED })) settle(jobId);
        // A worker that picks it up anyway finds the row cancelled and skips it.
        void queues.get(queueName(job.kind))!.remove(bullId(jobId)).catch(() => undefined);
      } else if (job.status === "processing") {
        // The mark covers a worker that dies now: the re-run after the stall is skipped.
        void redis
          .multi()
          .set(CANCEL_KEY(jobId), "1", "EX", 24 * 3600)
          .publish(CANCEL_CHANNEL, jobId)
          .exec()
          .catch((err) => log(`could not cancel job ${jobId}`, err));
        running.get(jobId)?.ac.abort();
      }
      return store.get(jobId);
    },
    subscribe,
    onSettled,
    recover(reason) {
      const rows = store.unfinished();
      void reconcile(reason, rows, 0).catch((err) => log("recovery", err));
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
      await Promise.all([...[...queues.values()].map((q) => q.waitUntilReady()), ...events.map((e) => e.waitUntilReady()), ...workers.map((w) => w.waitUntilReady())]);
    },
  };
}
