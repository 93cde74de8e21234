import type { EngineConfig } from "../engine-config";
import type { Db } from "../store/open-database";
import { createBullmqQueue, type BullmqQueue } from "./bullmq-queue";
import { createJobStore } from "./job-store";

// Picks the render queue once, from QUEUE. undefined means "in-process" (engine.exports
// builds that one itself). With QUEUE=bullmq the web app only enqueues, cancels and
// listens; `work: true` is for scripts/worker.ts, where RENDER_CONCURRENCY applies.

export interface CreateQueueOptions {
  work?: boolean;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function createQueue(db: Db, config: EngineConfig, opts: CreateQueueOptions = {}): BullmqQueue | undefined {
  if (config.queue !== "bullmq") return undefined;
  return createBullmqQueue({
    store: createJobStore(db),
    db,
    redisUrl: config.redisUrl,
    concurrency: config.renderConcurrency,
    lanes: { preview: 1 },
    work: opts.work ?? false,
    lockDurationMs: opts.lockDurationMs,
    stalledIntervalMs: opts.stalledIntervalMs,
  });
}
