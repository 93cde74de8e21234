import type { BullmqConnection } from "./bullmq-connection";
import { bullId, delay } from "./bullmq-connection";
import { decodeEnd, type RowJobData } from "./bullmq-worker";
import type { JobRow, JobStore } from "./job-store";
import type { JobResult } from "./queue";
import type { Execution } from "./run-job";

// Keeps the `jobs` rows (written by the web process only) and Redis (where workers report)
// in line. `enqueue` hands a row to BullMQ with everything a worker needs, failing it with
// a sentence when Redis does not answer in time. `reconcile` applies what the web process
// missed (it was down, or an event was lost): a job BullMQ finished settles its row with
// the worker's result or sentence, an active one marks its row processing; and it repairs
// what a Redis restart left behind: a pending row whose BullMQ job is gone is queued
// again, a processing row whose job is gone fails with `reason` once it has not moved for
// `staleMs`. It stops at the first Redis error: with Redis down nothing can be judged.

export const UNQUEUED_REASON =
  "The render queue could not be reached, so this export did not start. Please try again in a minute.";
const KEEP = { age: 24 * 3600, count: 1000 };

export interface ReconcilerDeps {
  conn: BullmqConnection;
  store: JobStore;
  /** Marks a pending row processing (a worker took it). */
  started(id: string): void;
  apply(id: string, run: Execution): void;
  log(message: string, err?: unknown): void;
  /** Resolves once this process listens to the workers' events (none of its jobs' may be missed). */
  listening(): Promise<void>;
  enqueueTimeoutMs?: number;
}

export interface Reconciler {
  enqueue(job: JobRow): Promise<void>;
  reconcile(reason: string, rows: JobRow[], staleMs: number): Promise<void>;
  /** Reconciles every unfinished row every `everyMs` until the returned stop() is called. */
  every(everyMs: number, reason: string, staleMs: number): () => void;
}

/** A finished BullMQ job's end as a run (returnvalue may come back as JSON text). */
export function endOf(
  state: string,
  returnvalue: unknown,
  failedReason: string | undefined,
): Execution | null {
  if (state === "completed") {
    const value = typeof returnvalue === "string" ? safeJson(returnvalue) : returnvalue;
    const result = (value ?? { output: null }) as JobResult;
    return { status: "completed", result };
  }
  if (state === "failed") return decodeEnd(failedReason);
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { conn, store, log } = deps;
  const fail = (id: string, error: string) => deps.apply(id, { status: "failed", error });

  async function enqueue(job: JobRow): Promise<void> {
    try {
      // BullMQ waits for Redis indefinitely; the visitor should not. If the add lands
      // later anyway, its result finds the row failed and changes nothing.
      const data: RowJobData = {
        jobId: job.id,
        kind: job.kind,
        sessionId: job.sessionId,
        payload: job.payload,
      };
      const add = deps.listening().then(() =>
        conn.queueOf(job.kind).add(job.kind, data, {
          jobId: bullId(job.id),
          attempts: 1,
          removeOnComplete: KEEP,
          removeOnFail: KEEP,
        }),
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
      const bull = await conn.queueOf(row.kind).getJob(bullId(row.id));
      const state = bull ? await bull.getState() : "unknown";
      const current = store.get(row.id);
      if (!current || (current.status !== "pending" && current.status !== "processing")) continue;
      const end = bull ? endOf(state, bull.returnvalue, bull.failedReason) : null;
      if (end) deps.apply(row.id, end);
      else if (state === "active") {
        if (current.status === "pending") deps.started(row.id);
      } else if (state === "unknown") {
        if (current.status === "pending") await enqueue(current);
        else if (Date.now() - current.updatedAt >= staleMs) fail(row.id, reason);
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
