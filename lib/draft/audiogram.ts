import { z } from "zod";
import type { Draft } from "./schema";

// An audio story's picture settings, kept in the draft's metadata (`m.audiogram`, a
// passthrough field) so every render of the draft, and the UI, knows what to draw:
// a background (a solid colour or a media item) and the waveform's colour.

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const AUDIOGRAM_COLOR = "#1f1b4d";

/** A solid colour, or a media id (a photo, a video whose first frame is used, or a sound file's cover art). */
export const audiogramBackgroundSchema = z.union([
  z.object({ color: hex }),
  z.object({ src: z.string().min(1) }),
]);
export type AudiogramBackground = z.infer<typeof audiogramBackgroundSchema>;

export const audiogramSchema = z.object({
  background: audiogramBackgroundSchema.default({ color: AUDIOGRAM_COLOR }),
  /** Colour of the waveform. */
  wave: hex.default("#FFFFFF"),
});
export type Audiogram = z.infer<typeof audiogramSchema>;

/** The draft's audiogram settings, or null when it has none. */
export function audiogramOf(draft: Draft): Audiogram | null {
  const raw = (draft.m as Record<string, unknown>).audiogram;
  if (raw === undefined) return null;
  const parsed = audiogramSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Media the audiogram's picture needs beside the draft's tracks (its background). */
export function audiogramMediaIds(draft: Draft): string[] {
  const a = audiogramOf(draft);
  return a && "src" in a.background ? [a.background.src] : [];
}
