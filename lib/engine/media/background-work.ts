// A small in-process queue for the work that must not hold up an upload's answer
// (filmstrips, peaks, preview proxies): one task at a time on a 2-core box, each
// cancellable by media id (deleting a clip stops its proxy encode).

export interface BackgroundWork {
  add(mediaId: string, task: (signal: AbortSignal) => Promise<void>): void;
  cancel(mediaId: string): void;
  /** Resolves when every task queued so far for this media id has finished. */
  settled(mediaId: string): Promise<void>;
  /** Resolves when the queue is empty. */
  idle(): Promise<void>;
}

export function createBackgroundWork(onError: (mediaId: string, err: unknown) => void): BackgroundWork {
  let tail: Promise<void> = Promise.resolve();
  const pending = new Map<string, Promise<void>>();
  const controllers = new Map<string, AbortController>();

  return {
    add(mediaId, task) {
      const ctl = controllers.get(mediaId) ?? new AbortController();
      controllers.set(mediaId, ctl);
      const run = tail.then(async () => {
        if (ctl.signal.aborted) return;
        try {
          await task(ctl.signal);
        } catch (err) {
          if (!ctl.signal.aborted) onError(mediaId, err);
        }
      });
      tail = run;
      const all = Promise.all([pending.get(mediaId), run]).then(() => undefined);
      pending.set(mediaId, all);
      void all.then(() => {
        if (pending.get(mediaId) === all) {
          pending.delete(mediaId);
          controllers.delete(mediaId);
        }
      });
    },
    cancel(mediaId) {
      controllers.get(mediaId)?.abort();
    },
    settled(mediaId) {
      return pending.get(mediaId) ?? Promise.resolve();
    },
    idle() {
      return tail;
    },
  };
}
