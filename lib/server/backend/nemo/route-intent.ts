import "server-only";
import type { ExportPreset } from "@/lib/plan/schema";

// The vendor's own routing table: a message that is only "export", "credits" or "status"
// is answered with the matching endpoint and never sent to the agent (an agent turn can
// cost credits; these cost nothing). Anything with an edit in it goes to the agent, and
// its "click Export" is handled by the GUI translation instead.

export type DirectIntent =
  { kind: "export"; preset: ExportPreset } | { kind: "credits" } | { kind: "state" };

const PLATFORM = "(?:youtube|tiktok|shorts|reels|instagram|twitter|linkedin|720p|1080p)";
const EXPORT = new RegExp(
  `^(?:please\\s+)?(?:(?:export|download|render)(?:\\s+(?:it|this|the video|my video|the project))?(?:\\s+(?:for|to|as)\\s+${PLATFORM})?|send me the video|导出(?:视频)?|下载(?:视频)?)(?:\\s+please)?$`,
  "i",
);
const CREDITS =
  /^(?:credits|my credits|balance|how many credits(?: do i have)?(?: left)?|积分|余额)$/i;
const STATE = /^(?:status|state|show(?: me)? (?:the )?tracks|show(?: me)? the timeline|状态)$/i;

const PRESETS: [RegExp, ExportPreset][] = [
  [/tiktok/i, "tiktok"],
  [/shorts/i, "shorts"],
  [/reels/i, "reels"],
  [/instagram/i, "instagram"],
  [/twitter/i, "twitter"],
  [/linkedin/i, "linkedin"],
  [/720p/i, "720p"],
];

export function presetFromMessage(message: string): ExportPreset {
  return PRESETS.find(([re]) => re.test(message))?.[1] ?? "youtube";
}

export function routeIntent(message: string): DirectIntent | null {
  const m = message
    .trim()
    .replace(/[.!?。！？]+$/, "")
    .replace(/\s+/g, " ");
  if (EXPORT.test(m)) return { kind: "export", preset: presetFromMessage(m) };
  if (CREDITS.test(m)) return { kind: "credits" };
  if (STATE.test(m)) return { kind: "state" };
  return null;
}
