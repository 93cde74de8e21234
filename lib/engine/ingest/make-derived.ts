import fs from "node:fs";
import { AppError } from "@/lib/errors";
import { runFfmpeg, type FfmpegProgress, type RunResult } from "../ffmpeg/run-ffmpeg";
import { forEachS16Sample } from "../media/read-pcm";
import type { ProbeInfo } from "../media/types";
import {
  PEAKS_SAMPLE_RATE,
  filmstripArgs,
  filmstripFallbackArgs,
  firstFrameArgs,
  framecrcLines,
  looksTruncated,
  peaksPcmArgs,
  peaksPerSecond,
  DARK_POSTER_YAVG,
  posterArgs,
  posterBrightness,
  posterRetryTimesMs,
  posterTimeMs,
  proxyArgs,
  tailCheckArgs,
  tailCheckFromEndArgs,
} from "./derive-args";

// Runs the derive builders. Each function writes one file and proves it exists and is
// not empty: ffmpeg exits 0 on "nothing was encoded", so the exit code alone is no proof.

export interface RunContext {
  ffmpegPath: string;
  signal?: AbortSignal;
}

const isStop = (err: unknown) =>
  err instanceof AppError && (err.code === "cancelled" || err.code === "unavailable");

async function nonEmpty(file: string): Promise<boolean> {
  const st = await fs.promises.stat(file).catch(() => null);
  return Boolean(st && st.size > 0);
}

async function tryRun(
  args: string[],
  out: string,
  ctx: RunContext,
  timeoutMs: number,
): Promise<boolean> {
  try {
    await runFfmpeg(args, { bin: ctx.ffmpegPath, signal: ctx.signal, timeoutMs });
  } catch (err) {
    if (isStop(err)) throw err;
    await fs.promises.rm(out, { force: true });
    return false;
  }
  return nonEmpty(out);
}

/**
 * A video's poster: at posterTimeMs, and when that picture is black (a fade-in, a black
 * intro), again at 10%, 25% and 50% of the clip until one is not (kept as it is when all
 * are). Throws 4001 when no frame decodes.
 */
export async function makePoster(
  src: string,
  out: string,
  probe: ProbeInfo,
  ctx: RunContext,
): Promise<void> {
  let brightness = await makePosterAt(src, out, posterTimeMs(probe.durationMs), ctx);
  const later = `${out}.later.jpg`;
  try {
    for (const at of posterRetryTimesMs(probe.durationMs)) {
      if (brightness === null || brightness >= DARK_POSTER_YAVG) return;
      const tried = await posterAt(src, later, at, ctx);
      if (tried === false) continue;
      await fs.promises.rename(later, out);
      brightness = tried;
    }
  } finally {
    await fs.promises.rm(later, { force: true });
  }
}

/** Poster or image thumbnail at the time given; its brightness (null when not measured). Throws 4001 when no frame decodes. */
export async function makePosterAt(
  src: string,
  out: string,
  at: number,
  ctx: RunContext,
): Promise<number | null> {
  const first = await posterAt(src, out, at, ctx);
  if (first !== false) return first;
  const fromStart = at > 0 ? await posterAt(src, out, 0, ctx) : false;
  if (fromStart !== false) return fromStart;
  throw noPicture();
}

/** One poster run: false when no picture came out, else its brightness (null when not printed). */
async function posterAt(
  src: string,
  out: string,
  at: number,
  ctx: RunContext,
): Promise<number | null | false> {
  try {
    const { stderr } = await runFfmpeg(posterArgs(src, out, at), {
      bin: ctx.ffmpegPath,
      signal: ctx.signal,
      timeoutMs: 60_000,
    });
    return (await nonEmpty(out)) ? posterBrightness(stderr) : false;
  } catch (err) {
    if (isStop(err)) throw err;
    await fs.promises.rm(out, { force: true });
    return false;
  }
}

export const noPicture = () =>
  new AppError(
    4001,
    "No picture could be decoded from this file: it may be damaged or use a format we can't read. Export it again (H.264 MP4 works everywhere) and upload that.",
  );

export async function makeFilmstrip(
  src: string,
  out: string,
  probe: ProbeInfo,
  ctx: RunContext,
): Promise<boolean> {
  if (await tryRun(filmstripArgs(src, out, probe.durationMs), out, ctx, 120_000)) return true;
  return tryRun(filmstripFallbackArgs(src, out, probe.durationMs), out, ctx, 30 * 60_000);
}

