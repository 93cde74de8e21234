import { AppError } from "@/lib/errors";
import type { TurnEvent } from "./turn-event";
import { contextFromDraft } from "../planner/planner-context";
import type { AgentDeps } from "./agent-deps";
import { pump } from "./pump";
import { requestLanguage } from "../planner/sentences";
import { answerChoice } from "../planner/answer-choice";
import { STEP_SENTENCES } from "./step-sentences";
import { TURN_SENTENCES } from "./turn-sentences";
import { INTENT_HANDLERS } from "./intents";
import { createReply } from "./reply";
import type { TurnInput } from "./turn";

export type { TurnInput } from "./turn";
export { clipParts, type ExportPart } from "./turn-export";

// One chat turn as a stream of events: plan the request, then hand it to the handler of
// its intent (intents/): an answer in words, undo/redo, or an edit (the media analysis
// its ops need, the ops applied as ONE draft version so "undo that" takes the whole turn
// back, how to do it by hand, the export if asked and its progress). Every failure
// becomes an `error` event with a sentence; nothing already saved is touched by a failed
// turn. The stream always ends with `done`, unless the visitor left.

export async function* runTurn(deps: AgentDeps, input: TurnInput): AsyncGenerator<TurnEvent> {
  const startedAt = Date.now();
  const { sessionId, signal } = input;
  // A request written in Chinese is answered in Chinese.
  const lang = requestLanguage(input.message);
  const reply = createReply();
  yield { type: "step", id: "plan", label: STEP_SENTENCES[lang].reading, status: "running" };
  try {
    deps.messages.append(sessionId, "user", input.message);
    const current = deps.drafts.current(sessionId);
    const media = deps.listMedia(sessionId);
    const last = deps.history.lastEdit(sessionId);
    const ctx = contextFromDraft(
      current.draft,
      media.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        durationSec: m.probe.durationMs / 1000,
      })),
      last && last.version === current.version ? last.plan : undefined,
    );
    // "remove" / "the second one" typed after a question with choices means that choice.
    const asked = deps.history.last(sessionId)?.plan;
    const request =
      (asked?.intent === "clarify" && asked.choices
        ? answerChoice(input.message, asked.choices)
        : null) ?? input.message;
    // An LLM planner can take seconds: heartbeats keep the stream alive meanwhile.
    const { plan, planner } = yield* pump(() => deps.planner.plan(request, ctx, { signal }), {
      heartbeatMs: deps.heartbeatMs,
      startedAt,
    });
    if (signal?.aborted) return;
    yield {
      type: "step",
      id: "plan",
      label: STEP_SENTENCES[lang].planned(planner),
      status: "done",
    };
    yield { type: "plan", plan, planner };

    const handle = INTENT_HANDLERS[plan.intent];
    const end = yield* handle({
      deps,
      input,
      lang,
      words: TURN_SENTENCES[lang],
      startedAt,
      current,
      media,
      plan,
      planner,
      reply,
    });
    if (end === "left") return;
    if (end === "answered") deps.history.save(sessionId, input.message, plan, planner, null);
  } catch (err) {
    if (!signal?.aborted) {
      const e = toSentence(err);
      reply.note(e.message);
      yield { type: "error", code: e.code, message: e.message };
    }
  } finally {
    const text = reply.transcript();
    if (text) deps.messages.append(sessionId, "assistant", text);
  }
  yield { type: "done" };
}

function toSentence(err: unknown): { code: string | number; message: string } {
  if (err instanceof AppError) {
    if (err.code === "internal") console.error("[agent]", err.cause ?? err);
    return { code: err.code, message: err.message };
  }
  console.error("[agent] turn failed:", err);
  return {
    code: "internal",
    message:
      "Something went wrong on our side while editing. Nothing was changed; please try again.",
  };
}
