import path from "node:path";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import { posterTimeMs } from "../ingest/derive-args";

// Every final export gets a poster picture beside its video: the share page's Open Graph
// and Twitter card image, so a link pasted in a chat app shows the video before it plays.

export const POSTER_FILE = "poster.jpg";
/** Wide enough for the large link cards (1200 px), small enough to fetch at once. */
export const POSTER_MAX_WIDTH = 1280;

/** One frame of the finished video, a little way in (past fade-ins), scaled to fit the card. */
export function exportPosterArgs(video: string, out: string, durationMs: number): string[] {
  const at = posterTimeMs(durationMs);
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    "-y",
    ...(at > 0 ? ["-ss", (at / 1000).toFixed(3)] : []),
    "-i",
    video,
    "-map",
    "0:V:0",
    "-frames:v",
    "1",
    "-vf",
    `scale=w='min(${POSTER_MAX_WIDTH},iw)':h=-2`,
    "-q:v",
    "3",
    "-f",
    "image2",
    out,
  ];
}

/**
 * Writes POSTER_FILE into the video's folder. A poster that cannot be made must not cost
 * the user a finished video, so failures are logged and reported as false, except a
 * cancel, which stops the job like any other step.
 */
export async function makeExportPoster(
  video: string,
  durationMs: number,
  opts: { bin?: string; signal?: AbortSignal },
): Promise<boolean> {
  const out = path.join(path.dirname(video), POSTER_FILE);
  try {
    await runFfmpeg(exportPosterArgs(video, out, durationMs), {
      bin: opts.bin,
      signal: opts.signal,
    });
    return true;
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    console.error("[exports] could not make the poster of", video, err);
    return false;
  }
}
