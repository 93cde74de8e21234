import type { ExportPreset } from "@/lib/plan/schema";
import { presetSize } from "@/lib/export/presets";

export { presetLabel } from "@/lib/export/presets";

// The presets the export panel offers, each with what it means for the creator (frames
// and list names: lib/export/presets.ts). "Shorts / TikTok / Reels" is one choice here.
export interface PresetOption {
  id: ExportPreset;
  label: string;
  size: string;
  note: string;
  /** The frame's shape, as the draft's `m.aspect` says it. */
  aspect: "16:9" | "9:16" | "1:1" | "4:5";
}

export const PRESET_OPTIONS: PresetOption[] = [
  { id: "youtube", label: "YouTube 1080p", size: presetSize("youtube"), note: "Landscape Full HD (16:9): YouTube, Vimeo and most screens.", aspect: "16:9" },
  { id: "shorts", label: "Shorts / TikTok / Reels", size: presetSize("shorts"), note: "Vertical 9:16 for phones; the sides are cropped or padded to fit.", aspect: "9:16" },
  { id: "square", label: "Instagram square", size: presetSize("square"), note: "1:1 for feed posts that look the same on every device.", aspect: "1:1" },
  { id: "portrait", label: "Instagram 4:5", size: presetSize("portrait"), note: "Tall feed post that fills more of a phone screen than square.", aspect: "4:5" },
  { id: "720p", label: "720p", size: presetSize("720p"), note: "Smaller file that renders and uploads faster; fine for drafts and email.", aspect: "16:9" },
];

/** The preset that fits a draft: its own export preset when it has one of that shape, else the first of that shape. */
export function presetForDraft(aspect: string | undefined, preset: string | undefined): ExportPreset {
  const own = PRESET_OPTIONS.find((p) => p.id === preset || (preset && ["tiktok", "reels"].includes(preset) && p.id === "shorts"));
  if (own && (!aspect || own.aspect === aspect)) return own.id;
  return PRESET_OPTIONS.find((p) => p.aspect === aspect)?.id ?? "youtube";
}
