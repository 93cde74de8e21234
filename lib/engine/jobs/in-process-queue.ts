import type { JobRow, JobStore } from "./job-store";
import type { EnqueueInput, JobDefinition, Queue } from "./queue";
import { CANCELLED, runJob } from "./run-job";
import { newRunner, retireRunner, runnerAlive } from "./runner";
import { createJobListeners } from "./job-listeners";

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
  const idleWaiters: (() => void)[] = [];
  const log = opts.log ?? ((m, e) => console.error(`[render] ${m}`, e ?? ""));
  let closed = false;
  const runner = newRunner();

  const { emit, settle, subscribe, onSettled } = createJobListeners(store, log);
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
    const kind = store.get(id)?.kind ?? "";
    const ac = new AbortController();
    running.set(id, { ac, kind });
    try {
      await runJob(id, ac, {
        store,
        defs,
        claim: (jobId) => store.claim(jobId, runner),
        closed: () => closed,
        emit,
        settle,
        progressEveryMs: opts.progressEveryMs ?? 500,
        log,
      });
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
      else if (store.finish(jobId, "cancelled", { error: CANCELLED })) settle(jobId);
      return store.get(jobId);
    },
    subscribe,
    onSettled,
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

export { userMessage } from "./run-job";
