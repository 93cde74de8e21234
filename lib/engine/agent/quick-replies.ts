import type { Credits } from "@/lib/credits/schema";
import { creditsText as sharedCreditsText } from "@/lib/credits/credits-text";
import type { Draft } from "@/lib/draft/schema";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { MediaRecord } from "../media/types";

// Replies for the intents that need no planning or media work (the seed's "skip SSE"
// rows): credits, state, undo/redo wording.

/** The credits sentence (lib/credits) with what spends them here. */
export function creditsText(c: Credits): string {
  return sharedCreditsText(c, "A final export uses a few; previews are free.");
}

export function stateText(draft: Draft, media: MediaRecord[]): string {
  const files = media.length
    ? ` Uploaded: ${media.map((m) => m.name).join(", ")}.`
    : " Nothing uploaded yet: drop a clip on the page.";
  return `${summarizeDraft(draft)}${files}`;
}

export const NOTHING_TO_EDIT =
  "Add a clip first: drop a video on the page (or upload one), then tell me what to do with it.";
