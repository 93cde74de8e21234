import type { ExportPreset } from "@/lib/plan/schema";

// The presets the export panel offers, each with what it means for the creator.
export interface PresetOption {
  id: ExportPreset;
  label: string;
  size: string;
  note: string;
  /** The frame's shape, as the draft's `m.aspect` says it. */
  aspect: "16:9" | "9:16" | "1:1" | "4:5";
}

export const PRESET_OPTIONS: PresetOption[] = [
  { id: "youtube", label: "YouTube 1080p", size: "1920×1080", note: "Landscape Full HD (16:9): YouTube, Vimeo and most screens.", aspect: "16:9" },
  { id: "shorts", label: "Shorts / TikTok / Reels", size: "1080×1920", note: "Vertical 9:16 for phones; the sides are cropped or padded to fit.", aspect: "9:16" },
  { id: "square", label: "Instagram square", size: "1080×1080", note: "1:1 for feed posts that look the same on every device.", aspect: "1:1" },
  { id: "portrait", label: "Instagram 4:5", size: "1080×1350", note: "Tall feed post that fills more of a phone screen than square.", aspect: "4:5" },
  { id: "720p", label: "720p", size: "1280×720", note: "Smaller file that renders and uploads faster; fine for drafts and email.", aspect: "16:9" },
];

const LABELS: Record<string, string> = {
  youtube: "YouTube 1080p",
  shorts: "Shorts",
  tiktok: "TikTok",
  reels: "Reels",
  instagram: "Instagram",
  square: "Instagram square",
  portrait: "Instagram 4:5",
  "720p": "720p",
  "1080p": "1080p",
  twitter: "X / Twitter",
  linkedin: "LinkedIn",
};

export function presetLabel(preset: string): string {
  return LABELS[preset] ?? preset;
}

/** The preset that fits a draft: its own export preset when it has one of that shape, else the first of that shape. */
export function presetForDraft(aspect: string | undefined, preset: string | undefined): ExportPreset {
  const own = PRESET_OPTIONS.find((p) => p.id === preset || (preset && ["tiktok", "reels"].includes(preset) && p.id === "shorts"));
  if (own && (!aspect || own.aspect === aspect)) return own.id;
  return PRESET_OPTIONS.find((p) => p.aspect === aspect)?.id ?? "youtube";
}
