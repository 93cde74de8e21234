import type { Draft } from "@/lib/draft/schema";
import { durationMs, hasVideo } from "@/lib/draft/tracks";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { TurnEvent } from "../turn-event";
import type { Op } from "@/lib/plan/schema";
import { openEdit, type EditTransaction } from "../../drafts/edit-transaction";
import { audioStoryBase, withAudiogramExport } from "../audio-story-turn";
import { gatherAnalysis } from "../gather-analysis";
import { clipParts, runExport } from "../turn-export";
import type { Turn, TurnEnd } from "../turn";

// "edit" / "export": the plan's reply, the media analysis its ops need, the ops applied
// as one edit transaction (one version: "undo that" takes the whole turn back), what
// changed and how to do it by hand, then the export when one was asked for. A failed
// correction puts back the turn it was correcting.

export async function* editTimeline(t: Turn): AsyncGenerator<TurnEvent, TurnEnd> {
  const { deps, input, plan, current } = t;
  const edit = openEdit(deps.drafts, input.sessionId, {
    current,
    revise: plan.revise,
    applyOp: deps.applyOp,
  });
  try {
    return yield* editIn(t, edit);
  } catch (err) {
    edit.abandon();
    throw err;
  }
}

async function* editIn(t: Turn, edit: EditTransaction): AsyncGenerator<TurnEvent, TurnEnd> {
  const { deps, input, plan, media, words, reply, startedAt } = t;
  const { signal } = input;
  const base = edit.base.draft;
  // Sound and no video: the turn works on an audiogram of it (one version with the edit).
  const story = hasVideo(base) ? null : audioStoryBase(base, plan.ops, media, deps.newId, t.lang);
  const startDraft = story?.draft ?? base;
  const ops = withAudiogramExport(
    input.message,
    withClipsFirst(
      plan.ops,
      startDraft,
      media.filter((m) => m.kind !== "audio").map((m) => m.id),
    ),
  );
  if (!hasVideo(startDraft) && !ops.some((o) => o.op === "add_clips")) {
    yield* reply.say(words.nothingToEdit);
    return "answered";
  }
  yield* reply.say(plan.reply);
  const { analysis, notes } = yield* gatherAnalysis(ops, startDraft, media, {
    deps,
    signal,
    startedAt,
    requestLang: t.lang,
  });
  if (signal?.aborted) return "left";
  if (story) notes.unshift(story.summary);
  const opCtx = { media, analysis, newId: deps.newId, limits: deps.workLimits };
  const { draft, results } = edit.apply(startDraft, ops, opCtx);
  const before = (i: number) => (i === 0 ? startDraft : results[i - 1].draft);
  const lines = results.map((r, i) =>
    words.done(ops[i], r, r.draft !== before(i), durationMs(r.draft) / 1000),
  );
  const tips = results.map((r, i) => words.tip(ops[i], r));
  const label = [
    ...(story ? ["Made an audiogram of the sound."] : []),
    ...results.map((r) => r.summary),
  ].join(" ");
  const saved = edit.commit(draft, label || "Edit");
  deps.history.save(input.sessionId, input.message, plan, t.planner, saved.version);
  yield {
    type: "draft",
    draft: saved.draft,
    summary: summarizeDraft(saved.draft),
    version: saved.version,
  };
  yield* reply.say([...notes, ...lines].filter(Boolean).join("\n"));
  for (const tip of tips) if (tip) yield { type: "tip", text: tip };
  reply.teach(tips.filter(Boolean));
  const exp = ops.find((o): o is Extract<Op, { op: "export" }> => o.op === "export");
  if (exp && !signal?.aborted) {
    // "export each clip for TikTok": every named clip gets its own render of its slice.
    const parts =
      exp.target === undefined
        ? undefined
        : clipParts(draft, exp.target, (d, op) => deps.applyOp(d, op, opCtx).draft);
    yield* runExport(t, exp.preset, parts);
  }
  return "edited";
}

/** On an empty timeline the session's clips go on first, so "add captions" works on a fresh upload. */
function withClipsFirst(ops: Op[], draft: Draft, visualIds: string[]): Op[] {
  if (hasVideo(draft) || visualIds.length === 0 || ops.some((o) => o.op === "add_clips"))
    return ops;
  return [{ op: "add_clips", mediaIds: visualIds }, ...ops];
}
