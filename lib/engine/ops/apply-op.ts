import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { addClips } from "./add-clips";
import { audiogramBackground } from "./audiogram-ops";
import { fade, music, normalize, removeMusic, volume } from "./audio-ops";
import { captionStyle, captions, removeCaptions } from "./caption-ops";
import { removeFillers, removeSilence } from "./cleanup-ops";
import { cut, split, trim } from "./cut-ops";
import { cutText } from "./cut-text";
import { correctWords, restoreWords } from "./restore-correct";
import { cutWords, shortenPause } from "./word-ops";
import { checkDraftInvariants } from "./draft-invariants";
import { checkWorkLimits } from "./work-limits";
import { fitMusic } from "./follow-picture";
import { clipBounds, deleteClips, editText, removeTextBlocks } from "./gesture-ops";
import { aspect, color, exportPreset, flip, rotate } from "./framing-ops";
import { reorder, speed } from "./pace-ops";
import { addText, removeText, textStyle } from "./text-ops";
import type { ApplyOp, OpContext, OpResult } from "./types";
import { clipToVideo, finishDraft } from "./timeline";

// One entry point for every operation the planner (or the studio) can ask for. Each op
// is a small pure function; this file only dispatches and then checks the result, so a
// bug in one op can never save a broken timeline.

function dispatch(draft: Draft, op: Op, ctx: OpContext): OpResult {
  switch (op.op) {
    case "trim":
      return trim(draft, op, ctx);
    case "cut":
      return cut(draft, op, ctx);
    case "split":
      return split(draft, op, ctx);
    case "speed":
      return speed(draft, op, ctx);
    case "reorder":
      return reorder(draft, op, ctx);
    case "volume":
      return volume(draft, op);
    case "fade":
      return fade(draft, op);
    case "music":
      return music(draft, op, ctx);
    case "remove_music":
      return removeMusic(draft);
    case "normalize":
      return normalize(draft, op);
    case "text":
      return addText(draft, op, ctx);
    case "text_style":
      return textStyle(draft, op);
    case "remove_text":
      return op.ids ? removeTextBlocks(draft, op.ids) : removeText(draft);
    case "captions":
      return captions(draft, op, ctx);
    case "caption_style":
      return captionStyle(draft, op);
    case "remove_captions":
      return removeCaptions(draft);
    case "aspect":
      return aspect(draft, op);
    case "rotate":
      return rotate(draft, op);
    case "flip":
      return flip(draft, op);
    case "color":
      return color(draft, op);
    case "remove_silence":
      return removeSilence(draft, op, ctx);
    case "remove_fillers":
      return removeFillers(draft, ctx);
    case "add_clips":
      return addClips(draft, op, ctx);
    case "cut_words":
      return cutWords(draft, op, ctx);
    case "shorten_pause":
      return shortenPause(draft, op, ctx);
    case "restore_words":
      return restoreWords(draft, op, ctx);
    case "correct_words":
      return correctWords(draft, op, ctx);
    case "cut_text":
      return cutText(draft, op, ctx);
    case "export":
      return exportPreset(draft, op);
    case "clip_bounds":
      return clipBounds(draft, op, ctx);
    case "delete_clips":
      return deleteClips(draft, op, ctx);
    case "edit_text":
      return editText(draft, op, ctx);
    case "audiogram":
      return audiogramBackground(draft, op, ctx);
    default: {
      const unknown: never = op;
      throw new AppError(
        "validation",
        `I do not know how to do "${(unknown as { op: string }).op}" yet.`,
      );
    }
  }
}

export const applyOp: ApplyOp = (draft, op, ctx) => {
  const result = dispatch(finishDraft(clipToVideo(draft)), op, ctx);
  const next = finishDraft(fitMusic(result.draft, ctx.media));
  const problems = checkDraftInvariants(next);
  if (problems.length > 0) {
    throw new AppError(
      "internal",
      "That edit would have left the timeline inconsistent, so it was not applied. Please try a different wording.",
      {
        details: { op: op.op },
        cause: new Error(problems.join("; ")),
      },
    );
  }
  if (ctx.limits) checkWorkLimits(next, ctx.limits, draft);
  return { ...result, draft: next };
};

/** Applies ops in order; the summaries and tips of all of them, in order. `apply`: one op (tests may wrap it). */
export function applyOps(
  draft: Draft,
  ops: Op[],
  ctx: OpContext,
  apply: ApplyOp = applyOp,
): { draft: Draft; results: OpResult[] } {
  const results: OpResult[] = [];
  let current = draft;
  for (const op of ops) {
    const r = apply(current, op, ctx);
    results.push(r);
    current = r.draft;
  }
  return { draft: current, results };
}
