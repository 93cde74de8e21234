import { AppError } from "@/lib/errors";
import { TRACK_VIDEO, type Draft } from "@/lib/draft/schema";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { ChatEvent } from "@/lib/events/schema";
import type { ExportJob } from "@/lib/export/schema";
import type { Op, Target } from "@/lib/plan/schema";
import { pickClips } from "../ops/targets";
import { requireClips } from "../ops/timeline";
import type { OpResult } from "../ops/types";
import { presetLabel } from "../planner/describe-ops";
import { contextFromDraft } from "../planner/planner-context";
import type { AgentDeps } from "./agent-deps";
import { gatherAnalysis } from "./gather-analysis";
import { pieces, pump } from "./pump";
import { creditsText, stateText } from "./quick-replies";
import { requestLanguage } from "../planner/sentences";
import { answerChoice } from "../planner/answer-choice";
import { TURN_SENTENCES, type TurnSentences } from "./turn-sentences";
import { audioStoryBase, withAudiogramExport } from "./audio-story-turn";

// One chat turn as a stream of events: plan the request, run the media analysis its
// ops need, apply the ops, commit ONE draft version (so "undo that" takes the whole
// turn back), teach how to do it by hand, start the export if asked and relay its
// progress. Every failure becomes an `error` event with a sentence; nothing already
// saved is touched by a failed turn. The stream always ends with `done`.

export interface TurnInput {
  sessionId: string;
  tokenId: string;
  message: string;
  /** Aborted when the browser goes away: work stops, an export already started keeps running. */
  signal?: AbortSignal;
  /** Public origin ("https://host") so share links in replies work when pasted elsewhere. */
  origin?: string;
}

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

