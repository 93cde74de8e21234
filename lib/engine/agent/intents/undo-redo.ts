import { AppError } from "@/lib/errors";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { TurnEvent } from "../turn-event";
import type { Turn, TurnEnd } from "../turn";

/** "undo" / "redo": one version back or forward; nothing to undo is said, not an error. */
export async function* undoOrRedo({
  deps,
  input,
  plan,
  words,
  reply,
}: Turn): AsyncGenerator<TurnEvent, TurnEnd> {
  try {
    const r =
      plan.intent === "undo"
        ? deps.drafts.undo(input.sessionId)
        : deps.drafts.redo(input.sessionId);
    yield { type: "draft", draft: r.draft, summary: summarizeDraft(r.draft), version: r.version };
    yield* reply.say(
      plan.intent === "undo"
        ? words.undone("undone" in r ? r.undone : "")
        : words.redone("redone" in r ? r.redone : ""),
    );
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") yield* reply.say(err.message);
    else throw err;
  }
  return "answered";
}