/** Peaks file format, version 1 (documented in lib/engine/ingest/README.md). */
export interface PeaksFile {
  version: 1;
  /** Peaks per second of source time. */
  rate: number;
  durationMs: number;
  /** Max |amplitude| per slice, 0..1, three decimals. */
  peaks: number[];
}

/** Max |sample| per slice of a raw s16le stream, streamed (never the whole file in memory). */
export async function peaksFromPcm(pcmFile: string, samplesPerPeak: number): Promise<number[]> {
  const peaks: number[] = [];
  let max = 0;
  let count = 0;
  await forEachS16Sample(pcmFile, (sample) => {
    const v = Math.abs(sample);
    if (v > max) max = v;
    if (++count === samplesPerPeak) {
      peaks.push(Math.round((max / 32768) * 1000) / 1000);
      max = 0;
      count = 0;
    }
  });
  if (count > 0) peaks.push(Math.round((max / 32768) * 1000) / 1000);
  return peaks;
}

export async function makePeaks(
  src: string,
  out: string,
  probe: ProbeInfo,
  ctx: RunContext,
): Promise<boolean> {
  const pcm = `${out}.pcm`;
  try {
    await runFfmpeg(peaksPcmArgs(src, pcm), {
      bin: ctx.ffmpegPath,
      signal: ctx.signal,
      timeoutMs: 30 * 60_000,
    });
    const rate = peaksPerSecond(probe.durationMs);
    const peaks = await peaksFromPcm(pcm, Math.round(PEAKS_SAMPLE_RATE / rate));
    const file: PeaksFile = { version: 1, rate, durationMs: probe.durationMs, peaks };
    await fs.promises.writeFile(out, JSON.stringify(file));
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === "cancelled") throw err;
    return false;
  } finally {
    await fs.promises.rm(pcm, { force: true });
  }
}

export async function makeProxy(
  src: string,
  out: string,
  probe: ProbeInfo,
  ctx: RunContext,
  onProgress?: (p: FfmpegProgress) => void,
): Promise<void> {
  const part = `${out}.part`;
  await runFfmpeg(proxyArgs(src, part, probe), {
    bin: ctx.ffmpegPath,
    signal: ctx.signal,
    durationMs: probe.durationMs,
    onProgress,
    timeoutMs: 6 * 60 * 60_000,
  }).catch(async (err) => {
    await fs.promises.rm(part, { force: true });
    throw err;
  });
  // Renamed only when complete, so `play` never serves a half-written proxy.
  await fs.promises.rename(part, out);
}

/**
 * The last second reads whole, seeking from the end (tailCheckFromEndArgs). A file it
 * doubts (or one whose format has no end to seek from) gets the probe-based check
 * (tailDecodes), which has the last word.
 */
export function tailLooksWhole(src: string, ctx: RunContext, seekAny = false): Promise<boolean> {
  return runCheck(
    tailCheckFromEndArgs(src, seekAny),
    ctx,
    (r) => !looksTruncated(r.stderr) && framecrcLines(r.stdout) > 0,
  );
}

/** True when a picture of the first video stream decodes (firstFrameArgs). */
export function firstFrameDecodes(src: string, ctx: RunContext): Promise<boolean> {
  return runCheck(firstFrameArgs(src), ctx, (r) => framecrcLines(r.stdout) > 0);
}

/** True when the last second of the file reads cleanly, placed by ffprobe's duration. */
export function tailDecodes(src: string, probe: ProbeInfo, ctx: RunContext): Promise<boolean> {
  return runCheck(tailCheckArgs(src, probe.durationMs), ctx, (r) => !looksTruncated(r.stderr));
}

/** An ffmpeg run as a yes/no check: a failed run is "no"; a cancel or a missing ffmpeg still throws. */
async function runCheck(
  args: string[],
  ctx: RunContext,
  judge: (run: RunResult) => boolean,
): Promise<boolean> {
  try {
    return judge(
      await runFfmpeg(args, {
        bin: ctx.ffmpegPath,
        signal: ctx.signal,
        timeoutMs: 60_000,
        captureStdout: true,
      }),
    );
  } catch (err) {
    if (isStop(err)) throw err;
    return false;
  }
}
