import type { EngineConfig } from "../engine-config";
import type { Db } from "../store/open-database";
import { createBullmqQueue } from "./bullmq-queue";
import { createInProcessQueue } from "./in-process-queue";
import { createJobStore } from "./job-store";
import type { Queue } from "./queue";

// Picks the render queue once, from QUEUE: in-process (renders in this process, up to
// RENDER_CONCURRENCY) or BullMQ. With QUEUE=bullmq the web app (the only process with the
// database) enqueues, cancels and writes workers' reports to the rows; scripts/worker.ts
// passes no database and `work: true` (RENDER_CONCURRENCY applies there).
// Previews have their own lane of one, so they never wait behind exports; the chunks of
// long exports have theirs (RENDER_CHUNK_CONCURRENCY per process), so an export waiting for its
// chunks never holds the slot they need.

export interface CreateQueueOptions {
  work?: boolean;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function createQueue(
  db: Db | null,
  config: EngineConfig,
  opts: CreateQueueOptions = {},
): Queue {
  const store = db ? createJobStore(db) : undefined;
  const lanes = { preview: 1, chunk: config.renderChunkConcurrency };
  if (config.queue !== "bullmq") {
    if (!store) throw new Error("the in-process queue needs the database");
    return createInProcessQueue({ store, concurrency: config.renderConcurrency, lanes });
  }
  return createBullmqQueue({
    store,
    redisUrl: config.redisUrl,
    concurrency: config.renderConcurrency,
    lanes,
    work: opts.work ?? false,
    lockDurationMs: opts.lockDurationMs,
    stalledIntervalMs: opts.stalledIntervalMs,
  });
}
