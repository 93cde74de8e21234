import type { TurnEvent } from "./turn-event";
import type { Plan } from "@/lib/plan/schema";
import type { DraftVersion } from "../drafts/draft-store";
import type { MediaRecord } from "../media/types";
import type { Lang } from "../planner/sentences";
import type { AgentDeps } from "./agent-deps";
import type { Reply } from "./reply";
import type { TurnSentences } from "./turn-sentences";

// What an intent handler gets: the planned request and what was true when it was planned.

export interface TurnInput {
  sessionId: string;
  tokenId: string;
  message: string;
  /** Aborted when the browser goes away: work stops, an export already started keeps running. */
  signal?: AbortSignal;
  /**
   * The app's share link for a share id, made by the web app (lib/server/links.ts) with the
   * public origin so it works when pasted elsewhere. Absent (CLI): the reply names no link.
   */
  shareLink?(shareId: string): string;
}

export interface Turn {
  deps: AgentDeps;
  input: TurnInput;
  /** The request's language; the whole turn answers in it. */
  lang: Lang;
  words: TurnSentences;
  startedAt: number;
  /** The timeline when the request was planned. */
  current: DraftVersion;
  media: MediaRecord[];
  plan: Plan;
  /** Which planner made the plan ("rules", "LLM (model)"...), kept with it. */
  planner: string;
  reply: Reply;
}

/**
 * How a handler ended:
 * "answered": nothing was edited; the plan is kept with no version.
 * "edited": the handler kept the plan with the version it committed.
 * "left": the visitor left mid-turn; nothing more is saved and no `done` is sent.
 */
export type TurnEnd = "answered" | "edited" | "left";

export type IntentHandler = (turn: Turn) => AsyncGenerator<TurnEvent, TurnEnd>;
