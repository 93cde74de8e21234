import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { TimedWord } from "./types";
import { planChunks, writeWavRange, type WavInfo } from "./wav-chunks";

// A recogniser that uses one core (pocketsphinx) over an hour of sound: the WAV is cut at
// pauses into pieces (wav-chunks.ts), `parallel` of them decoded at once. Memory stays
// bounded: at most `parallel` recognisers and piece files exist at a time (a piece file
// is written just before its run and removed after). Progress is the share of all the
// pieces' sound decoded so far; the first failure stops the other runs.

export interface PiecesOptions {
  chunkMs: number;
  contextMs: number;
  parallel: number;
  signal?: AbortSignal;
  /** Decodes one WAV; `onDecoded(ms)` says how far into it the recogniser has read. */
  decode(
    wavPath: string,
    durationMs: number,
    signal: AbortSignal,
    onDecoded: (ms: number) => void,
  ): Promise<TimedWord[]>;
  report?: (ratio: number) => void;
}

/** Words of the whole WAV, in time order, from pieces decoded side by side. */
export async function decodeInPieces(
  wavPath: string,
  info: WavInfo,
  o: PiecesOptions,
): Promise<TimedWord[]> {
  const plan = await planChunks(wavPath, info, o.chunkMs, o.contextMs);
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(o.signal?.reason);
  if (o.signal?.aborted) onOuterAbort();
  o.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vso-asr-pieces-"));
  const total = plan.reduce((sum, p) => sum + (p.readTo - p.readFrom), 0);
  const done = plan.map(() => 0);
  const progress = () => o.report?.(done.reduce((a, b) => a + b, 0) / Math.max(1, total));
  const results: TimedWord[][] = plan.map(() => []);
  let next = 0;

  async function worker(): Promise<void> {
    while (next < plan.length && !stop.signal.aborted) {
      const k = next++;
      const p = plan[k];
      const file = path.join(dir, `piece-${k}.wav`);
      try {
        await writeWavRange(wavPath, info, p.readFrom, p.readTo, file);
        const words = await o.decode(file, p.readTo - p.readFrom, stop.signal, (ms) => {
          done[k] = Math.min(ms, p.readTo - p.readFrom);
          progress();
        });
        done[k] = p.readTo - p.readFrom;
        progress();
        results[k] = keepOwn(words, p.readFrom, p.keepFrom, p.keepTo);
      } finally {
        await fs.promises.rm(file, { force: true });
      }
    }
  }

  try {
    const runs = Array.from({ length: Math.min(o.parallel, plan.length) }, () =>
      worker().catch((err) => {
        stop.abort(err);
        throw err;
      }),
    );
    const settled = await Promise.allSettled(runs);
    if (o.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
    // The first real failure (it stopped the others), not the cancellations it caused.
    if (settled.some((s) => s.status === "rejected")) throw stop.signal.reason;
    return results.flat();
  } finally {
    o.signal?.removeEventListener("abort", onOuterAbort);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** A piece's words moved to the whole file's time, keeping those whose middle is its own. */
export function keepOwn(
  words: TimedWord[],
  offsetMs: number,
  keepFrom: number,
  keepTo: number,
): TimedWord[] {
  const out: TimedWord[] = [];
  for (const w of words) {
    const s = w.s + offsetMs;
    const e = w.e + offsetMs;
    const mid = (s + e) / 2;
    if (mid >= keepFrom && mid < keepTo) out.push({ ...w, s, e });
  }
  return out;
}
