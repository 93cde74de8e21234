import type { Draft } from "@/lib/draft/schema";
import type { ExportPreset, Op } from "@/lib/plan/schema";
import type { MediaRecord } from "../media/types";
import { startAudioStory } from "../ops/audio-story";

// The agent's side of audio-only stories: a turn on a project with sound and no video
// starts from the audiogram draft instead of answering "add a clip first", and asking
// for an "audiogram" means a video to take away, so it is exported even when the
// request did not say "export".

/** The draft a turn starts from when the project is an audio story, or null. */
export function audioStoryBase(
  draft: Draft,
  ops: Op[],
  media: MediaRecord[],
  newId: () => string,
  lang: "en" | "zh" = "en",
): { draft: Draft; summary: string } | null {
  // Sound meant as music for photos, or files the user placed by hand, are not a story.
  if (ops.some((o) => o.op === "add_clips" || o.op === "music")) return null;
  return startAudioStory(draft, media, newId, lang);
}

const AUDIOGRAM = /audiogram|audio\s*gram|音频图|声波视频/i;

/** "make a 9:16 audiogram for Reels": the ops plus an export for the platform (or shape) named. */
export function withAudiogramExport(message: string, ops: Op[]): Op[] {
  if (!AUDIOGRAM.test(message) || ops.some((o) => o.op === "export")) return ops;
  return [...ops, { op: "export", preset: audiogramPreset(message, ops) }];
}

function audiogramPreset(message: string, ops: Op[]): ExportPreset {
  const m = message.toLowerCase();
  if (/reels|instagram story/.test(m)) return "reels";
  if (/tiktok|抖音/.test(m)) return "tiktok";
  if (/shorts/.test(m)) return "shorts";
  if (/instagram/.test(m)) return "instagram";
  if (/linkedin/.test(m)) return "linkedin";
  const aspect = ops.find((o): o is Extract<Op, { op: "aspect" }> => o.op === "aspect")?.ratio;
  if (aspect === "9:16") return "shorts";
  if (aspect === "1:1") return "square";
  if (aspect === "4:5") return "portrait";
  return "youtube";
}
