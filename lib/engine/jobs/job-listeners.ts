import type { JobRow, JobStore } from "./job-store";
import type { JobListener } from "./queue";

// The listener bookkeeping every Queue shares: per-job subscribers (progress, status)
// and settle listeners (credits, share links), which run once per job reaching a final
// status; a failing settle listener is logged and does not stop the others.
export function createJobListeners(store: JobStore, log: (message: string, err?: unknown) => void) {
  const byJob = new Map<string, Set<JobListener>>();
  const settledListeners: JobListener[] = [];

  const emit = (job: JobRow | null) => {
    if (!job) return;
    for (const l of byJob.get(job.id) ?? []) l(job);
  };

  const settle = (id: string) => {
    const job = store.get(id);
    if (!job) return;
    for (const l of settledListeners) {
      try {
        l(job);
      } catch (err) {
        log(`settling job ${id} failed`, err);
      }
    }
    emit(job);
  };

  function subscribe(jobId: string, listener: JobListener): () => void {
    const set = byJob.get(jobId) ?? new Set();
    set.add(listener);
    byJob.set(jobId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) byJob.delete(jobId);
    };
  }

  function onSettled(listener: JobListener): void {
    settledListeners.push(listener);
  }

  return { emit, settle, subscribe, onSettled };
}
