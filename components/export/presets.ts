import type { ExportPreset } from "@/lib/plan/schema";
import { presetLabel as listName, presetSize } from "@/lib/export/presets";
import type { Translate } from "@/stores/locale";

// The presets the export panel offers, each with what it means for the creator (frames
// and list names: lib/export/presets.ts; label and note in the interface's language:
// lib/i18n `preset.<id>.label` / `.note`). "Shorts / TikTok / Reels" is one choice here.
export interface PresetOption {
  id: "youtube" | "shorts" | "square" | "portrait" | "720p";
  size: string;
  /** The frame's shape, as the draft's `m.aspect` says it. */
  aspect: "16:9" | "9:16" | "1:1" | "4:5";
}

export const PRESET_OPTIONS: PresetOption[] = [
  { id: "youtube", size: presetSize("youtube"), aspect: "16:9" },
  { id: "shorts", size: presetSize("shorts"), aspect: "9:16" },
  { id: "square", size: presetSize("square"), aspect: "1:1" },
  { id: "portrait", size: presetSize("portrait"), aspect: "4:5" },
  { id: "720p", size: presetSize("720p"), aspect: "16:9" },
];

/** The preset's name in lists. Brand names read the same in every language; only "Instagram square" has a word to translate. */
export function presetLabel(preset: string, t?: Translate): string {
  if (preset === "square" && t) return t("preset.square.label");
  return listName(preset);
}

/** The preset that fits a draft: its own export preset when it has one of that shape, else the first of that shape. */
export function presetForDraft(
  aspect: string | undefined,
  preset: string | undefined,
): ExportPreset {
  const own = PRESET_OPTIONS.find(
    (p) => p.id === preset || (preset && ["tiktok", "reels"].includes(preset) && p.id === "shorts"),
  );
  if (own && (!aspect || own.aspect === aspect)) return own.id;
  return PRESET_OPTIONS.find((p) => p.aspect === aspect)?.id ?? "youtube";
}
