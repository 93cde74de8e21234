import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { anchorRanges, type AnchorRequest } from "./anchor-phrases";
import { placedWords } from "./timeline-words";
import type { OpContext, OpResult } from "./types";
import { applyWordCuts, planWordCuts } from "./word-ops";
import { requireClips } from "./timeline";

// cut_text: the chat's "remove every 'basically'", "cut from 'welcome back' to 'let's
// begin'", "delete the sentence that starts with 'so anyway'". The phrases are found in
// the words on the timeline now (after earlier cuts, with the user's corrections), then
// cut exactly like words deleted in the transcript panel.

type CutTextOp = Extract<Op, { op: "cut_text" }>;

function request(op: CutTextOp): AnchorRequest {
  if (op.match === "range") {
    if (!op.until)
      throw new AppError(
        "validation",
        'Say where the cut ends too, e.g. cut from "welcome back" to "let\'s begin".',
        { field: "until" },
      );
    return { match: "range", phrase: op.phrase, until: op.until };
  }
  return { match: op.match, phrase: op.phrase };
}

export function cutText(draft: Draft, op: CutTextOp, ctx: OpContext): OpResult {
  requireClips(draft);
  const words = placedWords(draft, ctx.analysis);
  const ranges = anchorRanges(words, request(op));
  const cuts = planWordCuts(
    draft,
    ranges.map(([a, b]) => [words[a].s, words[b].e]),
    ctx,
  );
  const said = (a: number, b: number) =>
    words
      .slice(a, b + 1)
      .map((w) => w.w)
      .join(" ");
  const label =
    op.match === "every"
      ? `every "${op.phrase}" (${ranges.length} time${ranges.length === 1 ? "" : "s"})`
      : op.match === "range"
        ? `from "${op.phrase}" through "${op.until}" (${ranges[0][1] - ranges[0][0] + 1} words)`
        : `the sentence "${said(ranges[0][0], ranges[0][1])}"`;
  return applyWordCuts(draft, cuts, ctx, label);
}
