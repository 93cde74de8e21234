import type { ColorPreset, Fit } from "@/lib/draft/schema";

// Small pure pieces of a clip's filter chain. Each returns filter strings (no labels);
// build-filtergraph.ts joins them. Numbers are computed here, in TypeScript, so no
// expression with commas ever needs escaping inside the graph.

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** atempo takes 0.5..2 reliably per stage, so 0.25 and 4 become two stages. */
export function atempoChain(speed: number): string[] {
  if (speed === 1) return [];
  const stages: string[] = [];
  let rest = speed;
  while (rest > 2) {
    stages.push("atempo=2");
    rest /= 2;
  }
  while (rest < 0.5) {
    stages.push("atempo=0.5");
    rest /= 0.5;
  }
  if (Math.abs(rest - 1) > 1e-6) stages.push(`atempo=${num(rest)}`);
  return stages;
}

/** The segment's own rotation and flips, on top of the source's display rotation (ffmpeg autorotates on decode). */
export function orientFilters(rotate: number, hflip: boolean, vflip: boolean): string[] {
  const out: string[] = [];
  if (rotate === 90) out.push("transpose=clock");
  else if (rotate === 270) out.push("transpose=cclock");
  else if (rotate === 180) out.push("hflip", "vflip");
  if (hflip) out.push("hflip");
  if (vflip) out.push("vflip");
  return out;
}

export const COLOR_FILTERS: Record<ColorPreset, string[]> = {
  none: [],
  warm: ["colorchannelmixer=rr=1.08:gg=1.0:bb=0.88"],
  cool: ["colorchannelmixer=rr=0.9:gg=1.0:bb=1.1"],
  vivid: ["eq=saturation=1.4:contrast=1.05"],
  bw: ["hue=s=0"],
  vintage: ["curves=preset=vintage", "eq=saturation=0.85"],
  bright: ["eq=brightness=0.06:contrast=1.02"],
  contrast: ["eq=contrast=1.25:saturation=1.05"],
};

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

export type FitPlan =
  | { kind: "none" }
  | { kind: "scale"; filters: string[] }
  /** Blurred fill: a copy shrunk to 1/8, blurred there (cheap), scaled up behind the picture. */
  | { kind: "blur"; background: string[]; foreground: string[]; overlay: string };

/**
 * How a picture of `srcW`x`srcH` (display size, after rotation) fills a `W`x`H` frame.
 * Same shape (within 0.5%): a plain scale. Otherwise crop (fill, cut the edges), pad
 * (fit, black bars) or blur (fit, blurred copy of itself behind).
 */
export function planFit(srcW: number, srcH: number, W: number, H: number, fit: Fit): FitPlan {
  if (srcW === W && srcH === H) return { kind: "none" };
  const sameShape = Math.abs(srcW / srcH - W / H) / (W / H) < 0.005;
  if (sameShape || srcW <= 0 || srcH <= 0) return { kind: "scale", filters: [`scale=${W}:${H}`] };
  if (fit === "crop") {
    return {
      kind: "scale",
      filters: [`scale=${W}:${H}:force_original_aspect_ratio=increase`, `crop=${W}:${H}`],
    };
  }
  const inner = innerSize(srcW, srcH, W, H);
  const fg = [`scale=${inner.w}:${inner.h}`];
  if (fit === "pad") {
    return {
      kind: "scale",
      filters: [...fg, `pad=${W}:${H}:${(W - inner.w) / 2}:${(H - inner.h) / 2}:black`],
    };
  }
  const bw = even(W / 8);
  const bh = even(H / 8);
  const radius = Math.max(2, Math.floor(Math.min(bw, bh) / 12));
  return {
    kind: "blur",
    background: [
      `scale=${bw}:${bh}:force_original_aspect_ratio=increase`,
      `crop=${bw}:${bh}`,
      `boxblur=luma_radius=${radius}:luma_power=2`,
      `scale=${W}:${H}`,
    ],
    foreground: fg,
    overlay: `overlay=${(W - inner.w) / 2}:${(H - inner.h) / 2}`,
  };
}

/** Largest even size with the source's shape that fits inside W x H. */
export function innerSize(
  srcW: number,
  srcH: number,
  W: number,
  H: number,
): { w: number; h: number } {
  const s = Math.min(W / srcW, H / srcH);
  return { w: Math.min(W, even(srcW * s)), h: Math.min(H, even(srcH * s)) };
}

/** Fades to/from black over a clip of `d` ms. */
export function videoFades(d: number, fadeIn: number, fadeOut: number): string[] {
  const out: string[] = [];
  if (fadeIn > 0) out.push(`fade=t=in:st=0:d=${num(Math.min(fadeIn, d) / 1000)}`);
  if (fadeOut > 0)
    out.push(
      `fade=t=out:st=${num(Math.max(0, d - fadeOut) / 1000)}:d=${num(Math.min(fadeOut, d) / 1000)}`,
    );
  return out;
}

export function audioFades(d: number, fadeIn: number, fadeOut: number): string[] {
  const out: string[] = [];
  if (fadeIn > 0) out.push(`afade=t=in:st=0:d=${num(Math.min(fadeIn, d) / 1000)}`);
  if (fadeOut > 0)
    out.push(
      `afade=t=out:st=${num(Math.max(0, d - fadeOut) / 1000)}:d=${num(Math.min(fadeOut, d) / 1000)}`,
    );
  return out;
}

export const secs = (ms: number) => num(ms / 1000);
