import { isAppError } from "@/lib/errors";
import { FfmpegError } from "../ffmpeg/run-ffmpeg";
import type { JobRow, JobStore } from "./job-store";
import type { JobDefinition } from "./queue";

// Runs one job row to its end, the same way whichever queue handed it over (the
// in-process queue or a BullMQ worker): validate the payload against its definition
// (a bad payload fails at once, never retried), claim the row, run the handler with an
// AbortSignal, write progress, and move the row to its final status. The store's
// final-status guard means a job settles once even when a cancel races a failure, and
// `settle` is only called by the process whose update won.

export type RunOutcome = "skipped" | "completed" | "failed" | "cancelled" | "abandoned";

export interface RunJobDeps {
  store: JobStore;
  defs: Map<string, JobDefinition<unknown>>;
  /** Moves the row pending -> processing for this runner; false when someone else has it. */
  claim(id: string): boolean;
  /** True once the queue is shutting down: the job is left unsettled for recovery. */
  closed(): boolean;
  emit(job: JobRow): void;
  settle(id: string): void;
  progressEveryMs: number;
  log(message: string, err?: unknown): void;
  /** Progress as it comes, after the row was written (BullMQ relays it to the web process). */
  onProgress?(id: string, progress: number, eta: number | null): void;
}

export const BAD_PAYLOAD =
  "This export's settings could not be read, so it did not run. Please start it again.";
export const CANCELLED = "You cancelled this export.";
export const TIMED_OUT =
  "This render took far longer than it should for its length and was stopped; your credits were given back. Try again later, or export a shorter part.";

export async function runJob(
  id: string,
  ac: AbortController,
  deps: RunJobDeps,
): Promise<RunOutcome> {
  const { store } = deps;
  const job = store.get(id);
  if (!job || job.status !== "pending") return "skipped";
  const def = deps.defs.get(job.kind);
  const parsed = def?.payload.safeParse(job.payload);
  if (!def || !parsed?.success) {
    // Not retried: the same payload would fail the same way.
    if (store.finish(id, "failed", { error: BAD_PAYLOAD })) deps.settle(id);
    return "failed";
  }
  if (!deps.claim(id)) return "skipped";
  deps.emit(store.get(id)!);
  let lastWrite = 0;
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
    const { output } = await def.run(parsed.data, {
      jobId: id,
      signal: ac.signal,
      progress(ratio, eta) {
        if (deps.closed()) return;
        const pct = Math.max(0, Math.min(99, Math.round(ratio * 1000) / 10));
        const now = Date.now();
        if (now - lastWrite >= deps.progressEveryMs) {
          lastWrite = now;
          store.progress(id, pct, eta);
          deps.onProgress?.(id, pct, eta);
        }
        const current = store.get(id);
        if (current) deps.emit({ ...current, progress: pct, eta });
      },
    });
    if (deps.closed()) return "abandoned";
    if (store.finish(id, "completed", { output })) deps.settle(id);
    return "completed";
  } catch (err) {
    if (deps.closed()) return "abandoned";
    if (timedOut) {
      deps.log(`job ${id} passed its ${Math.round(limitMs! / 1000)} s limit and was stopped`);
      if (store.finish(id, "failed", { error: TIMED_OUT })) deps.settle(id);
      return "failed";
    }
    if (ac.signal.aborted) {
      if (store.finish(id, "cancelled", { error: CANCELLED })) deps.settle(id);
      return "cancelled";
    }
    if (!isAppError(err) || err instanceof FfmpegError || err.code === "internal")
      deps.log(`job ${id} failed`, err);
    if (store.finish(id, "failed", { error: userMessage(err) })) deps.settle(id);
    return "failed";
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** A sentence for the user; ffmpeg's own words stay in the server log. */
export function userMessage(err: unknown): string {
  if (err instanceof FfmpegError || !isAppError(err) || err.code === "internal") {
    return "The video could not be rendered. Please try again; if it fails again, undo the last edit and export once more.";
  }
  return err.message;
}
