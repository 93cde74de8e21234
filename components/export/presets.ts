import type { ExportPreset } from "@/lib/plan/schema";

// The presets the export panel offers, each with what it means for the creator.
export interface PresetOption {
  id: ExportPreset;
  label: string;
  size: string;
  note: string;
}

export const PRESET_OPTIONS: PresetOption[] = [
  { id: "youtube", label: "YouTube 1080p", size: "1920×1080", note: "Landscape Full HD (16:9): YouTube, Vimeo and most screens." },
  { id: "shorts", label: "Shorts / TikTok / Reels", size: "1080×1920", note: "Vertical 9:16 for phones; the sides are cropped or padded to fit." },
  { id: "square", label: "Instagram square", size: "1080×1080", note: "1:1 for feed posts that look the same on every device." },
  { id: "portrait", label: "Instagram 4:5", size: "1080×1350", note: "Tall feed post that fills more of a phone screen than square." },
  { id: "720p", label: "720p", size: "1280×720", note: "Smaller file that renders and uploads faster; fine for drafts and email." },
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
