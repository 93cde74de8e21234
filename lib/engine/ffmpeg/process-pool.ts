import { AppError } from "@/lib/errors";

// How many media-tool processes (ffmpeg, ffprobe, pocketsphinx) may run at once in this
// process, whoever starts them: uploads, posters, proxies, analysis, renders. Without it
// one request with 20 files started 20 decoders side by side and every visitor's work
// slowed to a crawl; with it the excess waits in line (first come, first served) and an
// abort while waiting just leaves the line. Kept on globalThis so a bundler's second copy
// of this module shares the one pool. With QUEUE=bullmq each worker process has its own.

export interface PoolState {
  limit: number;
  active: number;
  waiting: number;
  /** The most that were ever active at once (tests, the load bench). */
  peak: number;
}

interface Pool extends PoolState {
  queue: { grant: () => void; signal?: AbortSignal }[];
}

const g = globalThis as unknown as { __vsoProcessPool?: Pool };
const pool = (g.__vsoProcessPool ??= { limit: 4, active: 0, waiting: 0, peak: 0, queue: [] });

/** Sets the pool size (FFMPEG_MAX_PROCESSES); waiting runs start if there is room now. */
export function setProcessLimit(limit: number): void {
  pool.limit = Math.max(1, Math.floor(limit));
  drain();
}

export function processPoolState(): PoolState {
  return { limit: pool.limit, active: pool.active, waiting: pool.queue.length, peak: pool.peak };
}

function drain(): void {
  while (pool.active < pool.limit && pool.queue.length > 0) {
    const next = pool.queue.shift()!;
    pool.active++;
    pool.peak = Math.max(pool.peak, pool.active);
    next.grant();
  }
  pool.waiting = pool.queue.length;
}

/** Waits for a free slot; the returned function gives it back (call it exactly once). */
export function acquireProcessSlot(signal?: AbortSignal): Promise<() => void> {
  return new Promise((resolve, reject) => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      pool.active--;
      drain();
    };
    const entry = {
      signal,
      grant: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(release);
      },
    };
    const onAbort = () => {
      const i = pool.queue.indexOf(entry);
      if (i >= 0) pool.queue.splice(i, 1);
      pool.waiting = pool.queue.length;
      reject(new AppError("cancelled", "The job was cancelled."));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    pool.queue.push(entry);
    drain();
  });
}
