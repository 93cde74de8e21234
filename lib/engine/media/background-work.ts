// A small in-process queue for the work that must not hold up an upload's answer
// (posters, filmstrips, peaks, preview proxies), cancellable by media id (deleting a clip
// stops its proxy encode). Two lanes, each one task at a time on a 2-core box: "quick"
// for posters (a fraction of a second each, wanted at once in the media bin) and "slow"
// for the rest, so a poster never waits behind another clip's minutes-long proxy.

export type Lane = "quick" | "slow";

export interface BackgroundWork {
  add(mediaId: string, task: (signal: AbortSignal) => Promise<void>, lane?: Lane): void;
  cancel(mediaId: string): void;
  /** Resolves when every task queued so far for this media id has finished. */
  settled(mediaId: string): Promise<void>;
  /** Resolves when both lanes are empty. */
  idle(): Promise<void>;
}

export function createBackgroundWork(
  onError: (mediaId: string, err: unknown) => void,
): BackgroundWork {
  const tails: Record<Lane, Promise<void>> = { quick: Promise.resolve(), slow: Promise.resolve() };
  const pending = new Map<string, Promise<void>>();
  const controllers = new Map<string, AbortController>();

  return {
    add(mediaId, task, lane = "slow") {
      const ctl = controllers.get(mediaId) ?? new AbortController();
      controllers.set(mediaId, ctl);
      const run = tails[lane].then(async () => {
        if (ctl.signal.aborted) return;
        try {
          await task(ctl.signal);
        } catch (err) {
          if (!ctl.signal.aborted) onError(mediaId, err);
        }
      });
      tails[lane] = run;
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
    async idle() {
      // A task may queue more work when it ends: wait until a pass finds nothing new.
      for (;;) {
        const now = [tails.quick, tails.slow];
        await Promise.all(now);
        if (tails.quick === now[0] && tails.slow === now[1]) return;
      }
    },
  };
}
