import type { ExportPreset } from "@/lib/plan/schema";

// Every export preset once: its frame and how people name it. The render reads the
// frame (lib/engine/render/presets.ts), the export panel and list show `label`, and the
// chat's sentences use `phrase` ("I'll export a square 1080x1080 video").

export interface PresetFacts {
  width: number;
  height: number;
  /** Its name in lists and buttons: "Instagram square". */
  label: string;
  /** How a sentence names the result, with its size: "a square 1080x1080 video". */
  phrase: string;
}

export const EXPORT_PRESETS: Record<ExportPreset, PresetFacts> = {
  youtube: { width: 1920, height: 1080, label: "YouTube 1080p", phrase: "YouTube (1920x1080)" },
  shorts: { width: 1080, height: 1920, label: "Shorts", phrase: "YouTube Shorts (1080x1920)" },
  tiktok: { width: 1080, height: 1920, label: "TikTok", phrase: "TikTok (1080x1920)" },
  reels: { width: 1080, height: 1920, label: "Reels", phrase: "Instagram Reels (1080x1920)" },
  instagram: { width: 1080, height: 1080, label: "Instagram", phrase: "Instagram (1080x1080)" },
  square: {
    width: 1080,
    height: 1080,
    label: "Instagram square",
    phrase: "a square 1080x1080 video",
  },
  portrait: {
    width: 1080,
    height: 1350,
    label: "Instagram 4:5",
    phrase: "a 4:5 portrait video (1080x1350)",
  },
  "720p": { width: 1280, height: 720, label: "720p", phrase: "a 720p MP4 (1280x720)" },
  "1080p": { width: 1920, height: 1080, label: "1080p", phrase: "a 1080p MP4 (1920x1080)" },
  twitter: { width: 1920, height: 1080, label: "X / Twitter", phrase: "X/Twitter (1920x1080)" },
  linkedin: { width: 1920, height: 1080, label: "LinkedIn", phrase: "LinkedIn (1920x1080)" },
};

const facts = (preset: string): PresetFacts | undefined =>
  Object.prototype.hasOwnProperty.call(EXPORT_PRESETS, preset)
    ? EXPORT_PRESETS[preset as ExportPreset]
    : undefined;

/** The preset's name in lists ("Instagram square"); an unknown id as it is. */
export function presetLabel(preset: string): string {
  return facts(preset)?.label ?? preset;
}

/** The preset as a sentence names it ("a square 1080x1080 video"); an unknown id as it is. */
export function presetPhrase(preset: string): string {
  return facts(preset)?.phrase ?? preset;
}

/** "1080×1080" */
export function presetSize(preset: ExportPreset): string {
  const p = EXPORT_PRESETS[preset];
  return `${p.width}×${p.height}`;
}
