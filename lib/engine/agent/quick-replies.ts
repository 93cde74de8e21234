import type { Credits } from "@/lib/credits/schema";
import type { Draft } from "@/lib/draft/schema";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { MediaRecord } from "../media/types";

// Replies for the intents that need no planning or media work (the seed's "skip SSE"
// rows): credits, state, undo/redo wording.

export function creditsText(c: Credits): string {
  if (!c.enabled) return "Credits are switched off on this server: exports are free.";
  const held = c.frozen > 0 ? ` (${c.frozen} more are held by exports in progress)` : "";
  return `You have ${c.available} credit${c.available === 1 ? "" : "s"} available${held}, ${c.total} in total. A final export uses a few; previews are free.`;
}

export function stateText(draft: Draft, media: MediaRecord[]): string {
  const files = media.length ? ` Uploaded: ${media.map((m) => m.name).join(", ")}.` : " Nothing uploaded yet: drop a clip on the page.";
  return `${summarizeDraft(draft)}${files}`;
}

export const NOTHING_TO_EDIT = "Add a clip first: drop a video on the page (or upload one), then tell me what to do with it.";
