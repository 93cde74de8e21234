import fs from "node:fs";
import { AppError } from "@/lib/errors";
import { posterTimeMs } from "./derive-args";
import { checkComplete, judgeProbe, sniffFile, type InspectContext, type Inspected } from "./inspect-file";
import { makePosterAt, tailLooksWhole } from "./make-derived";
import { probeMedia } from "./probe-media";

// Everything an upload's answer waits for, started together instead of one after the
// other: ffprobe, the tail read (seeking from the end needs no probe) and, for a large
// video, the poster at 1 s (the right time for any clip of 10 s or more, which a file of
// that size almost always is). On the 500 MB benchmark ffprobe alone took ~0.2 s that
// the answer no longer waits for. A guess that turns out wrong (a short clip, sound only,
// a tail read in doubt) is cancelled or redone exactly the way a sequential check would,
// so what is stored and refused does not change.

/** Files at least this large get their poster started before ffprobe has answered. */
export const EARLY_POSTER_BYTES = 16 * 1024 * 1024;
const EARLY_POSTER_MS = 1000;

export interface Examined extends Inspected {
  /** `posterPath` once made; null for sound only. */
  poster: string | null;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** A side task's own cancel switch, also tripped by the caller's signal. */
function sideSignal(parent?: AbortSignal): { controller: AbortController; signal: AbortSignal } {
  const controller = new AbortController();
  return { controller, signal: parent ? AbortSignal.any([parent, controller.signal]) : controller.signal };
}

const isStop = (err: unknown) => err instanceof AppError && (err.code === "cancelled" || err.code === "unavailable");

/** Sniffs, probes, checks the end and makes the poster; throws the refusal sentence. */
export async function examineFile(file: string, size: number, posterPath: string, ctx: InspectContext & { earlyPosterBytes?: number }): Promise<Examined> {
  const sniffed = await sniffFile(file, size);
  const tailSide = sideSignal(ctx.signal);
  const posterSide = sideSignal(ctx.signal);
  const redoSide = sideSignal(ctx.signal); // the poster made after the probe, when the early one was wrong
  // Sniffed images stay images (only video can turn out to be sound only): no tail read.
  const tail = sniffed.kind !== "image" ? settle(tailLooksWhole(file, { ...ctx, signal: tailSide.signal })) : null;
  const early =
    sniffed.kind === "video" && size >= (ctx.earlyPosterBytes ?? EARLY_POSTER_BYTES) ? settle(makePosterAt(file, posterPath, EARLY_POSTER_MS, { ...ctx, signal: posterSide.signal })) : null;
  const stopSides = async () => {
    for (const side of [tailSide, posterSide, redoSide]) side.controller.abort();
    await Promise.all([tail, early]);
  };

  try {
    const inspected = judgeProbe(sniffed, await probeMedia(file, { ffprobePath: ctx.ffprobePath, signal: ctx.signal }));
    const complete = async () => {
      if (inspected.kind === "image") return;
      const quick = tail ? await tail : null;
      if (quick?.ok && quick.value) return;
      if (quick && !quick.ok && isStop(quick.error)) throw quick.error;
      await checkComplete(file, inspected, ctx); // the probe-based read has the last word
    };
    const poster = async (): Promise<string | null> => {
      const at = posterTimeMs(inspected.probe.durationMs);
      if (early && inspected.kind !== "audio" && at === EARLY_POSTER_MS) {
        const made = await early;
        if (!made.ok) throw made.error;
        return posterPath;
      }
      if (early) {
        posterSide.controller.abort();
        await early;
        await fs.promises.rm(posterPath, { force: true });
      }
      if (inspected.kind === "audio") return null;
      await makePosterAt(file, posterPath, at, { ...ctx, signal: redoSide.signal });
      return posterPath;
    };
    // A file refused by the tail read needs no poster: stop it, and let both settle so no
    // ffmpeg is still writing when the caller cleans up.
    const completing = complete().catch((err: unknown) => {
      posterSide.controller.abort();
      redoSide.controller.abort();
      throw err;
    });
    const [whole, made] = await Promise.all([settle(completing), settle(poster())]);
    if (!whole.ok) throw whole.error;
    if (!made.ok) throw made.error;
    return { ...inspected, poster: made.value };
  } catch (err) {
    await stopSides();
    await fs.promises.rm(posterPath, { force: true });
    throw err;
  }
}
