import { AppError, isAppError } from "@/lib/errors";
import { FfmpegError } from "../ffmpeg/run-ffmpeg";
import type { JobRow, JobStore } from "./job-store";
import type { EnqueueInput, JobDefinition, JobListener, Queue } from "./queue";
import { newRunner, retireRunner, runnerAlive } from "./runner";

// Runs jobs inside this process, oldest first: at most `concurrency` at a time, except
// kinds given their own lane (previews), so a quick preview never waits behind a long export.
// Progress is written to the database at most every `progressEveryMs` (the UI polls
// it) and pushed to subscribers as it comes (the chat stream relays it).

export interface InProcessQueueOptions {
  store: JobStore;
  concurrency: number;
  /** Kinds with their own limit, outside the shared `concurrency`. */
  lanes?: Record<string, number>;
  progressEveryMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export function createInProcessQueue(opts: InProcessQueueOptions): Queue {
  const { store } = opts;
  const defs = new Map<string, JobDefinition<unknown>>();
  const waiting: { id: string; kind: string }[] = [];
  const running = new Map<string, { ac: AbortController; kind: string }>();
  const listeners = new Map<string, Set<JobListener>>();
  const settledListeners: JobListener[] = [];
  const idleWaiters: (() => void)[] = [];
  const log = opts.log ?? ((m, e) => console.error(`[render] ${m}`, e ?? ""));
  let closed = false;
  const runner = newRunner();

  const emit = (job: JobRow | null) => {
    if (!job) return;
    for (const l of listeners.get(job.id) ?? []) l(job);
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
  const checkIdle = () => {
    if (running.size === 0 && waiting.length === 0) idleWaiters.splice(0).forEach((r) => r());
  };

  function pump(): void {
    const laneOf = (kind: string) => (opts.lanes && kind in opts.lanes ? kind : "");
    const limitOf = (lane: string) => (lane ? opts.lanes![lane] : opts.concurrency);
    for (let i = 0; !closed && i < waiting.length; ) {
      const lane = laneOf(waiting[i].kind);
      const busy = [...running.values()].filter((r) => laneOf(r.kind) === lane).length;
      if (busy < limitOf(lane)) void run(waiting.splice(i, 1)[0].id);
      else i++;
    }
    checkIdle();
  }

  async function run(id: string): Promise<void> {
    const job = store.get(id);
    if (!job || job.status !== "pending") return;
    const def = defs.get(job.kind);
    const parsed = def?.payload.safeParse(job.payload);
    if (!def || !parsed?.success) {
      // Not retried: the same payload would fail the same way.
      if (store.finish(id, "failed", { error: "This export's settings could not be read, so it did not run. Please start it again." })) settle(id);
      return;
    }
    if (!store.claim(id, runner)) return;
    const ac = new AbortController();
    running.set(id, { ac, kind: job.kind });
    emit(store.get(id));
    let lastWrite = 0;
    const every = opts.progressEveryMs ?? 500;
    try {
      const { output } = await def.run(parsed.data, {
        jobId: id,
        signal: ac.signal,
        progress(ratio, eta) {
          if (closed) return;
          const pct = Math.max(0, Math.min(99, Math.round(ratio * 1000) / 10));
          const now = Date.now();
          if (now - lastWrite >= every) {
            lastWrite = now;
            store.progress(id, pct, eta);
          }
          const current = store.get(id);
          if (current) emit({ ...current, progress: pct, eta });
        },
      });
      if (closed) return;
      if (store.finish(id, "completed", { output })) settle(id);
    } catch (err) {
      if (closed) return;
      if (ac.signal.aborted) {
        if (store.finish(id, "cancelled", { error: "You cancelled this export." })) settle(id);
      } else {
        if (!isAppError(err) || err instanceof FfmpegError || err.code === "internal") log(`job ${id} failed`, err);
        if (store.finish(id, "failed", { error: userMessage(err) })) settle(id);
      }
    } finally {
      running.delete(id);
      pump();
    }
  }

  return {
    define(def) {
      defs.set(def.kind, def as JobDefinition<unknown>);
    },
    enqueue(input: EnqueueInput) {
      const job = store.insert(input);
      waiting.push({ id: job.id, kind: job.kind });
      queueMicrotask(pump);
      return job;
    },
    cancel(jobId) {
      const job = store.get(jobId);
      if (!job) return null;
      const i = waiting.findIndex((w) => w.id === jobId);
      if (i >= 0) waiting.splice(i, 1);
      const ac = running.get(jobId)?.ac;
      if (ac) ac.abort();
      else if (store.finish(jobId, "cancelled", { error: "You cancelled this export." })) settle(jobId);
      return store.get(jobId);
    },
    subscribe(jobId, listener) {
      const set = listeners.get(jobId) ?? new Set();
      set.add(listener);
      listeners.set(jobId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(jobId);
      };
    },
    onSettled(listener) {
      settledListeners.push(listener);
    },
    recover(reason) {
      const touched: JobRow[] = [];
      for (const job of store.unfinished()) {
        if (job.status === "processing") {
          if (runnerAlive(job.runner)) continue; // another live process is rendering it
          if (store.finish(job.id, "failed", { error: reason })) settle(job.id);
        } else if (!waiting.some((w) => w.id === job.id) && !running.has(job.id)) {
          waiting.push({ id: job.id, kind: job.kind });
        }
        touched.push(store.get(job.id)!);
      }
      queueMicrotask(pump);
      return touched;
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(checkIdle);
      });
    },
    close() {
      closed = true;
      retireRunner(runner);
      waiting.length = 0;
      for (const r of running.values()) r.ac.abort();
      checkIdle();
    },
  };
}

/** A sentence for the user; ffmpeg's own words stay in the server log. */
export function userMessage(err: unknown): string {
  if (err instanceof FfmpegError || !isAppError(err) || err.code === "internal") {
    return "The video could not be rendered. Please try again; if it fails again, undo the last edit and export once more.";
  }
  return (err as AppError).message;
}
