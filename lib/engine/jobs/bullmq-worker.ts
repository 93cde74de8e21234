import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { rowId, type BullmqConnection } from "./bullmq-connection";
import type { QueueCore } from "./queue-core";
import { CANCELLED, executeJob, userMessage, type Execution } from "./run-job";
import type { PartTask } from "../render/render-chunked";

// The worker pool of the BullMQ queue (scripts/worker.ts). A worker needs no database
// and no shared folder: a job's BullMQ data carries the definition's kind and payload, the
// worker runs it (run-job.ts: validation, time limit, abort) and answers through BullMQ
// only: progress by job.updateProgress, the result as the return value, a failure or
// cancel as the failed reason (the user's sentence, see encodeEnd). The web process writes
// those to the `jobs` row (bullmq-queue.ts). Parts of chunked renders are jobs of the
// "chunk" lane with no row at all. A Redis channel carries cancel requests (a part stops
// when its export is cancelled). A dead worker's lock expires, BullMQ's stalled check hands
// the job to another worker once, and a second stall fails it. A worker shutting down
// past its grace time hands its jobs back.

export const CANCEL_CHANNEL = "vso:cancel";
export const CANCEL_KEY = (id: string) => `vso:cancelled:${id}`;
export const STALLED_REASON = "The render worker stopped during this export; start it again.";
/** BullMQ job name of a chunk part (data: PartData). */
export const PART_JOB = "part";

/** What a row's BullMQ job carries: enough to run it on a machine without the database. */
export interface RowJobData {
  jobId: string;
  kind: string;
  sessionId: string;
  payload: unknown;
}

export interface PartData {
  /** The row (an export) this part belongs to: cancelling it stops the part. */
  parent: string;
  part: PartTask;
}

/** A run's end as BullMQ's failed reason; anything else there (a stall) was not ours. */
export function encodeEnd(run: Exclude<Execution, { status: "completed" }>): string {
  return JSON.stringify({ vso: run.status, error: run.error });
}

export function decodeEnd(reason: string | undefined): Exclude<Execution, { status: "completed" }> {
  try {
    const v = JSON.parse(reason ?? "") as { vso?: string; error?: string };
    if ((v.vso === "failed" || v.vso === "cancelled") && typeof v.error === "string")
      return { status: v.vso, error: v.error };
  } catch {
    // not ours: BullMQ's own (stalled too often, lost)
  }
  return { status: "failed", error: STALLED_REASON };
}

export interface Running {
  ac: AbortController;
  job: Job;
  /** A part's export. */
  parent?: string;
}

export interface WorkerSide {
  conn: BullmqConnection;
  core: QueueCore;
  running: Map<string, Running>;
  log(message: string, err?: unknown): void;
  /** True once shutting down: a running job is handed back, not reported. */
  stopping(): boolean;
  concurrency: number;
  progressEveryMs: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function startWorkers(ctx: WorkerSide): Worker[] {
  const { conn, core, running, log } = ctx;
  const { redis, names, lanes, queueName, blocking, onError } = conn;
  const workers: Worker[] = [];
  const subscriber = blocking(); // waits for Redis rather than failing: the subscription must exist once Redis is up
  subscriber.on("error", onError("redis subscriber"));
  void subscriber.subscribe(CANCEL_CHANNEL).catch((err) => log("cancel channel", err));
  subscriber.on("message", (_channel, id: string) => {
    for (const [key, r] of running) if (key === id || r.parent === id) r.ac.abort();
  });
  for (const name of names) {
    const lane = Object.keys(lanes).find((k) => queueName(k) === name);
    const worker = new Worker(name, (job, token) => processJob(job, token), {
      name: core.runner, // a job's processedBy: which worker ran it
      connection: blocking(),
      concurrency: lane ? lanes[lane] : ctx.concurrency,
      lockDuration: ctx.lockDurationMs ?? 30_000,
      stalledInterval: ctx.stalledIntervalMs ?? 30_000,
      maxStalledCount: 1,
    });
    worker.on("error", onError("worker"));
    workers.push(worker);
  }

  const cancelled = async (...ids: string[]) =>
    (await Promise.all(ids.map((id) => redis.exists(CANCEL_KEY(id))))).some((n) => n > 0);

  /** Progress to BullMQ, at most every progressEveryMs (the web process writes it to the row). */
  function reporter(job: Job): (value: object) => void {
    let last = 0;
    return (value) => {
      const now = Date.now();
      if (now - last < ctx.progressEveryMs) return;
      last = now;
      job.updateProgress(value).catch(() => undefined);
    };
  }

  async function handBack(job: Job, token: string | undefined): Promise<never> {
    await job.moveToWait(token);
    throw new WaitingError();
  }

  async function processJob(job: Job, token: string | undefined): Promise<unknown> {
    if (job.name === PART_JOB) return processPart(job, token);
    const data = job.data as Partial<RowJobData>;
    const id = rowId(job.id!);
    if (!data.kind || data.payload === undefined)
      // Queued by an older version that kept the payload only in the web app's database.
      throw new UnrecoverableError(
        encodeEnd({
          status: "failed",
          error: "This export was queued before an update; start it again.",
        }),
      );
    if (await cancelled(id))
      throw new UnrecoverableError(encodeEnd({ status: "cancelled", error: CANCELLED }));
    const ac = new AbortController();
    running.set(id, { ac, job });
    const report = reporter(job);
    try {
      const run = await executeJob(id, data.kind, data.payload, ac, {
        defs: core.defs,
        log,
        start() {
          // "active" tells the web process the row is processing; this says which worker runs it.
          job
            .updateProgress({
              progress: 0,
              eta: null,
              runner: core.runner,
              run: job.attemptsStarted,
            })
            .catch(() => undefined);
          return true;
        },
        progress: (progress, eta) => report({ progress, eta }),
      });
      if (run!.status !== "completed" && ctx.stopping()) return handBack(job, token);
      if (run!.status === "completed") return run!.result;
      throw new UnrecoverableError(encodeEnd(run!));
    } finally {
      running.delete(id);
    }
  }

  async function processPart(job: Job, token: string | undefined): Promise<unknown> {
    const { parent, part } = job.data as PartData;
    if (await cancelled(job.id!, parent))
      throw new UnrecoverableError(encodeEnd({ status: "cancelled", error: CANCELLED }));
    const ac = new AbortController();
    running.set(job.id!, { ac, job, parent });
    const report = reporter(job);
    try {
      await core.partHandler()(part, ac.signal, (ratio) => report({ ratio }));
      return { part: part.object };
    } catch (err) {
      if (ctx.stopping()) return handBack(job, token);
      if (ac.signal.aborted)
        throw new UnrecoverableError(encodeEnd({ status: "cancelled", error: CANCELLED }));
      log(`part ${part.name} of ${parent} failed`, err);
      throw new UnrecoverableError(encodeEnd({ status: "failed", error: userMessage(err) }));
    } finally {
      running.delete(job.id!);
    }
  }

  return workers;
}
