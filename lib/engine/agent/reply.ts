import type { TurnEvent } from "./turn-event";
import { pieces } from "./pump";

// The assistant's reply as it is said during a turn, and as it is saved afterwards: the
// saved message keeps the by-hand tips too, so a reloaded conversation still teaches.

export interface Reply {
  /** Streams one part of the reply (the plan, what changed, the export) as its own paragraph. */
  say(text: string): Generator<TurnEvent>;
  /** Adds a sentence to the saved reply without streaming it (the error event carries it). */
  note(text: string): void;
  /** Tips to keep under the saved reply. */
  teach(tips: string[]): void;
  /** The reply to save, or null when nothing was said. */
  transcript(): string | null;
}

export function createReply(): Reply {
  const said: string[] = [];
  const tips: string[] = [];
  return {
    *say(text) {
      const spaced = said.length > 0 ? `\n\n${text}` : text;
      said.push(text);
      yield* pieces(spaced);
    },
    note(text) {
      said.push(text);
    },
    teach(lessons) {
      tips.push(...lessons);
    },
    transcript() {
      if (said.length === 0) return null;
      const reply = said
        .join("\n\n")
        .replace(/[ \t]+/g, " ")
        .trim();
      return tips.length ? `${reply}\n\n${[...new Set(tips)].join("\n")}` : reply;
    },
  };
}
