import type { Draft } from "@/lib/draft/schema";
import type { ExportPreset } from "@/lib/plan/schema";
import { EXPORT_PRESETS } from "@/lib/export/presets";

// What each export preset means as a frame. Every preset is H.264 High, yuv420p, AAC
// 48 kHz stereo, +faststart; the frame rate follows the draft, capped at 60.

/** The frames and names of the presets: one table, in lib/export/presets.ts. */
export const PRESETS = EXPORT_PRESETS;

export const MAX_FPS = 60;
/** Preview renders: small and quick, for iterating. */
export const PREVIEW_WIDTH = 640;
export const PREVIEW_MAX_FPS = 30;

export const X264_PRESETS = [
  "ultrafast",
  "superfast",
  "veryfast",
  "faster",
  "fast",
  "medium",
] as const;

export interface OutputSpec {
  width: number;
  height: number;
  fps: number;
  preview: boolean;
  /** libx264 preset: the only speed/quality trade-off we expose. */
  x264Preset: (typeof X264_PRESETS)[number];
  crf: number;
  /** Integrated loudness target (LUFS) or null. */
  loudness: number | null;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** Frame rates as ffmpeg reads them back (29.97 = 30000/1001) stay exact. */
export function fpsExpr(fps: number): string {
  const ntsc = [23.976, 29.97, 59.94].find((f) => Math.abs(f - fps) < 0.01);
  if (ntsc) return `${Math.round(ntsc * 1.001) * 1000}/1001`;
  return Number.isInteger(fps) ? String(fps) : fps.toFixed(3);
}

export function outputSpec(draft: Draft, preset: ExportPreset, preview: boolean): OutputSpec {
  const p = PRESETS[preset];
  const fps = Math.min(draft.m.fps, preview ? PREVIEW_MAX_FPS : MAX_FPS);
  if (preview) {
    // Long side at PREVIEW_WIDTH keeps portrait previews as light as landscape ones.
    const scale = PREVIEW_WIDTH / Math.max(p.width, p.height);
    return {
      width: even(p.width * scale),
      height: even(p.height * scale),
      fps,
      preview,
      x264Preset: "ultrafast",
      crf: 28,
      loudness: draft.m.loudness,
    };
  }
  return {
    width: p.width,
    height: p.height,
    fps,
    preview,
    x264Preset: "veryfast",
    crf: 20,
    loudness: draft.m.loudness,
  };
}
