import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { removeRanges } from "./remove-ranges";
import { snapOutputPoint, snapRanges } from "./snap-cuts";
import { placedWords, type PlacedWord } from "./timeline-words";
import type { OpContext, OpResult } from "./types";
import { formatLength, formatTime, requireClips, toMs, videoEnd } from "./timeline";

// Edit by transcript: cut words and shorten pauses. A span of words becomes a removed
// range whose ends sit in the pauses around it (at most KEEP_MS of each pause is kept,
// so the join sounds like one natural pause), snapped to the quietest point nearby.

type CutWordsOp = Extract<Op, { op: "cut_words" }>;
type PauseOp = Extract<Op, { op: "shorten_pause" }>;

/** Most of a pause kept on each side of a cut (ms): two of these make the pause at the join. */
export const KEEP_MS = 250;
/** Where there is no word before (or after) the cut, this much lead-in is kept. */
const EDGE_MS = 300;

const mid = (w: { s: number; e: number }) => (w.s + w.e) / 2;

export interface WordCut {
  /** Removed output range before snapping (word boundaries split by the pause rule). */
  raw: [number, number];
  /** The same after snapping to quiet points: what is cut. */
  cut: [number, number];
  words: PlacedWord[];
}

/** Where each span of words is cut: pauses shared, ends snapped. Spans are output ms. */
export function planWordCuts(draft: Draft, spans: [number, number][], ctx: OpContext): WordCut[] {
  const end = videoEnd(draft);
  const words = placedWords(draft, ctx.analysis);
  return spans.map(([from, to]) => {
    const inside = words.filter((w) => mid(w) >= from && mid(w) <= to);
    const s = inside.length ? Math.min(from, inside[0].s) : from;
    const e = inside.length ? Math.max(to, inside[inside.length - 1].e) : to;
    const prev = [...words].reverse().find((w) => mid(w) < s);
    const next = words.find((w) => mid(w) > e);
    const a = prev ? Math.min((prev.e + s) / 2, prev.e + KEEP_MS) : s <= EDGE_MS ? 0 : s - EDGE_MS;
    const b = next
      ? Math.max((e + next.s) / 2, next.s - KEEP_MS)
      : end - e <= EDGE_MS
        ? end
        : e + EDGE_MS;
    const raw: [number, number] = [
      Math.max(0, Math.round(Math.min(a, s))),
      Math.min(end, Math.round(Math.max(b, e))),
    ];
    const firstMid = inside.length ? mid(inside[0]) : (s + e) / 2;
    const lastMid = inside.length ? mid(inside[inside.length - 1]) : (s + e) / 2;
    // Never into the middle of a kept word, never past the middle of a cut one.
    const ca =
      raw[0] === 0
        ? 0
        : snapOutputPoint(draft, ctx.analysis, raw[0], false, {
            lo: prev ? mid(prev) : 0,
            hi: firstMid,
          });
    const cb =
      raw[1] === end
        ? end
        : snapOutputPoint(draft, ctx.analysis, raw[1], true, {
            lo: lastMid,
            hi: next ? mid(next) : end,
          });
    return { raw, cut: cb > ca ? [ca, cb] : raw, words: inside };
  });
}

const quoteWords = (words: PlacedWord[], max = 8) => {
  const text = words
    .slice(0, max)
    .map((w) => w.w)
    .join(" ");
  return words.length > max ? `"${text}..."` : `"${text}"`;
};

/** Removes planned word cuts and says what went, with the words. */
export function applyWordCuts(
  draft: Draft,
  cuts: WordCut[],
  ctx: OpContext,
  what?: string,
): OpResult {
  const done = removeRanges(
    draft,
    cuts.map((c) => c.cut),
    ctx,
  );
  const words = cuts.flatMap((c) => c.words);
  const list =
    what ??
    (cuts.length === 1
      ? quoteWords(words)
      : `${cuts.length} passages (${words.length} word${words.length === 1 ? "" : "s"})`);
  const where = cuts.length === 1 ? ` at ${formatTime(cuts[0].cut[0])}` : "";
  return {
    draft: done.draft,
    summary: [
      `Cut ${list}${where} (${formatLength(done.removed)}); the video is now ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: "By hand: find the words in the waveform, split (S) in the pause just before and just after them, ripple-delete the piece, and add a 2-frame audio crossfade at the join so no click is heard.",
  };
}

export function cutWords(draft: Draft, op: CutWordsOp, ctx: OpContext): OpResult {
  requireClips(draft);
  const end = videoEnd(draft);
  const spans = op.spans.map(({ from, to }) => [toMs(from), toMs(to)] as [number, number]);
  for (const [a, b] of spans) {
    if (b <= a)
      throw new AppError(
        "validation",
        `Select at least one word to cut (${formatTime(a)} to ${formatTime(b)} is empty).`,
        { field: "spans" },
      );
    if (a >= end)
      throw new AppError(
        "validation",
        `There is nothing at ${formatTime(a)} to cut: the video is only ${formatTime(end)} long.`,
        { field: "spans" },
      );
  }
  return applyWordCuts(draft, planWordCuts(draft, spans, ctx), ctx);
}

export function shortenPause(draft: Draft, op: PauseOp, ctx: OpContext): OpResult {
  requireClips(draft);
  const from = toMs(op.from);
  const to = toMs(op.to);
  const keep = toMs(op.keep ?? 0);
  if (to - from <= keep + 40) {
    return {
      draft,
      summary: `That pause is already ${formatLength(Math.max(0, to - from))} long, so nothing was cut.`,
      tip: PAUSE_TIP,
    };
  }
  const [range] = snapRanges(draft, ctx.analysis, [[from + keep / 2, to - keep / 2]]);
  const done = removeRanges(draft, [range], ctx);
  const left = to - from - done.removed;
  return {
    draft: done.draft,
    summary: [
      `${keep > 0 ? `Shortened the pause at ${formatTime(from)} to ${formatLength(left)}` : `Removed the pause at ${formatTime(from)}`} (${formatLength(done.removed)} cut); the video is now ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: PAUSE_TIP,
  };
}

const PAUSE_TIP =
  "By hand: split (S) a few frames after the last word and a few frames before the next, then ripple-delete the silence between.";
