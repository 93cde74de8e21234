import type { Credits } from "./schema";

// The one sentence that answers "how many credits do I have?", for every backend.

/** `costNote` says what spends credits on this backend (the local engine: final exports, not previews). */
export function creditsText(c: Credits, costNote?: string): string {
  if (!c.enabled) return "Credits are switched off on this server: exports are free.";
  const held = c.frozen > 0 ? ` (${c.frozen} more are held by exports in progress)` : "";
  return `You have ${c.available} credit${c.available === 1 ? "" : "s"} available${held}, ${c.total} in total.${costNote ? ` ${costNote}` : ""}`;
}
