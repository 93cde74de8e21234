import type { TurnEvent } from "../turn-event";
import { creditsText, stateText } from "../quick-replies";
import type { Turn, TurnEnd } from "../turn";

// Intents answered in words, with nothing edited.

/** "how many credits do I have" */
export async function* answerCredits({
  deps,
  input,
  reply,
}: Turn): AsyncGenerator<TurnEvent, TurnEnd> {
  if (deps.credits) {
    const credits = deps.credits(input.tokenId);
    yield { type: "credits", credits };
    yield* reply.say(creditsText(credits));
  } else yield* reply.say("Credits are not tracked on this server.");
  return "answered";
}

/** "what's on my timeline" */
export async function* answerState({
  current,
  media,
  reply,
}: Turn): AsyncGenerator<TurnEvent, TurnEnd> {
  yield* reply.say(stateText(current.draft, media));
  return "answered";
}

/** "upload" / a question back: the planner's own words. */
export async function* sayPlanReply({ plan, reply }: Turn): AsyncGenerator<TurnEvent, TurnEnd> {
  yield* reply.say(plan.reply);
  return "answered";
}
