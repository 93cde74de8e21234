import type { BullmqConnection } from "./bullmq-connection";
import { bullId, delay } from "./bullmq-connection";
import type { JobRow, JobStore } from "./job-store";
import { runnerAlive } from "./runner";

// Keeps the `jobs` rows (the truth) and Redis (which only carries "run this id") in line.
// `enqueue` hands a row to BullMQ, failing it with a sentence when Redis does not answer
// in time. `reconcile` repairs what a Redis restart or a dead process left behind: a
// pending row whose BullMQ job is gone (Redis restarted empty) is queued again; a
// processing row whose job is gone or failed, and whose runner is not a live process
// here, fails with `reason` once it has not moved for `staleMs` (a render on another
// host keeps writing progress). It stops at the first Redis error: with Redis down
// nothing can be judged.

export const UNQUEUED_REASON =
  "The render queue could not be reached, so this export did not start. Please try again in a minute.";
const KEEP = { age: 24 * 3600, count: 1000 };

export interface ReconcilerDeps {
  conn: BullmqConnection;
  store: JobStore;
  /** Rows running in this process right now. */
  isRunningHere(id: string): boolean;
  fail(id: string, reason: string): void;
  log(message: string, err?: unknown): void;
  enqueueTimeoutMs?: number;
}

export interface Reconciler {
  enqueue(job: JobRow): Promise<void>;
  reconcile(reason: string, rows: JobRow[], staleMs: number): Promise<void>;
  /** Reconciles every unfinished row every `everyMs` until the returned stop() is called. */
  every(everyMs: number, reason: string, staleMs: number): () => void;
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { conn, store, fail, log } = deps;

  async function enqueue(job: JobRow): Promise<void> {
    try {
      // BullMQ waits for Redis indefinitely; the visitor should not. If the add lands
      // later anyway, the worker finds the row failed and skips it.
      const add = conn
        .queueOf(job.kind)
        .add(
          job.kind,
          { jobId: job.id },
          { jobId: bullId(job.id), attempts: 1, removeOnComplete: KEEP, removeOnFail: KEEP },
        );
      add.catch(() => undefined);
      await Promise.race([
        add,
        delay(deps.enqueueTimeoutMs ?? 10_000).then(() =>
          Promise.reject(new Error("Redis did not answer in time")),
        ),
      ]);
    } catch (err) {
      log(`could not queue job ${job.id}`, err);
      fail(job.id, UNQUEUED_REASON);
    }
  }

  async function reconcile(reason: string, rows: JobRow[], staleMs: number): Promise<void> {
    for (const row of rows) {
      if (deps.isRunningHere(row.id) || runnerAlive(row.runner)) continue;
      const bull = await conn.queueOf(row.kind).getJob(bullId(row.id));
      const state = bull ? await bull.getState() : "unknown";
      const current = store.get(row.id);
      if (!current || (current.status !== "pending" && current.status !== "processing")) continue;
      if (current.status === "pending") {
        if (state === "unknown") await enqueue(current);
        else if (state === "failed") fail(row.id, reason);
      } else if (
        state === "failed" ||
        ((state === "unknown" || state === "completed") &&
          Date.now() - current.updatedAt >= staleMs)
      ) {
        fail(row.id, reason);
      }
    }
  }

  return {
    enqueue,
    reconcile,
    every(everyMs, reason, staleMs) {
      const timer = setInterval(
        () => void reconcile(reason, store.unfinished(), staleMs).catch(() => undefined),
        everyMs,
      );
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
