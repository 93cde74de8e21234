import type { Aspect, ColorPreset, Draft, Fit } from "@/lib/draft/schema";
import type { ExportPreset, Op } from "@/lib/plan/schema";
import { describeClips, pickClips } from "./targets";
import type { OpResult } from "./types";
import { replaceMainClips, requireClips } from "./timeline";

// aspect, rotate, flip, color and export: they change how the picture is framed or
// what the render will be, never timing, so no other track moves.

type AspectOp = Extract<Op, { op: "aspect" }>;
type RotateOp = Extract<Op, { op: "rotate" }>;
type FlipOp = Extract<Op, { op: "flip" }>;
type ColorOp = Extract<Op, { op: "color" }>;
type ExportOp = Extract<Op, { op: "export" }>;

export const ASPECT_SIZES: Record<Aspect, { width: number; height: number }> = {
  "16:9": { width: 1920, height: 1080 },
  "9:16": { width: 1080, height: 1920 },
  "1:1": { width: 1080, height: 1080 },
  "4:5": { width: 1080, height: 1350 },
};

const FIT_WORDS: Record<Fit, string> = {
  crop: "cropping the edges so the picture fills the frame",
  pad: "fitting the whole picture with bars around it",
  blur: "filling the empty space with a blurred copy of the video",
};

export function aspect(draft: Draft, op: AspectOp): OpResult {
  requireClips(draft);
  const fit = op.fit ?? "blur";
  const { width, height } = ASPECT_SIZES[op.ratio];
  return {
    draft: { ...draft, m: { ...draft.m, aspect: op.ratio, width, height, fit } },
    summary: `Changed the frame to ${op.ratio} (${width}x${height}), ${FIT_WORDS[fit]}.`,
    tip: `By hand: set the sequence (project) resolution to ${width}x${height}, then scale each clip to ${fit === "crop" ? "fill" : "fit"} the frame${fit === "blur" ? " and put a blurred, enlarged copy of it on the track below" : ""}.`,
  };
}

export function rotate(draft: Draft, op: RotateOp): OpResult {
  const clips = requireClips(draft);
  const picked = pickClips(clips, op.target);
  const turn = (op.degrees + 360) % 360;
  const next = clips.map((c, i) =>
    picked.includes(i) ? { ...c, rotate: ((c.rotate + turn) % 360) as 0 | 90 | 180 | 270 } : c,
  );
  const how =
    turn === 180 ? "upside down (180°)" : turn === 90 ? "90° clockwise" : "90° counter-clockwise";
  return {
    draft: replaceMainClips(draft, next),
    summary: `Rotated ${describeClips(picked, clips.length)} ${how}.`,
    tip: `By hand: select the clip and set Rotation to ${op.degrees}° in the Transform (Video) inspector; scale it to fit if the frame shape changed.`,
  };
}

export function flip(draft: Draft, op: FlipOp): OpResult {
  const clips = requireClips(draft);
  const picked = pickClips(clips, op.target);
  const key = op.axis === "horizontal" ? "hflip" : "vflip";
  const next = clips.map((c, i) => (picked.includes(i) ? { ...c, [key]: !c[key] } : c));
  return {
    draft: replaceMainClips(draft, next),
    summary: `Flipped ${describeClips(picked, clips.length)} ${op.axis === "horizontal" ? "horizontally (mirror image)" : "vertically (upside down mirror)"}.`,
    tip: `By hand: select the clip and use Transform > Flip ${op.axis === "horizontal" ? "Horizontal" : "Vertical"} in the video inspector.`,
  };
}

const COLOR_WORDS: Record<ColorPreset, string> = {
  none: "no colour look",
  warm: "a warm look",
  cool: "a cool look",
  vivid: "a vivid (more saturated) look",
  bw: "black and white",
  vintage: "a vintage look",
  bright: "a brighter look",
  contrast: "a high-contrast look",
};

export function color(draft: Draft, op: ColorOp): OpResult {
  const clips = requireClips(draft);
  const picked = pickClips(clips, op.target);
  const next = clips.map((c, i) => (picked.includes(i) ? { ...c, color: op.preset } : c));
  const who = describeClips(picked, clips.length);
  return {
    draft: replaceMainClips(draft, next),
    summary:
      op.preset === "none"
        ? `Removed the colour look from ${who}.`
        : `Gave ${who} ${COLOR_WORDS[op.preset]}.`,
    tip: "By hand: open the colour panel (Lumetri Color, the Color page or Adjust), and change temperature, saturation and contrast, or apply a LUT; copy the grade to the other clips.",
  };
}

const PRESET_LABELS: Record<ExportPreset, string> = {
  youtube: "YouTube (1920x1080)",
  "1080p": "1080p (1920x1080)",
  "720p": "720p (1280x720)",
  shorts: "YouTube Shorts (1080x1920)",
  tiktok: "TikTok (1080x1920)",
  reels: "Instagram Reels (1080x1920)",
  instagram: "Instagram (1080x1080)",
  square: "square (1080x1080)",
  portrait: "portrait 4:5 (1080x1350)",
  twitter: "X / Twitter (1920x1080)",
  linkedin: "LinkedIn (1920x1080)",
};

export function exportPreset(draft: Draft, op: ExportOp): OpResult {
  requireClips(draft);
  return {
    draft: { ...draft, m: { ...draft.m, preset: op.preset } },
    summary: `Export preset: ${PRESET_LABELS[op.preset]}, H.264 MP4.`,
    tip: `By hand: File > Export (Share), pick H.264 MP4 at ${PRESET_LABELS[op.preset].replace(/^.*\((.*)\)$/, "$1")}, keep the frame rate, and tick "optimise for web" (fast start).`,
  };
}
