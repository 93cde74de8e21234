import { AppError } from "@/lib/errors";
import { TRACK_TEXT, type Draft, type TextTrack, type Track } from "@/lib/draft/schema";
import { segmentsOf, textTracks, tracksOf, withTracks } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import { layoutCaptions } from "../captions/layout-captions";
import type { TimedWord } from "../transcribe/types";
import { placedWords } from "./timeline-words";
import { CAPTION_LOOKS, captionSegments, type CaptionLook } from "./caption-track";
import type { OpContext, OpResult } from "./types";
import {
  clipJumps,
  formatTime,
  insertTrack,
  isCaptionTrack,
  requireClips,
  videoEnd,
} from "./timeline";

// captions, caption_style, remove_captions. The transcript's words are in source time;
// each clip's in/out/speed places them on the output timeline, so captions match what
// is actually heard even after trims and speed changes.

type CaptionsOp = Extract<Op, { op: "captions" }>;
type CaptionStyleOp = Extract<Op, { op: "caption_style" }>;

const NO_CAPTIONS = "There are no captions yet: ask to add captions first.";

export function captionTrack(draft: Draft): TextTrack | undefined {
  return textTracks(draft).find((t) => isCaptionTrack(t) && segmentsOf(t).length > 0);
}

/** The transcript's words that are heard in the output (corrected by the user where they were), in output time. */
export function wordsOnTimeline(
  draft: Draft,
  ctx: OpContext,
): { words: TimedWord[]; engine?: string; transcribed: boolean } {
  const clips = requireClips(draft);
  const heard = clips.map((c) => ctx.analysis[c.src]).filter((a) => a?.words);
  const words = placedWords(draft, ctx.analysis).map(({ w, s, e }) => ({ w, s, e }));
  return { words, engine: heard[0]?.transcriptEngine, transcribed: heard.length > 0 };
}

export function captions(draft: Draft, op: CaptionsOp, ctx: OpContext): OpResult {
  const { words, engine, transcribed } = wordsOnTimeline(draft, ctx);
  if (!transcribed) {
    throw new AppError(
      "validation",
      "I need to transcribe the speech before adding captions: ask for captions in the chat.",
    );
  }
  if (words.length === 0) {
    throw new AppError(
      "validation",
      "I could not hear any speech in the video, so there are no captions to add. You can upload an .srt or .vtt file instead.",
    );
  }
  const existing = textTracks(draft).find(isCaptionTrack);
  const look: CaptionLook = op.style
    ? CAPTION_LOOKS[op.style]
    : ((existing && segmentsOf(existing)[0]) ?? CAPTION_LOOKS.classic);
  const end = videoEnd(draft);
  const cues = layoutCaptions(words, { breaks: clipJumps(draft) }).map((c) => ({
    ...c,
    d: Math.max(1, Math.min(c.d, end - c.st)),
  }));
  const language = op.language ?? existing?.m.language;
  const track: TextTrack = {
    tt: TRACK_TEXT,
    sg: captionSegments(cues, look, ctx.newId),
    m: {
      name: "Captions",
      role: "captions",
      ...(engine ? { engine } : {}),
      ...(language ? { language } : {}),
    },
  };
  const t = insertTrack(
    tracksOf(draft).filter((x) => !isCaptionTrack(x)),
    track,
  );
  const first = cues[0];
  const last = cues[cues.length - 1];
  return {
    draft: { ...draft, t },
    summary:
      `${existing ? "Replaced the captions with" : "Added"} ${cues.length} caption${cues.length === 1 ? "" : "s"} from the speech ` +
      `(${formatTime(first.st)}-${formatTime(last.st + last.d)})${engine ? `, recognised by ${engine}` : ""}; style: ${look.style}. Check names and jargon: recognition is not perfect.`,
    tip: "By hand: run your editor's auto-captions (Transcribe / Auto Captions) or import an .srt file, then read each line against the audio and fix mistakes in the captions panel.",
  };
}

export function captionStyle(draft: Draft, op: CaptionStyleOp): OpResult {
  const track = captionTrack(draft);
  if (!track) throw new AppError("validation", NO_CAPTIONS);
  if (op.style === undefined && op.scale === undefined && op.position === undefined) {
    throw new AppError(
      "validation",
      "Say what to change about the captions: the style (classic, bold, highlight), the size or the position.",
    );
  }
  const before = segmentsOf(track)[0];
  const base = op.style ? CAPTION_LOOKS[op.style] : before;
  const size = Math.min(0.3, Math.max(0.01, Math.round(base.size * (op.scale ?? 1) * 1000) / 1000));
  const sg = segmentsOf(track).map((c) => ({
    ...c,
    style: base.style,
    size,
    ...(op.position ? { position: op.position } : {}),
  }));
  const t = tracksOf(draft).map((x): Track => (x === track ? { ...track, sg } : x));
  const parts: string[] = [];
  if (op.style) parts.push(`switched the captions to the ${op.style} style`);
  if (op.scale)
    parts.push(
      `made them ${op.scale >= 1 ? "bigger" : "smaller"} (${pctOf(before.size)} -> ${pctOf(size)} of the frame height)`,
    );
  if (op.position) parts.push(`moved them to the ${op.position.replace("-", " ")}`);
  const text = parts.join(", ");
  return {
    draft: { ...draft, t },
    summary: `${text[0].toUpperCase()}${text.slice(1)}.`,
    tip: "By hand: select the caption track and change the style, font size or position once in the captions inspector; it applies to every caption.",
  };
}

const pctOf = (size: number) => `${Math.round(size * 1000) / 10}%`;

export function removeCaptions(draft: Draft): OpResult {
  const track = captionTrack(draft);
  if (!track) throw new AppError("validation", "There are no captions to remove.");
  return {
    draft: withTracks(
      draft,
      tracksOf(draft).filter((t) => !isCaptionTrack(t)),
    ),
    summary: `Removed the captions (${segmentsOf(track).length} cue${segmentsOf(track).length === 1 ? "" : "s"}).`,
    tip: "By hand: select the caption track (or all caption clips) and press Delete.",
  };
}
