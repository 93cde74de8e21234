import { AppError } from "@/lib/errors";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { removeRanges } from "./remove-ranges";
import { describeClips, pickClips } from "./targets";
import type { OpContext, OpResult } from "./types";
import {
  formatLength,
  formatTime,
  replaceMainClips,
  requireClips,
  toMs,
  videoEnd,
} from "./timeline";

// trim, cut and split. Without a target, times are on the whole output timeline; with a
// target ("for each clip", "the second clip"), they count from the start of each clip.

type TrimOp = Extract<Op, { op: "trim" }>;
type CutOp = Extract<Op, { op: "cut" }>;
type SplitOp = Extract<Op, { op: "split" }>;

const withNotes = (text: string, notes: string[]) => [text, ...notes].join(" ");

/** Where the content starts in a clip, as output time from the clip's start. */
function introEnd(clip: VideoSegment, ctx: OpContext): number {
  const found = ctx.analysis[clip.src]?.contentStartMs;
  if (found === undefined) {
    throw new AppError(
      "validation",
      'I could not find where the intro ends in this clip. Tell me the time instead, e.g. "trim the first 3 seconds".',
    );
  }
  if (found >= clip.out) {
    throw new AppError(
      "validation",
      'The whole first clip looks like intro: I found no speech or scene change in it. Tell me where to start instead, e.g. "start at 0:12".',
    );
  }
  return Math.max(0, Math.round((found - clip.in) / clip.speed));
}

export function trim(draft: Draft, op: TrimOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  if (op.start === undefined && op.end === undefined) {
    throw new AppError(
      "validation",
      'Say which part to keep, e.g. "keep 0:05 to 0:20" or "trim the first 3 seconds".',
    );
  }
  const perClip = op.target !== undefined;
  const spans = perClip
    ? pickClips(clips, op.target).map((i) => ({
        st: clips[i].st,
        d: clips[i].d,
        clip: clips[i],
        label: `clip ${i + 1}`,
      }))
    : [{ st: 0, d: videoEnd(draft), clip: clips[0], label: "the video" }];
  const ranges: [number, number][] = [];
  let keepFrom = 0;
  let keepTo = 0;
  for (const span of spans) {
    const s = op.start === "intro" ? introEnd(span.clip, ctx) : toMs(op.start ?? 0);
    const e = Math.min(op.end === undefined ? span.d : toMs(op.end), span.d);
    if (s >= span.d) {
      throw new AppError(
        "validation",
        `Nothing would be left: ${span.label} is only ${formatTime(span.d)} long, so it cannot start at ${formatTime(s)}.`,
        { field: "start" },
      );
    }
    if (e <= s) {
      throw new AppError(
        "validation",
        `The end (${formatTime(e)}) must come after the start (${formatTime(s)}). Say which part to keep.`,
        { field: "end" },
      );
    }
    ranges.push([span.st, span.st + s], [span.st + e, span.st + span.d]);
    [keepFrom, keepTo] = [s, e];
  }
  const before = videoEnd(draft);
  const done = removeRanges(draft, ranges, ctx);
  const after = videoEnd(done.draft);
  if (done.removed === 0 && op.start === "intro" && !perClip) {
    return {
      draft,
      summary: "Nothing to trim: the content starts right at the beginning of the video.",
      tip: TRIM_TIP(keepFrom, keepTo),
    };
  }
  if (done.removed === 0) {
    return {
      draft,
      summary: `Nothing to trim: the video already runs ${formatTime(keepFrom)}-${formatTime(keepTo)} (${formatTime(before)} long).`,
      tip: TRIM_TIP(keepFrom, keepTo),
    };
  }
  const reason = op.start === "intro" ? ctx.analysis[clips[0].src]?.contentStartReason : undefined;
  const what =
    op.start === "intro" && !perClip
      ? `Trimmed the intro: the video now starts at ${formatTime(keepFrom)} of the original${reason ? ` (${reason})` : ""}`
      : `Trimmed ${perClip ? describeClips(pickClips(clips, op.target), clips.length) : "the video"} to ${formatTime(keepFrom)}-${formatTime(keepTo)}`;
  return {
    draft: done.draft,
    summary: withNotes(
      `${what}; it is now ${formatTime(after)} long (was ${formatTime(before)}).`,
      done.notes,
    ),
    tip: TRIM_TIP(keepFrom, keepTo),
  };
}

const TRIM_TIP = (s: number, e: number) =>
  `By hand: put the playhead at ${formatTime(s)} and drag the clip's left edge to it (ripple trim, Q in many editors), then do the same with the right edge at ${formatTime(e)} (W).`;

export function cut(draft: Draft, op: CutOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const from = toMs(op.from);
  const to = toMs(op.to);
  if (to <= from)
    throw new AppError(
      "validation",
      `The cut must end after it starts (${formatTime(from)} to ${formatTime(to)}).`,
      { field: "to" },
    );
  const perClip = op.target !== undefined;
  const spans = perClip
    ? pickClips(clips, op.target).map((i) => clips[i])
    : [{ st: 0, d: videoEnd(draft) }];
  for (const span of spans) {
    if (from >= span.d) {
      const whose = perClip ? "that clip is" : "the video is";
      throw new AppError(
        "validation",
        `There is nothing at ${formatTime(from)} to cut: ${whose} only ${formatTime(span.d)} long.`,
        { field: "from" },
      );
    }
  }
  const before = videoEnd(draft);
  const done = removeRanges(
    draft,
    spans.map((s) => [s.st + from, s.st + Math.min(to, s.d)]),
    ctx,
  );
  const where = perClip
    ? ` from ${describeClips(pickClips(clips, op.target), clips.length)}`
    : " from the video";
  const span = `${formatTime(from)}-${formatTime(Math.min(to, before))}`;
  return {
    draft: done.draft,
    summary: withNotes(
      `Cut ${span} (${formatLength(done.removed)})${where}; it is now ${formatTime(videoEnd(done.draft))} long.`,
      done.notes,
    ),
    tip: `By hand: put the playhead at ${formatTime(from)} and split (S, or Ctrl/Cmd+B), split again at ${formatTime(Math.min(to, before))}, then select the piece between and ripple-delete it (Shift+Delete) so the gap closes.`,
  };
}

export function split(draft: Draft, op: SplitOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const at = toMs(op.at);
  const end = videoEnd(draft);
  if (at <= 0 || at >= end) {
    throw new AppError(
      "validation",
      `Split inside the video: pick a time between 0:00 and ${formatTime(end)}.`,
      { field: "at" },
    );
  }
  const i = clips.findIndex((c) => at > c.st && at < c.st + c.d);
  const clip = clips[i];
  if (i < 0 || at - clip.st < 40 || clip.st + clip.d - at < 40) {
    throw new AppError(
      "validation",
      `There is already a cut at ${formatTime(at)}: pick a time inside a clip.`,
      { field: "at" },
    );
  }
  const srcAt = clip.in + Math.round((at - clip.st) * clip.speed);
  const head: VideoSegment = { ...clip, out: srcAt, fadeOut: 0 };
  const tail: VideoSegment = { ...clip, id: ctx.newId(), in: srcAt, fadeIn: 0, transitionIn: 0 };
  const next = [...clips.slice(0, i), head, tail, ...clips.slice(i + 1)];
  return {
    draft: replaceMainClips(draft, next),
    summary: `Split clip ${i + 1} at ${formatTime(at)}: the timeline now has ${next.length} clips.`,
    tip: `By hand: put the playhead at ${formatTime(at)}, select the clip and press S (or Ctrl/Cmd+B) to split it there.`,
  };
}
