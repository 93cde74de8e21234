import type { JobRow, JobStore } from "./job-store";
import { MAX_RESUMES, type EnqueueInput, type Queue } from "./queue";
import { createQueueCore } from "./queue-core";
import { CANCELLED } from "./run-job";
import { runnerAlive } from "./runner";
import { AppError } from "@/lib/errors";
import { localParts } from "../render/render-chunked";

// Runs jobs inside this process: at most `concurrency` at a time, except kinds given
// their own lane (previews), so a quick preview never waits behind a long export. Within
// a lane the turn goes round the visitors (tokens): the next job is the one whose token
// has the fewest jobs running (in any lane) or ahead of it (ties: served longest ago), so one
// visitor's ten queued jobs do not delay another visitor's first (pickFair).
// Progress is written to the database at most every `progressEveryMs` (the UI polls
// it) and pushed to subscribers as it comes (the chat stream relays it). The parts of
// chunked renders run here too, at most the "chunk" lane's limit of pictures at once across
// every export (the export's own slot is not one of them, so it never blocks its parts),
// each running export's sound beside them.

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
  const waiting: Waiting[] = [];
  const running = new Map<string, { ac: AbortController; kind: string; tokenId: string | null }>();
  // When each token last had a job started (a counter): ties go to whoever waited longest.
  const lastStart = new Map<string | null, number>();
  let starts = 0;
  const idleWaiters: (() => void)[] = [];
  const log = opts.log ?? ((m, e) => console.error(`[render] ${m}`, e ?? ""));
  let closed = false;
  const core = createQueueCore(store, { progressEveryMs: opts.progressEveryMs, log });
  const { settle } = core;
  const partLimit = Math.max(1, opts.lanes?.chunk ?? opts.concurrency);
  let partsRunning = 0;
  const partTurn: (() => void)[] = [];
  async function partSlot(signal: AbortSignal): Promise<void> {
    while (partsRunning >= partLimit) {
      if (signal.aborted) throw new AppError("cancelled", "The job was cancelled.");
      await new Promise<void>((r) => {
        partTurn.push(r);
        setTimeout(r, 200).unref(); // an abort while waiting is noticed soon
      });
    }
    partsRunning++;
  }
  const checkIdle = () => {
    if (running.size === 0 && waiting.length === 0) idleWaiters.splice(0).forEach((r) => r());
  };

  function pump(): void {
    const laneOf = (kind: string) => (opts.lanes && kind in opts.lanes ? kind : "");
    const limitOf = (lane: string) => (lane ? opts.lanes![lane] : opts.concurrency);
    for (const lane of new Set(waiting.map((w) => laneOf(w.kind)))) {
      for (;;) {
        if (closed) break;
        const inLane = [...running.values()].filter((r) => laneOf(r.kind) === lane);
        if (inLane.length >= limitOf(lane)) break;
        // A token's renders in every lane count: one with a preview rendering yields its export turn.
        const next = pickFair(
          waiting.filter((w) => laneOf(w.kind) === lane),
          [...running.values()],
          lastStart,
        );
        if (!next) break;
        lastStart.set(next.tokenId, ++starts);
        waiting.splice(waiting.indexOf(next), 1);
        void run(next);
      }
    }
    checkIdle();
  }

  async function run(w: Waiting): Promise<void> {
    const { id, kind, tokenId } = w;
    const ac = new AbortController();
    running.set(id, { ac, kind, tokenId });
    try {
      await core.run(id, ac, { closed: () => closed });
    } finally {
      running.delete(id);
      pump();
    }
  }

  return {
    define: core.define,
    defineParts: core.defineParts,
    parts: () =>
      localParts(partLimit, async (part, signal, progress) => {
        // The sound part takes one core beside the chunks (localParts): it needs no slot.
        if (part.beside) return core.partHandler()(part, signal, progress);
        await partSlot(signal);
        try {
          await core.partHandler()(part, signal, progress);
        } finally {
          partsRunning--;
          partTurn.shift()?.();
        }
      }),
    enqueue(input: EnqueueInput) {
      const job = store.insert(input);
      waiting.push({ id: job.id, kind: job.kind, tokenId: job.tokenId });
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
    subscribe: core.subscribe,
    onSettled: core.onSettled,
    recover(reason, resume) {
      const touched: JobRow[] = [];
      for (const job of store.unfinished()) {
        if (job.status === "processing") {
          if (runnerAlive(job.runner)) continue; // another live process is rendering it
          if (resume?.(job) && job.attempts < MAX_RESUMES && store.release(job.id, job.runner)) {
            if (!waiting.some((w) => w.id === job.id))
              waiting.push({ id: job.id, kind: job.kind, tokenId: job.tokenId });
          } else if (store.finish(job.id, "failed", { error: reason })) settle(job.id);
        } else if (!waiting.some((w) => w.id === job.id) && !running.has(job.id)) {
          waiting.push({ id: job.id, kind: job.kind, tokenId: job.tokenId });
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
    close,
    /** Stops taking jobs, lets running ones finish for `graceMs`, then aborts the rest (a process exit). */
    async shutdown(graceMs) {
      waiting.length = 0;
      const end = Date.now() + graceMs;
      while (running.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      close();
    },
    ready: () => Promise.resolve(),
  };

  function close(): void {
    closed = true;
    core.retire();
    waiting.length = 0;
    for (const r of running.values()) r.ac.abort();
    checkIdle();
  }
}

export { userMessage } from "./run-job";

interface Waiting {
  id: string;
  kind: string;
  tokenId: string | null;
}

/**
 * The fair next job of one lane: each waiting job's rank is how many jobs of its token are
 * running plus how many of its token's jobs wait ahead of it; lowest rank first, then the
 * token served longest ago (`lastStart`: a sequence number per token), then the oldest.
 * Round-robin across visitors, first come first served within one.
 */
export function pickFair<W extends { tokenId: string | null }>(
  waiting: W[],
  running: { tokenId: string | null }[],
  lastStart: Map<string | null, number> = new Map(),
): W | undefined {
  const seen = new Map<string | null, number>();
  for (const r of running) seen.set(r.tokenId, (seen.get(r.tokenId) ?? 0) + 1);
  let best: W | undefined;
  let bestKey: [number, number] = [Infinity, Infinity];
  for (const w of waiting) {
    const rank = seen.get(w.tokenId) ?? 0;
    seen.set(w.tokenId, rank + 1);
    const served = lastStart.get(w.tokenId) ?? -1;
    if (rank < bestKey[0] || (rank === bestKey[0] && served < bestKey[1])) {
      best = w;
      bestKey = [rank, served];
    }
  }
  return best;
}
