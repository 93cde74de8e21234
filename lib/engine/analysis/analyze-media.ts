import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import type { MediaRecord } from "../media/types";
import { buildIntroArgs, buildSilenceArgs, type SilenceOptions } from "./analysis-args";
import { decideContentStart, type ContentStart } from "./decide-content-start";
import {
  parseBlack,
  parseFreezes,
  parseSceneChanges,
  parseSilences,
  type Range,
} from "./parse-analysis";

// Runs the analysis passes on a stored media item (through the one ffmpeg runner) and
// turns their output into facts for OpContext.analysis.

export interface AnalyzeOptions {
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** How much of the pass is done, 0..1 (ffmpeg's -progress against the duration read). */
  onProgress?: (ratio: number) => void;
}

const progressOf = (o: AnalyzeOptions) =>
  o.onProgress
    ? (p: { ratio: number | null }) => p.ratio !== null && o.onProgress!(p.ratio)
    : undefined;

/** Where the clip's content starts; `speechStartMs` from a transcript when one is at hand. */
export async function findContentStart(
  media: MediaRecord,
  opts: AnalyzeOptions & { speechStartMs?: number } = {},
): Promise<ContentStart | null> {
  const durationMs = media.probe.durationMs;
  const limitSeconds = Math.min(60, Math.ceil(durationMs / 1000) + 1);
  const args = buildIntroArgs(media.path, {
    hasVideo: media.probe.hasVideo && media.kind === "video",
    hasAudio: media.probe.hasAudio,
    limitSeconds,
  });
  const windowMs = Math.min(durationMs, limitSeconds * 1000);
  const { stderr } = await runFfmpeg(args, {
    bin: opts.ffmpegPath,
    signal: opts.signal,
    stderrLimit: 512 * 1024,
    durationMs: windowMs,
    onProgress: progressOf(opts),
  });
  return decideContentStart({
    durationMs,
    silences: parseSilences(stderr, windowMs),
    black: parseBlack(stderr),
    freezes: parseFreezes(stderr, windowMs),
    scenes: parseSceneChanges(stderr),
    speechStartMs: opts.speechStartMs,
  });
}

/** Silent stretches of the whole clip (source ms), for "remove the pauses". */
export async function findSilences(
  media: MediaRecord,
  opts: AnalyzeOptions & SilenceOptions = {},
): Promise<Range[]> {
  if (!media.probe.hasAudio) return [];
  const { stderr } = await runFfmpeg(
    buildSilenceArgs(media.path, { noiseDb: opts.noiseDb, minSeconds: opts.minSeconds ?? 0.3 }),
    {
      bin: opts.ffmpegPath,
      signal: opts.signal,
      stderrLimit: 2 * 1024 * 1024,
      durationMs: media.probe.durationMs,
      onProgress: progressOf(opts),
    },
  );
  return parseSilences(stderr, media.probe.durationMs);
}
