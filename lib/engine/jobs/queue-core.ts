import type { JobRow, JobStore } from "./job-store";
import type { JobDefinition, PartHandler } from "./queue";
import { createJobListeners } from "./job-listeners";
import { runJob, type Execution, type RunJobDeps, type RunOutcome } from "./run-job";
import { newRunner, retireRunner } from "./runner";

// What every Queue implementation shares: the job definitions and the part handler, the
// listeners (progress, settle), this process's runner id, how a run's end is written to
// its row (`apply`: the in-process queue after running it, the BullMQ web process when a
// worker reports it), and how one row is run here (run-job.ts).

export interface QueueCore {
  readonly defs: Map<string, JobDefinition<unknown>>;
  readonly runner: string;
  define<P>(def: JobDefinition<P>): void;
  defineParts(handler: PartHandler): void;
  /** The part handler; throws when none was defined (a process that renders no chunks). */
  partHandler(): PartHandler;
  emit(job: JobRow | null): void;
  settle(id: string): void;
  subscribe(jobId: string, listener: (job: JobRow) => void): () => void;
  onSettled(listener: (job: JobRow) => void): void;
  /** Moves an unfinished row to failed with `reason` and settles it, when this process wins. */
  fail(id: string, reason: string): void;
  /** Writes how a run ended to its row (once: the final-status guard) and settles it. */
  apply(id: string, run: Execution): void;
  /** Runs one row in this process; `extra` overrides what the caller's queue does differently. */
  run(
    id: string,
    ac: AbortController,
    extra: Pick<RunJobDeps, "closed"> & Partial<RunJobDeps>,
  ): Promise<RunOutcome>;
  retire(): void;
}

export function createQueueCore(
  store: JobStore | null,
  opts: { progressEveryMs?: number; log: (message: string, err?: unknown) => void },
): QueueCore {
  const defs = new Map<string, JobDefinition<unknown>>();
  let parts: PartHandler | null = null;
  const runner = newRunner();
  const rows = () => {
    if (!store) throw new Error("this queue has no jobs table (a worker)");
    return store;
  };
  const listeners = store ? createJobListeners(store, opts.log) : null;
  const emit = (job: JobRow | null) => listeners?.emit(job);
  const settle = (id: string) => listeners?.settle(id);

  function apply(id: string, run: Execution): void {
    const s = rows();
    const row = s.get(id);
    if (!row) return;
    if (run.status === "completed") {
      const kept = s.finish(id, "completed", { output: run.result.output });
      try {
        defs.get(row.kind)?.accept?.(id, run.result, kept);
      } catch (err) {
        opts.log(`recording the result of job ${id} failed`, err);
      }
      if (kept) settle(id);
      else emit(s.get(id));
    } else if (s.finish(id, run.status, { error: run.error })) settle(id);
  }

  return {
    defs,
    runner,
    define(def) {
      defs.set(def.kind, def as JobDefinition<unknown>);
    },
    defineParts(handler) {
      parts = handler;
    },
    partHandler() {
      if (!parts) throw new Error("no part handler defined in this process");
      return parts;
    },
    emit,
    settle,
    subscribe: (jobId, listener) => listeners?.subscribe(jobId, listener) ?? (() => undefined),
    onSettled: (listener) => listeners?.onSettled(listener),
    fail(id, reason) {
      if (rows().finish(id, "failed", { error: reason })) settle(id);
    },
    apply,
    run: (id, ac, extra) =>
      runJob(id, ac, {
        store: rows(),
        defs,
        claim: (jobId) => rows().claim(jobId, runner),
        emit,
        apply,
        progressEveryMs: opts.progressEveryMs ?? 500,
        log: opts.log,
        ...extra,
      }),
    retire: () => retireRunner(runner),
  };
}