export async function* runTurn(deps: AgentDeps, input: TurnInput): AsyncGenerator<ChatEvent> {
  const startedAt = Date.now();
  const { sessionId, signal } = input;
  const said: string[] = [];
  const tips: string[] = [];
  // A request written in Chinese is answered in Chinese.
  const words = TURN_SENTENCES[requestLanguage(input.message)];
  const say = function* (text: string): Generator<ChatEvent> {
    // Each part of the reply is its own paragraph: the plan, what changed, the export.
    const spaced = said.length > 0 ? `\n\n${text}` : text;
    said.push(text);
    yield* pieces(spaced);
  };
  yield { type: "step", id: "plan", label: "Reading your request...", status: "running" };
  let undoneForRevision = false;
  let committed = false;
  try {
    deps.messages.append(sessionId, "user", input.message);
    const current = deps.drafts.current(sessionId);
    const media = deps.listMedia(sessionId);
    const last = deps.history.lastEdit(sessionId);
    const ctx = contextFromDraft(
      current.draft,
      media.map((m) => ({ id: m.id, name: m.name, kind: m.kind, durationSec: m.probe.durationMs / 1000 })),
      last && last.version === current.version ? last.plan : undefined,
    );
    // "remove" / "the second one" typed after a question with choices means that choice.
    const asked = deps.history.last(sessionId)?.plan;
    const request = (asked?.intent === "clarify" && asked.choices ? answerChoice(input.message, asked.choices) : null) ?? input.message;
    // An LLM planner can take seconds: heartbeats keep the stream alive meanwhile.
    const { plan, planner } = yield* pump(() => deps.planner.plan(request, ctx, { signal }), { heartbeatMs: deps.heartbeatMs, startedAt });
    if (signal?.aborted) return;
    yield { type: "step", id: "plan", label: planner === "rules" ? "Planned" : `Planned (${planner})`, status: "done" };
    yield { type: "plan", plan, planner };

    switch (plan.intent) {
      case "credits":
        if (deps.credits) {
          const credits = deps.credits(input.tokenId);
          yield { type: "credits", credits };
          yield* say(creditsText(credits));
        } else yield* say("Credits are not tracked on this server.");
        break;
      case "state":
        yield* say(stateText(current.draft, media));
        break;
      case "upload":
      case "clarify":
        yield* say(plan.reply);
        break;
      case "undo":
      case "redo": {
        try {
          const r = plan.intent === "undo" ? deps.drafts.undo(sessionId) : deps.drafts.redo(sessionId);
          yield { type: "draft", draft: r.draft, summary: summarizeDraft(r.draft), version: r.version };
          yield* say(plan.intent === "undo" ? words.undone("undone" in r ? r.undone : "") : words.redone("redone" in r ? r.redone : ""));
        } catch (err) {
          if (err instanceof AppError && err.code === "conflict") yield* say(err.message);
          else throw err;
        }
        break;
      }
      default: {
        let base = current;
        if (plan.revise && current.version > 0) {
          base = deps.drafts.undo(sessionId);
          undoneForRevision = true;
        }
        // Sound and no video: the turn works on an audiogram of it (one version with the edit).
        const story = hasClips(base.draft) ? null : audioStoryBase(base.draft, plan.ops, media, deps.newId, requestLanguage(input.message));
        const startDraft = story?.draft ?? base.draft;
        const ops = withAudiogramExport(input.message, withClipsFirst(plan.ops, startDraft, media.filter((m) => m.kind !== "audio").map((m) => m.id)));
        if (!hasClips(startDraft) && !ops.some((o) => o.op === "add_clips")) {
          yield* say(words.nothingToEdit);
          break;
        }
        yield* say(plan.reply);
        const { analysis, notes } = yield* gatherAnalysis(ops, startDraft, media, { deps, signal, startedAt });
        if (signal?.aborted) return;
        if (story) notes.unshift(story.summary);
        const results: OpResult[] = [];
        const lines: string[] = [];
        let draft: Draft = startDraft;
        const opCtx = { media, analysis, newId: deps.newId, limits: deps.workLimits };
        for (const op of ops) {
          const r = deps.applyOp(draft, op, opCtx);
          results.push({ ...r, tip: words.tip(op, r) });
          lines.push(words.done(op, r, r.draft !== draft, r.draft.d / 1000));
          draft = r.draft;
        }
        const label = [...(story ? ["Made an audiogram of the sound."] : []), ...results.map((r) => r.summary)].join(" ");
        const saved = deps.drafts.commit(sessionId, draft, label || "Edit");
        committed = true;
        deps.history.save(sessionId, input.message, plan, planner, saved.version);
        yield { type: "draft", draft: saved.draft, summary: summarizeDraft(saved.draft), version: saved.version };
        yield* say([...notes, ...lines].filter(Boolean).join("\n"));
        for (const r of results) if (r.tip) yield { type: "tip", text: r.tip };
        // The saved reply keeps the lessons too, so a reloaded conversation still teaches.
        tips.push(...results.map((r) => r.tip).filter(Boolean));
        const exp = ops.find((o): o is Extract<Op, { op: "export" }> => o.op === "export");
        if (exp && !signal?.aborted) {
          // "export each clip for TikTok": every named clip gets its own render of its slice.
          const parts = exp.target === undefined ? undefined : clipParts(draft, exp.target, (d, op) => deps.applyOp(d, op, opCtx).draft);
          yield* runExport(deps, input, exp.preset, startedAt, say, words, parts);
        }
      }
    }
    if (!committed) deps.history.save(sessionId, input.message, plan, planner, null);
  } catch (err) {
    if (undoneForRevision && !committed) {
      // The correction failed: put the turn it was correcting back.
      try {
        deps.drafts.redo(sessionId);
      } catch {
        /* nothing to restore */
      }
    }
    if (!signal?.aborted) {
      const e = toSentence(err);
      said.push(e.message);
      yield { type: "error", code: e.code, message: e.message };
    }
  } finally {
    if (said.length) {
      const reply = said.join("\n\n").replace(/[ \t]+/g, " ").trim();
      deps.messages.append(sessionId, "assistant", tips.length ? `${reply}\n\n${[...new Set(tips)].join("\n")}` : reply);
    }
  }
  yield { type: "done" };
}

function hasClips(draft: Draft): boolean {
  return draft.t.some((t) => t.tt === TRACK_VIDEO && t.sg.length > 0);
}

/** On an empty timeline the session's clips go on first, so "add captions" works on a fresh upload. */
function withClipsFirst(ops: Op[], draft: Draft, visualIds: string[]): Op[] {
  if (hasClips(draft) || visualIds.length === 0 || ops.some((o) => o.op === "add_clips")) return ops;
  return [{ op: "add_clips", mediaIds: visualIds }, ...ops];
}

