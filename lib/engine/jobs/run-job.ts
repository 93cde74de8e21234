import { isAppError } from "@/lib/errors";
import { FfmpegError } from "../ffmpeg/run-ffmpeg";
import type { JobRow, JobStore } from "./job-store";
import type { JobDefinition, JobResult } from "./queue";

// How one job runs, whichever queue handed it over. `executeJob` needs no database: it
// validates the payload against its definition (a bad payload fails at once, never
// retried), runs the handler with an AbortSignal and a time limit, and answers how it
// ended with the user's sentence (a BullMQ worker on another machine reports that
// through Redis). `runJob` is the same with a `jobs` row around it (the in-process
// queue): claim, progress, final status. The store's final-status guard means a job
// settles once even when a cancel races a failure.

export type RunOutcome = "skipped" | "completed" | "failed" | "cancelled" | "abandoned";

/** How one run ended; `error` is the sentence the user reads. */
export type Execution =
  | { status: "completed"; result: JobResult }
  | { status: "failed"; error: string }
  | { status: "cancelled"; error: string };

export const BAD_PAYLOAD =
  "This export's settings could not be read, so it did not run. Please start it again.";
export const CANCELLED = "You cancelled this export.";
export const TIMED_OUT =
  "This render took far longer than it should for its length and was stopped; your credits were given back. Try again later, or export a shorter part.";

export interface ExecuteDeps {
  defs: Map<string, JobDefinition<unknown>>;
  log(message: string, err?: unknown): void;
  /** Called once the payload was accepted, before the handler runs (claim the job). False: skip. */
  start?(): boolean;
  /** Progress 0..99.9 (percent), seconds left when known. */
  progress(percent: number, eta: number | null): void;
}

/** Runs job `id` of `kind` with `payload`; null when `start` declined it. */
export async function executeJob(
  id: string,
  kind: string,
  payload: unknown,
  ac: AbortController,
  deps: ExecuteDeps,
): Promise<Execution | null> {
  const def = deps.defs.get(kind);
  const parsed = def?.payload.safeParse(payload);
  // Not retried: the same payload would fail the same way.
  if (!def || !parsed?.success) return { status: "failed", error: BAD_PAYLOAD };
  if (deps.start && !deps.start()) return null;
  // A render that runs far longer than its output's length is stuck or abusive: stop it.
  const limitMs = def.timeoutMs?.(parsed.data);
  let timedOut = false;
  const timer = limitMs
    ? setTimeout(() => {
        timedOut = true;
        ac.abort();
      }, limitMs)
    : null;
  try {
    const result = await def.run(parsed.data, {
      jobId: id,
      signal: ac.signal,
      progress(ratio, eta) {
        deps.progress(Math.max(0, Math.min(99, Math.round(ratio * 1000) / 10)), eta);
      },
    });
    return { status: "completed", result };
  } catch (err) {
    if (timedOut) {
      deps.log(`job ${id} passed its ${Math.round(limitMs! / 1000)} s limit and was stopped`);
      return { status: "failed", error: TIMED_OUT };
    }
    if (ac.signal.aborted) return { status: "cancelled", error: CANCELLED };
    if (!isAppError(err) || err instanceof FfmpegError || err.code === "internal")
      deps.log(`job ${id} failed`, err);
    return { status: "failed", error: userMessage(err) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export interface RunJobDeps {
  store: JobStore;
  defs: Map<string, JobDefinition<unknown>>;
  /** Moves the row pending -> processing for this runner; false when someone else has it. */
  claim(id: string): boolean;
  /** True once the queue is shutting down: the job is left unsettled for recovery. */
  closed(): boolean;
  emit(job: JobRow): void;
  /** Moves the row to the run's final status and settles it (queue-core.ts). */
  apply(id: string, run: Execution): void;
  progressEveryMs: number;
  log(message: string, err?: unknown): void;
}

/** Runs one pending row in this process to its end. */
export async function runJob(
  id: string,
  ac: AbortController,
  deps: RunJobDeps,
): Promise<RunOutcome> {
  const { store } = deps;
  const job = store.get(id);
  if (!job || job.status !== "pending") return "skipped";
  let lastWrite = 0;
  const run = await executeJob(id, job.kind, job.payload, ac, {
    defs: deps.defs,
    log: deps.log,
    start() {
      if (!deps.claim(id)) return false;
      deps.emit(store.get(id)!);
      return true;
    },
    progress(pct, eta) {
      if (deps.closed()) return;
      const now = Date.now();
      if (now - lastWrite >= deps.progressEveryMs) {
        lastWrite = now;
        store.progress(id, pct, eta);
      }
      const current = store.get(id);
      if (current) deps.emit({ ...current, progress: pct, eta });
    },
  });
  if (!run) return "skipped";
  if (deps.closed() && store.get(id)?.status === "processing") return "abandoned";
  deps.apply(id, run);
  return run.status;
}

/** A sentence for the user; ffmpeg's own words stay in the server log. */
export function userMessage(err: unknown): string {
  if (err instanceof FfmpegError || !isAppError(err) || err.code === "internal") {
    return "The video could not be rendered. Please try again; if it fails again, undo the last edit and export once more.";
  }
  return err.message;
}
