import { AppError } from "@/lib/errors";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { followPicture } from "./follow-picture";
import { describeClips, isStill, pickClips } from "./targets";
import type { TimeMap } from "./time-map";
import type { OpContext, OpResult } from "./types";
import { formatTime, packClips, replaceMainClips, requireClips, videoEnd } from "./timeline";

// speed and reorder: both move material in time without removing any, so they build a
// TimeMap from each clip's old place to its new one and let the other tracks follow.

type SpeedOp = Extract<Op, { op: "speed" }>;
type ReorderOp = Extract<Op, { op: "reorder" }>;

function relayout(draft: Draft, before: VideoSegment[], after: VideoSegment[], ctx: OpContext) {
  const packed = packClips(after);
  const map: TimeMap = packed.map((seg) => {
    const old = before.find((c) => c.id === seg.id)!;
    return { from: old.st, to: old.st + old.d, at: seg.st, scale: seg.d / old.d };
  });
  return followPicture(replaceMainClips(draft, packed), map, ctx.media, ctx.newId);
}

export function speed(draft: Draft, op: SpeedOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  if (!(op.factor >= 0.25 && op.factor <= 4)) {
    throw new AppError(
      "validation",
      "Speed can go from 0.25x (four times slower) to 4x (four times faster). Pick a value in that range.",
      { field: "factor" },
    );
  }
  const picked = pickClips(clips, op.target).filter((i) => !isStill(clips[i], ctx));
  if (picked.length === 0) {
    throw new AppError(
      "validation",
      "Photos have no speed: to show a photo for less time, ask to make it shorter instead.",
      { field: "target" },
    );
  }
  const next = clips.map((c, i) => (picked.includes(i) ? { ...c, speed: op.factor } : c));
  const before = videoEnd(draft);
  const done = relayout(draft, clips, next, ctx);
  const pct = Math.round(op.factor * 100);
  const who = describeClips(picked, clips.length);
  return {
    draft: done.draft,
    summary: [
      `Set ${who} to ${op.factor}x speed: the video is now ${formatTime(videoEnd(done.draft))} long (was ${formatTime(before)}).`,
      ...done.notes,
    ].join(" "),
    tip: `By hand: select the clip, open Speed/Duration (right-click > Clip Speed) and set ${pct}%; keep "maintain audio pitch" on so voices do not sound odd.`,
  };
}

export function reorder(draft: Draft, op: ReorderOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const n = clips.length;
  const sorted = [...op.order].sort((a, b) => a - b);
  if (sorted.length !== n || sorted.some((v, i) => v !== i)) {
    throw new AppError(
      "validation",
      `To reorder, list every clip once: the timeline has ${n} clip${n === 1 ? "" : "s"} (1 to ${n}).`,
      { field: "order" },
    );
  }
  if (op.order.every((v, i) => v === i)) {
    return { draft, summary: "The clips are already in that order.", tip: REORDER_TIP };
  }
  const done = relayout(
    draft,
    clips,
    op.order.map((i) => clips[i]),
    ctx,
  );
  const names = op.order.map((i) => clips[i].name ?? `clip ${i + 1}`);
  return {
    draft: done.draft,
    summary: [
      `Reordered the clips: ${names.join(", ")}; the video is still ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: REORDER_TIP,
  };
}

const REORDER_TIP =
  "By hand: drag each clip along the timeline to its new place; hold Ctrl (Cmd on a Mac) while dropping to insert it instead of overwriting.";
