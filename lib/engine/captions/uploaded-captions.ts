import { AppError } from "@/lib/errors";
import { TRACK_TEXT, type Draft, type TextSegment, type TextTrack } from "@/lib/draft/schema";
import { segmentsOf, textTracks, tracksOf, withTracks } from "@/lib/draft/tracks";
import { CAPTION_LOOKS, type CaptionLook } from "../ops/caption-track";
import {
  finishDraft,
  formatTime,
  insertTrack,
  isCaptionTrack,
  requireClips,
  videoEnd,
} from "../ops/timeline";
import {
  describeSkipped,
  parseSubtitles,
  type SkippedCue,
  type SubtitleCue,
} from "./parse-subtitles";

// A user's own .srt/.vtt instead of speech recognition: its cues become the draft's
// captions track (replacing any made from speech), keeping the look the user already
// chose. Cues are in output time, as subtitle files for a finished video are.

export interface UploadedCaptions {
  draft: Draft;
  /** For the undo history and the reply: what changed. */
  label: string;
  cues: number;
  /** Cues of the file that could not be used, with their line numbers. */
  skipped: SkippedCue[];
  /** What to tell the user when something was left out, else null. */
  note: string | null;
}

/** Subtitle bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252. */
export function decodeSubtitleBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Older SRT files from Windows tools are often in the local code page.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function applyUploadedCaptions(
  draft: Draft,
  fileName: string,
  text: string,
  newId: (i: number) => string,
): UploadedCaptions {
  if (!/\.(srt|vtt)$/i.test(fileName)) {
    throw new AppError(
      4001,
      "Captions must be an .srt or .vtt file. Export them as SubRip (.srt) or WebVTT (.vtt) and try again.",
      { field: "file" },
    );
  }
  requireClips(draft);
  const end = videoEnd(draft);
  const { cues, skipped } = parseSubtitles(text);

  // Cues past the end of the video would make the video longer; trim them to fit.
  const fitting = cues
    .filter((c) => c.start < end)
    .map((c): SubtitleCue => ({ ...c, end: Math.min(c.end, end) }))
    .filter((c) => c.end > c.start);
  if (fitting.length === 0) {
    throw new AppError(
      "validation",
      `None of the captions in ${fileName} fall within the video (it is ${formatTime(end)} long; the first caption starts at ${formatTime(cues[0].start)}). Check the file is for this video.`,
      { field: "file" },
    );
  }

  const existing = textTracks(draft).find(isCaptionTrack);
  const look: CaptionLook = (existing && segmentsOf(existing)[0]) ?? CAPTION_LOOKS.classic;
  const sg: TextSegment[] = fitting.map((c, i) => ({
    id: newId(i),
    st: c.start,
    d: c.end - c.start,
    text: c.text,
    kind: "caption",
    style: look.style,
    size: look.size,
    position: look.position,
    color: look.color,
  }));
  const track: TextTrack = {
    tt: TRACK_TEXT,
    sg,
    m: { ...(existing?.m ?? {}), name: "Captions", role: "captions", engine: "uploaded file" },
  };
  const next = finishDraft(
    withTracks(
      draft,
      insertTrack(
        tracksOf(draft).filter((t) => !isCaptionTrack(t)),
        track,
      ),
    ),
  );
  const dropped = cues.length - fitting.length;
  const label =
    `Captions from ${fileName}: ${sg.length} line${sg.length === 1 ? "" : "s"}` +
    (dropped > 0 ? ` (${dropped} after the end of the video left out)` : "") +
    (skipped.length > 0 ? `; skipped ${skipped.length} that could not be used` : "");
  const note =
    skipped.length > 0
      ? `${label}. I skipped ${skipped.length === 1 ? "1 caption" : `${skipped.length} captions`} I could not use: ${describeSkipped(skipped)}. Fix ${skipped.length === 1 ? "that line" : "those lines"} in ${fileName} and upload it again to include ${skipped.length === 1 ? "it" : "them"}.`
      : null;
  return { draft: next, label, cues: sg.length, skipped, note };
}