async function* runExport(
  deps: AgentDeps,
  input: TurnInput,
  preset: Extract<Op, { op: "export" }>["preset"],
  startedAt: number,
  say: (text: string) => Generator<ChatEvent>,
  words: TurnSentences,
  parts?: ExportPart[],
): AsyncGenerator<ChatEvent> {
  if (!deps.exports) throw new AppError("unavailable", "Exporting is not available on this server yet.");
  if (!parts) {
    const job = deps.exports.start(input.sessionId, input.tokenId, { preset, preview: false });
    yield { type: "export", job };
    yield* say(words.exporting(presetLabel(preset)));
    yield* followExport(deps, input, job, startedAt, say, words);
    return;
  }
  // All renders are queued before any is followed, so they all run even if the tab closes.
  const jobs: ExportJob[] = [];
  let refusal: AppError | null = null;
  for (const part of parts) {
    try {
      jobs.push(deps.exports.start(input.sessionId, input.tokenId, { preset, preview: false }, part));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refusal = err;
      break;
    }
  }
  for (const job of jobs) yield { type: "export", job };
  if (jobs.length > 0) {
    yield* say(`Exporting ${jobs.length === 1 ? "1 clip" : `${jobs.length} clips, each on its own,`} ${presetLabel(preset)}: ${jobs.map((j) => j.name).join(", ")}.`);
  }
  if (refusal) {
    if (jobs.length === 0) throw refusal;
    yield* say(`I could not start the rest: ${refusal.message}`);
  }
  for (const job of jobs) yield* followExport(deps, input, job, startedAt, say, words);
}

export interface ExportPart {
  draft: Draft;
  name: string;
}

/** One slice of the timeline per targeted clip, named after the clip. */
export function clipParts(draft: Draft, target: Target, slice: (d: Draft, op: Op) => Draft): ExportPart[] {
  const clips = requireClips(draft);
  return pickClips(clips, target).map((i) => {
    const seg = clips[i];
    return {
      draft: slice(draft, { op: "trim", start: seg.st / 1000, end: (seg.st + seg.d) / 1000 }),
      name: seg.name ?? `clip ${i + 1}`,
    };
  });
}

async function* followExport(
  deps: AgentDeps,
  input: TurnInput,
  job: ExportJob,
  startedAt: number,
  say: (text: string) => Generator<ChatEvent>,
  words: TurnSentences,
): AsyncGenerator<ChatEvent> {
  const exportsApi = deps.exports!;
  const final = yield* pump<ExportJob | null>(
    (emit) =>
      new Promise((resolve) => {
        let lastProgress = -1;
        let done = false;
        let unsubscribe = () => {};
        const finish = (j: ExportJob | null) => {
          if (done) return;
          done = true;
          unsubscribe();
          input.signal?.removeEventListener("abort", onAbort);
          resolve(j);
        };
        const onAbort = () => finish(null);
        unsubscribe = exportsApi.subscribe(job.id, (j) => {
          if (TERMINAL.has(j.status)) return finish(j);
          // Progress events at whole percents only: enough for a bar, not a flood.
          if (Math.floor(j.progress) !== lastProgress) {
            lastProgress = Math.floor(j.progress);
            emit({ type: "export", job: j });
          }
        });
        if (done) return unsubscribe();
        if (input.signal?.aborted) return finish(null);
        input.signal?.addEventListener("abort", onAbort, { once: true });
        // It may have finished before we subscribed.
        const now = exportsApi.get(input.sessionId, job.id);
        if (TERMINAL.has(now.status)) finish(now);
      }),
    { heartbeatMs: deps.heartbeatMs, startedAt },
  );
  if (!final) return; // the visitor left; the export keeps running and shows in the export panel
  yield { type: "export", job: final };
  if (final.status === "completed") {
    const link = final.shareUrl ? absoluteUrl(final.shareUrl, input.origin) : undefined;
    yield* say(words.ready(final.name ?? undefined, final.width ? ` (${final.width}x${final.height})` : "", link));
  } else if (final.status === "failed") {
    throw new AppError("internal", final.error ?? "The export failed. Your edits are saved; try exporting again.");
  } else {
    yield* say("The export was cancelled. Your edits are saved; say \"export\" to start it again.");
  }
}

function toSentence(err: unknown): { code: string | number; message: string } {
  if (err instanceof AppError) {
    if (err.code === "internal") console.error("[agent]", err.cause ?? err);
    return { code: err.code, message: err.message };
  }
  console.error("[agent] turn failed:", err);
  return { code: "internal", message: "Something went wrong on our side while editing. Nothing was changed; please try again." };
}

function absoluteUrl(url: string, origin: string | undefined): string {
  return origin && url.startsWith("/") ? `${origin}${url}` : url;
}
