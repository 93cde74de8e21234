import { AppError } from "@/lib/errors";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import type { TimedWord } from "../transcribe/types";
import { removeRanges } from "./remove-ranges";
import { snapRanges } from "./snap-cuts";
import type { OpContext, OpResult } from "./types";
import { formatLength, formatTime, requireClips, toMs, videoEnd } from "./timeline";

// remove_silence and remove_fillers: find stretches in each clip's source from the
// analysis (silence detection, transcript), turn them into output time and ripple
// them out. Margins keep the breath before and after a word so nothing sounds clipped,
// and each end is snapped to the quietest point nearby when the loudness is measured.

type SilenceOp = Extract<Op, { op: "remove_silence" }>;

/** Source range [s, e) of a clip as output time, or null when it is outside the clip. */
function toOutput(clip: VideoSegment, s: number, e: number): [number, number] | null {
  const a = Math.max(s, clip.in);
  const b = Math.min(e, clip.out);
  if (b <= a) return null;
  return [
    clip.st + Math.round((a - clip.in) / clip.speed),
    clip.st + Math.round((b - clip.in) / clip.speed),
  ];
}

export function removeSilence(draft: Draft, op: SilenceOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const minMs = toMs(op.min ?? 0.6);
  if (minMs < 200)
    throw new AppError(
      "validation",
      "Pauses shorter than 0.2 s are part of normal speech: pick 0.3 s or more.",
      { field: "min" },
    );
  if (!clips.some((c) => ctx.analysis[c.src]?.silences)) {
    throw new AppError(
      "validation",
      "I have not measured the pauses in this video yet: ask for this in the chat.",
    );
  }
  const margin = Math.min(250, Math.max(100, Math.round(minMs / 4)));
  const ranges: [number, number][] = [];
  for (const clip of clips) {
    for (const sil of ctx.analysis[clip.src]?.silences ?? []) {
      const a = Math.max(sil.start, clip.in);
      const b = Math.min(sil.end, clip.out);
      if (b - a <= minMs) continue;
      // No margin where the pause runs into the clip's edge: there is no word to protect there.
      const out = toOutput(clip, a > clip.in ? a + margin : a, b < clip.out ? b - margin : b);
      if (out) ranges.push(out);
    }
  }
  const label = `${Math.round(minMs / 100) / 10} s`;
  if (ranges.length === 0) {
    return {
      draft,
      summary: `I found no pauses longer than ${label}, so nothing was cut.`,
      tip: SILENCE_TIP,
    };
  }
  const done = removeRanges(draft, snapRanges(draft, ctx.analysis, ranges), ctx);
  return {
    draft: done.draft,
    summary: [
      `Removed ${ranges.length} pause${ranges.length === 1 ? "" : "s"} longer than ${label} (${formatLength(done.removed)} in all), keeping ${formatLength(margin)} around speech; the video is now ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: SILENCE_TIP,
  };
}

const SILENCE_TIP =
  "By hand: look for flat stretches in the audio waveform, split (S) at both ends of each pause and ripple-delete the gap, leaving a few frames so words are not clipped.";

/** Filler words and phrases, as lower-case tokens. Chinese may come as one token or one per character. */
const FILLERS: string[][] = [
  ["um"],
  ["umm"],
  ["uh"],
  ["uhh"],
  ["uhm"],
  ["er"],
  ["erm"],
  ["ah"],
  ["hmm"],
  ["mm"],
  ["you", "know"],
  ["嗯"],
  ["呃"],
  ["额"],
  ["那个"],
  ["那", "个"],
];
/** "do you know", "if you know": a real question or clause, not a filler. */
const NOT_FILLER_BEFORE = new Set([
  "do",
  "did",
  "does",
  "don't",
  "didn't",
  "if",
  "as",
  "would",
  "will",
  "can",
  "could",
  "when",
  "what",
  "that",
]);

const norm = (w: string) => w.toLowerCase().replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, "");

export interface FillerHit {
  text: string;
  s: number;
  e: number;
}

/** Filler words in a transcript, widened into the silence around them but never into a neighbour. */
export function findFillers(words: TimedWord[]): FillerHit[] {
  const tokens = words.map((w) => norm(w.w));
  const hits: FillerHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = FILLERS.find((f) => f.every((t, k) => tokens[i + k] === t));
    if (!match) continue;
    if (match.length > 1 && match[0] === "you" && NOT_FILLER_BEFORE.has(tokens[i - 1] ?? ""))
      continue;
    const first = words[i];
    const last = words[i + match.length - 1];
    const prev = words[i - 1];
    const next = words[i + match.length];
    const s = Math.min(first.s, Math.max(first.s - 60, prev ? prev.e + 20 : 0));
    const e = Math.max(last.e, Math.min(last.e + 60, next ? next.s - 20 : Infinity));
    hits.push({
      text: match.join(match[0].length === 1 && /\p{Script=Han}/u.test(match[0]) ? "" : " "),
      s: Math.max(s, prev ? prev.e : 0),
      e: next ? Math.min(e, next.s) : e,
    });
    i += match.length - 1;
  }
  return hits;
}

export function removeFillers(draft: Draft, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  if (!clips.some((c) => ctx.analysis[c.src]?.words)) {
    throw new AppError(
      "validation",
      "I need a transcript to find filler words: ask for this in the chat.",
    );
  }
  const ranges: [number, number][] = [];
  const counts = new Map<string, number>();
  for (const clip of clips) {
    for (const hit of findFillers(ctx.analysis[clip.src]?.words ?? [])) {
      const out = toOutput(clip, hit.s, hit.e);
      if (!out) continue;
      ranges.push(out);
      counts.set(hit.text, (counts.get(hit.text) ?? 0) + 1);
    }
  }
  if (ranges.length === 0) {
    return {
      draft,
      summary: "I found no filler words (um, uh, you know...) in the speech, so nothing was cut.",
      tip: FILLER_TIP,
    };
  }
  const done = removeRanges(draft, snapRanges(draft, ctx.analysis, ranges), ctx);
  const list = [...counts].map(([w, n]) => (n > 1 ? `"${w}" x${n}` : `"${w}"`)).join(", ");
  return {
    draft: done.draft,
    summary: [
      `Removed ${ranges.length} filler word${ranges.length === 1 ? "" : "s"} (${list}), ${formatLength(done.removed)} in all; the video is now ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: FILLER_TIP,
  };
}

const FILLER_TIP =
  'By hand: read the transcript (or listen) for "um" and "uh", split (S) just before and after each one, ripple-delete it, and add a 2-frame crossfade if the jump shows.';
