import { AppError } from "@/lib/errors";
import type { Correction, Draft, TextTrack, Track, VideoSegment } from "@/lib/draft/schema";
import { segmentsOf, textTracks, tracksOf } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import { layoutCaptions } from "../captions/layout-captions";
import { captions } from "./caption-ops";
import { captionSegments } from "./caption-track";
import { followPicture } from "./follow-picture";
import type { TimeMap } from "./time-map";
import { replaceWords } from "./timeline-words";
import type { OpContext, OpResult } from "./types";
import {
  clipJumps,
  formatLength,
  formatTime,
  isCaptionTrack,
  replaceMainClips,
  requireClips,
  toMs,
  videoEnd,
} from "./timeline";

// restore_words puts a cut back; correct_words retypes what was said. Both are ops, so
// one undo takes them back, and both keep captions in step with what is heard and read.

type RestoreOp = Extract<Op, { op: "restore_words" }>;
type CorrectOp = Extract<Op, { op: "correct_words" }>;

/** A speech-made caption track (every cue has its words): it can be laid out again. */
function speechCaptions(draft: Draft): TextTrack | undefined {
  const track = textTracks(draft).find(isCaptionTrack);
  return track &&
    segmentsOf(track).length > 0 &&
    segmentsOf(track).every((c) => c.kind === "caption" && (c.words?.length ?? 0) > 0)
    ? track
    : undefined;
}

/** Captions laid out again from the transcript, when there are speech captions and every clip's words are at hand. */
function refreshCaptions(draft: Draft, ctx: OpContext): Draft {
  if (!speechCaptions(draft)) return draft;
  const clips = requireClips(draft);
  if (!clips.every((c) => ctx.analysis[c.src]?.words)) return draft;
  return captions(draft, { op: "captions" }, ctx).draft;
}

export function restoreWords(draft: Draft, op: RestoreOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const from = toMs(op.from);
  const to = toMs(op.to);
  const name = ctx.media.find((m) => m.id === op.mediaId)?.name ?? "that clip";
  const m = (from + to) / 2;
  const own = (i: number) => clips[i]?.src === op.mediaId;
  // The cut that holds the words: between two pieces of the same source, before its first, or after its last piece.
  let found: { kind: "between" | "head" | "tail"; i: number; gap: [number, number] } | null = null;
  clips.forEach((c, i) => {
    if (found || !own(i)) return;
    const first = !clips.slice(0, i).some((p) => p.src === op.mediaId);
    const last = !clips.slice(i + 1).some((p) => p.src === op.mediaId);
    const next = clips[i + 1];
    if (first && c.in > 0 && m < c.in) found = { kind: "head", i, gap: [0, c.in] };
    else if (own(i + 1) && next.in > c.out && m >= c.out && m <= next.in)
      found = { kind: "between", i, gap: [c.out, next.in] };
    else if (last && m >= c.out) {
      const len = ctx.media.find((x) => x.id === op.mediaId)?.probe.durationMs ?? 0;
      if (len > c.out) found = { kind: "tail", i, gap: [c.out, len] };
    }
  });
  if (!found) {
    throw new AppError(
      "validation",
      `Nothing of ${name} is cut at ${formatTime(from)}: those words are already in the video.`,
    );
  }
  const { kind, i, gap } = found as {
    kind: "between" | "head" | "tail";
    i: number;
    gap: [number, number];
  };
  const [gs, ge] = gap;
  const c = clips[i];
  const merged: VideoSegment[] = [...clips];
  // The neighbouring piece(s) grow over the gap, so the restored part plays exactly as before the cut.
  if (kind === "between")
    merged.splice(i, 2, { ...c, out: clips[i + 1].out, fadeOut: clips[i + 1].fadeOut });
  else if (kind === "head") merged[i] = { ...c, in: gs };
  else merged[i] = { ...c, out: ge };
  const insertAt = kind === "head" ? c.st : c.st + c.d;
  const added = Math.round((ge - gs) / c.speed);
  const end = videoEnd(draft);
  const map: TimeMap = [
    { from: 0, to: insertAt, at: 0, scale: 1 },
    { from: insertAt, to: end, at: insertAt + added, scale: 1 },
  ].filter((p) => p.to > p.from);
  const followed = followPicture(replaceMainClips(draft, merged), map, ctx.media, ctx.newId).draft;
  const next = refreshCaptions(followed, ctx);
  return {
    draft: next,
    summary: `Restored ${formatLength(added)} of ${name} at ${formatTime(insertAt)} (${formatTime(gs)}-${formatTime(ge)} of the source); the video is now ${formatTime(videoEnd(next))} long.`,
    tip: "By hand: drag the cut edge of the clip back out (or undo the ripple delete) until the words are back.",
  };
}

export function correctWords(draft: Draft, op: CorrectOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const s = toMs(op.from);
  const e = Math.max(s + 1, toMs(op.to));
  const text = op.text.replace(/\s+/g, " ").trim();
  const heard = ctx.analysis[op.mediaId]?.words?.filter(
    (w) => (w.s + w.e) / 2 >= s && (w.s + w.e) / 2 < e,
  );
  const correction: Correction = { src: op.mediaId, s, e, text };
  // A new correction replaces older ones it overlaps: the latest typing wins.
  const kept = (draft.m.corrections ?? []).filter(
    (c) => c.src !== op.mediaId || c.e <= s || c.s >= e,
  );
  let next: Draft = {
    ...draft,
    m: { ...draft.m, corrections: [...kept, correction].sort((a, b) => a.s - b.s) },
  };
  const track = speechCaptions(next);
  if (track && clips.every((c) => ctx.analysis[c.src]?.words)) {
    next = refreshCaptions(next, ctx);
  } else if (track) {
    next = patchCaptions(next, track, clips, correction, ctx.newId);
  }
  const was = heard && heard.length ? ` (was "${heard.map((w) => w.w).join(" ")}")` : "";
  return {
    draft: next,
    summary: `Corrected the words at ${formatTime(s)} of ${ctx.media.find((m) => m.id === op.mediaId)?.name ?? "the clip"} to "${text}"${was}; captions and .srt/.vtt files use it.`,
    tip: "By hand: open the captions (or transcript) panel, double-click the misheard word and type the right one; the timing stays.",
  };
}

/** Without the transcript at hand: the caption words played from the corrected source span are retyped in place. */
function patchCaptions(
  draft: Draft,
  track: TextTrack,
  clips: VideoSegment[],
  c: Correction,
  newId: () => string,
): Draft {
  let words = segmentsOf(track).flatMap((cue) => cue.words ?? []);
  for (const clip of clips) {
    if (clip.src !== c.src) continue;
    const a = Math.max(c.s, clip.in);
    const b = Math.min(c.e, clip.out);
    if (b <= a) continue;
    words = replaceWords(
      words,
      clip.st + Math.round((a - clip.in) / clip.speed),
      clip.st + Math.round((b - clip.in) / clip.speed),
      c.text,
    );
  }
  const end = videoEnd(draft);
  const cues = layoutCaptions(words, { breaks: clipJumps(draft) }).map((q) => ({
    ...q,
    d: Math.min(q.d, Math.max(1, end - q.st)),
  }));
  const t = tracksOf(draft).map((x): Track =>
    x === track ? { ...track, sg: captionSegments(cues, segmentsOf(track)[0], newId) } : x,
  );
  return { ...draft, t };
}
