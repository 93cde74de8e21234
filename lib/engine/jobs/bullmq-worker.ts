import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { rowId, type BullmqConnection } from "./bullmq-connection";
import type { JobRow, JobStore } from "./job-store";
import type { QueueCore } from "./queue-core";
import { CANCELLED, type RunOutcome } from "./run-job";
import { runnerAlive } from "./runner";

// The worker pool of the BullMQ queue (scripts/worker.ts): BullMQ Workers that load the
// row, run it with run-job.ts and report back through job.updateProgress; a Redis channel
// for cancel requests; and what happens to a job whose worker went away. A dead worker's
// lock expires, BullMQ's stalled check hands the job to another worker once (the row is
// taken over and rendered again from scratch), and a second stall fails it with a
// sentence. A worker shutting down past its grace time hands its jobs back.

export const CANCEL_CHANNEL = "vso:cancel";
export const CANCEL_KEY = (id: string) => `vso:cancelled:${id}`;
export const STALLED_REASON = "The render worker stopped during this export; start it again.";

export interface WorkerSide {
  conn: BullmqConnection;
  store: JobStore;
  core: QueueCore;
  running: Map<string, { ac: AbortController; job: Job }>;
  log(message: string, err?: unknown): void;
  /** True once shutting down: a running job is left for hand-back, not settled. */
  stopping(): boolean;
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function startWorkers(ctx: WorkerSide): Worker[] {
  const { conn, store, core, running, log } = ctx;
  const { redis, names, lanes, queueName, blocking, onError } = conn;
  const { runner, emit, settle, fail } = core;
  const workers: Worker[] = [];
  const subscriber = blocking(); // waits for Redis rather than failing: the subscription must exist once Redis is up
  subscriber.on("error", onError("redis subscriber"));
  void subscriber.subscribe(CANCEL_CHANNEL).catch((err) => log("cancel channel", err));
  subscriber.on("message", (_channel, jobId: string) => running.get(jobId)?.ac.abort());
  for (const name of names) {
    const lane = Object.keys(lanes).find((k) => queueName(k) === name);
    const worker = new Worker(name, (job, token) => processJob(job, token), {
      connection: blocking(),
      concurrency: lane ? lanes[lane] : ctx.concurrency,
      lockDuration: ctx.lockDurationMs ?? 30_000,
      stalledInterval: ctx.stalledIntervalMs ?? 30_000,
      maxStalledCount: 1,
    });
    worker.on("error", onError("worker"));
    worker.on("failed", (job, err) => {
      // A stalled job past its limit fails here without ever reaching processJob.
      const id = job?.id ? rowId(job.id) : "";
      if (id && !running.has(id)) {
        const row = store.get(id);
        if (row && (row.status === "pending" || row.status === "processing")) {
          log(`job ${id} failed in BullMQ: ${err.message}`);
          fail(id, STALLED_REASON);
        }
      }
    });
    workers.push(worker);
  }

  /** Puts a row whose previous runner is gone back to pending, so runJob can claim it. */
  function takeOver(row: JobRow): boolean {
    if (row.status !== "processing") return row.status === "pending";
    if (runnerAlive(row.runner)) return false; // that process still renders it
    return store.release(row.id, row.runner);
  }

  async function processJob(job: Job, token: string | undefined): Promise<RunOutcome> {
    const id = rowId(job.id!);
    const row = store.get(id);
    if (!row)
      throw new UnrecoverableError(`job ${id} has no row in the jobs table (another DATA_DIR?)`);
    if (await redis.exists(CANCEL_KEY(id))) {
      if (store.finish(id, "cancelled", { error: CANCELLED })) settle(id);
      return "cancelled";
    }
    if (!takeOver(row)) return "skipped";
    const ac = new AbortController();
    running.set(id, { ac, job });
    let lastStatus = "";
    try {
      const outcome = await core.run(id, ac, {
        closed: ctx.stopping,
        emit(current) {
          emit(current);
          if (current.status !== lastStatus) {
            lastStatus = current.status;
            job
              .updateProgress({ progress: current.progress, eta: current.eta })
              .catch(() => undefined);
          }
        },
        onProgress: (_id, progress, eta) =>
          void job.updateProgress({ progress, eta }).catch(() => undefined),
      });
      if (outcome === "abandoned") {
        // Shutting down: the row goes back to pending and BullMQ gives the job to another worker.
        store.release(id, runner);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (outcome === "failed") throw new UnrecoverableError(store.get(id)?.error ?? "failed");
      return outcome;
    } finally {
      running.delete(id);
    }
  }

  return workers;
}
