import type { JobRow, JobStore } from "./job-store";
import type { JobDefinition } from "./queue";
import { createJobListeners } from "./job-listeners";
import { runJob, type RunJobDeps, type RunOutcome } from "./run-job";
import { newRunner, retireRunner } from "./runner";

// What every Queue implementation shares: the job definitions, the listeners (progress,
// settle), this process's runner id, and how one job row is run (run-job.ts). The
// in-process queue and the BullMQ worker differ only in how a job reaches `run`.

export interface QueueCore {
  readonly defs: Map<string, JobDefinition<unknown>>;
  readonly runner: string;
  define<P>(def: JobDefinition<P>): void;
  emit(job: JobRow | null): void;
  settle(id: string): void;
  subscribe(jobId: string, listener: (job: JobRow) => void): () => void;
  onSettled(listener: (job: JobRow) => void): void;
  /** Moves an unfinished row to failed with `reason` and settles it, when this process wins. */
  fail(id: string, reason: string): void;
  /** Runs one row in this process; `extra` overrides what the caller's queue does differently. */
  run(
    id: string,
    ac: AbortController,
    extra: Pick<RunJobDeps, "closed"> & Partial<RunJobDeps>,
  ): Promise<RunOutcome>;
  retire(): void;
}

export function createQueueCore(
  store: JobStore,
  opts: { progressEveryMs?: number; log: (message: string, err?: unknown) => void },
): QueueCore {
  const defs = new Map<string, JobDefinition<unknown>>();
  const runner = newRunner();
  const { emit, settle, subscribe, onSettled } = createJobListeners(store, opts.log);
  return {
    defs,
    runner,
    define(def) {
      defs.set(def.kind, def as JobDefinition<unknown>);
    },
    emit,
    settle,
    subscribe,
    onSettled,
    fail(id, reason) {
      if (store.finish(id, "failed", { error: reason })) settle(id);
    },
    run: (id, ac, extra) =>
      runJob(id, ac, {
        store,
        defs,
        claim: (jobId) => store.claim(jobId, runner),
        emit,
        settle,
        progressEveryMs: opts.progressEveryMs ?? 500,
        log: opts.log,
        ...extra,
      }),
    retire: () => retireRunner(runner),
  };
}
