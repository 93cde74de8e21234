import { AppError } from "@/lib/errors";
import type { VideoSegment } from "@/lib/draft/schema";
import type { Target } from "@/lib/plan/schema";
import type { OpContext } from "./types";

// Which clips of the main track an op touches: "all" (the default for per-clip edits),
// the n-th clip ({ index }, 0-based), or every clip made from one file ({ mediaId }).

export function pickClips(clips: VideoSegment[], target: Target): number[] {
  if (target === undefined || target === "all") return clips.map((_, i) => i);
  if ("index" in target) {
    if (target.index >= clips.length) {
      const n = clips.length;
      throw new AppError(
        "validation",
        `There is no clip ${target.index + 1}: the timeline has ${n} clip${n === 1 ? "" : "s"}.`,
        {
          field: "target",
        },
      );
    }
    return [target.index];
  }
  const picked = clips.flatMap((c, i) => (c.src === target.mediaId ? [i] : []));
  if (picked.length === 0) {
    throw new AppError(
      "validation",
      "That file is not on the timeline yet: add it first, then ask again.",
      { field: "target" },
    );
  }
  return picked;
}

/** "all clips", "clip 2", "clips 1 and 3": for summaries. */
export function describeClips(picked: number[], total: number): string {
  if (picked.length === total) return total === 1 ? "the video" : "all clips";
  const nums = picked.map((i) => String(i + 1));
  if (nums.length === 1) return `clip ${nums[0]}`;
  return `clips ${nums.slice(0, -1).join(", ")} and ${nums[nums.length - 1]}`;
}

export function isStill(clip: VideoSegment, ctx: OpContext): boolean {
  return ctx.media.find((m) => m.id === clip.src)?.kind === "image";
}
