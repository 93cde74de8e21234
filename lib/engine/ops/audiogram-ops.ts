import { audiogramOf } from "@/lib/draft/audiogram";
import type { Draft } from "@/lib/draft/schema";
import { AppError } from "@/lib/errors";
import type { Op } from "@/lib/plan/schema";
import type { OpContext, OpResult } from "./types";

// The audio story's picture behind the waveform: a solid colour, a photo, the first frame
// of a video, or a sound file's cover art. The studio's background picker and the chat
// both send this op, so undo/redo and every render follow.

type AudiogramOp = Extract<Op, { op: "audiogram" }>;

export function audiogramBackground(draft: Draft, op: AudiogramOp, ctx: OpContext): OpResult {
  const current = audiogramOf(draft);
  if (!current) {
    throw new AppError(
      "validation",
      "This project is not an audiogram, so it has no background to change. An audiogram is made from a project with sound files and no video: ask for one then.",
    );
  }
  const bg = op.background;
  if ("color" in bg) {
    return {
      draft: {
        ...draft,
        m: {
          ...draft.m,
          audiogram: { ...current, background: { color: bg.color.toLowerCase() } },
        } as Draft["m"],
      },
      summary: `The audiogram's background is now the colour ${bg.color.toLowerCase()}.`,
      tip: "By hand: put a colour matte (a solid-colour generator) on the track under the waveform and stretch it to the end.",
    };
  }
  const item = ctx.media.find((m) => m.id === bg.src);
  if (!item)
    throw new AppError(
      "validation",
      "That picture is not in this project any more. Upload it again, then pick it as the background.",
    );
  const what =
    item.kind === "image"
      ? item.name
      : item.kind === "video" && item.probe.hasVideo
        ? `the first frame of ${item.name}`
        : item.probe.hasCover
          ? `the cover of ${item.name}`
          : null;
  if (!what)
    throw new AppError(
      "validation",
      `"${item.name}" has no picture to show behind the waveform. Pick a photo, a video (its first frame is used), a sound file with cover art, or a colour.`,
    );
  return {
    draft: {
      ...draft,
      m: { ...draft.m, audiogram: { ...current, background: { src: item.id } } } as Draft["m"],
    },
    summary: `The audiogram's background is now ${what}.`,
    tip: "By hand: drag the picture onto the track under the waveform, scale it to fill the frame, and stretch it to the end.",
  };
}
