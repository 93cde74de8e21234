import type { Fit } from "@/lib/draft/schema";
import { displaySize } from "../media/types";
import { atempoChain, audioFades, COLOR_FILTERS, orientFilters, planFit, secs, videoFades } from "./clip-filters";
import { escapeFilterValue } from "./escape-filter";
import type { MainItem, RenderLayout, RenderMedia } from "./layout-timeline";
import { fpsExpr, type OutputSpec } from "./presets";

// The whole draft as ONE ffmpeg invocation: an input per used source range, one
// filtergraph (per-clip normalise -> concat or crossfade -> text burn-in; per-clip audio
// -> concat -> music mix with ducking -> loudness), one H.264/AAC MP4 output.

export interface RenderArgsInput {
  layout: RenderLayout;
  out: OutputSpec;
  outputPath: string;
  /** ASS file with the text tracks, when there are any. */
  assPath: string | null;
}

const AUDIO_FORMAT = "aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";

export function buildRenderArgs({ layout, out, outputPath, assPath }: RenderArgsInput): string[] {
  const inputs: string[][] = [];
  const graph: string[] = [];
  const { width: W, height: H } = out;
  const fps = fpsExpr(out.fps);

  const addInput = (args: string[]): number => inputs.push(args) - 1;

  const vLabels: string[] = [];
  const aLabels: string[] = [];
  layout.items.forEach((item, i) => {
    const v = `v${i}`;
    const a = `a${i}`;
    vLabels.push(v);
    aLabels.push(a);
    if (item.type === "gap" || (!item.media.probe.hasVideo && item.media.kind !== "image")) {
      graph.push(`color=c=black:s=${W}x${H}:r=${fps}:d=${secs(item.d)},format=yuv420p,setsar=1[${v}]`);
    }
    if (item.type === "gap") {
      graph.push(silence(item.d, a));
      return;
    }
    const idx = addInput(clipInput(item, out));
    if (item.media.probe.hasVideo || item.media.kind === "image") graph.push(...clipVideo(item, idx, out, v, layout.fit));
    if (item.media.kind !== "image" && item.media.probe.hasAudio && item.seg.volume > 0) graph.push(clipAudio(item, idx, a));
    else graph.push(silence(item.d, a));
  });

  // Join the clips: one concat when all cuts are hard, a crossfade chain otherwise.
  const hasTransitions = layout.items.some((it) => it.type === "clip" && it.transition > 0);
  let vOut = "vcat";
  let aOut = "acat";
  if (layout.items.length === 1) {
    vOut = vLabels[0];
    aOut = aLabels[0];
  } else if (!hasTransitions) {
    graph.push(`${layout.items.map((_, i) => `[${vLabels[i]}][${aLabels[i]}]`).join("")}concat=n=${layout.items.length}:v=1:a=1[vcat][acat]`);
  } else {
    [vOut, aOut] = crossfadeChain(layout.items, vLabels, aLabels, graph);
  }

  if (assPath) {
    graph.push(`[${vOut}]ass=filename=${escapeFilterValue(assPath)},format=yuv420p[vtext]`);
    vOut = "vtext";
  }

  aOut = mixSounds(layout, aOut, addInput, graph);
  if (out.loudness !== null) {
    // loudnorm works at 192 kHz internally; bring it back to 48 kHz for AAC.
    graph.push(`[${aOut}]loudnorm=I=${out.loudness}:TP=-1.5:LRA=11,${AUDIO_FORMAT}[aloud]`);
    aOut = "aloud";
  }

  return [
    "-hide_banner", "-loglevel", "error", "-y",
    ...inputs.flat(),
    "-filter_complex", graph.join(";"),
    "-map", `[${vOut}]`, "-map", `[${aOut}]`,
    ...encodeArgs(out),
    "-t", secs(layout.total),
    "-f", "mp4", outputPath,
  ];
}

export function encodeArgs(out: OutputSpec): string[] {
  return [
    "-c:v", "libx264", "-preset", out.x264Preset, "-crf", String(out.crf), "-profile:v", "high", "-pix_fmt", "yuv420p",
    "-r", fpsExpr(out.fps),
    "-c:a", "aac", "-b:a", out.preview ? "96k" : "192k", "-ar", "48000", "-ac", "2",
    "-movflags", "+faststart",
  ];
}

function silence(d: number, label: string): string {
  return `anullsrc=r=48000:cl=stereo,atrim=duration=${secs(d)},aformat=sample_fmts=fltp[${label}]`;
}

/** Input options: only the used range of a video is read; a still is looped for its length. */
export function clipInput(item: Extract<MainItem, { type: "clip" }>, out: OutputSpec): string[] {
  const { seg, media } = item;
  if (media.kind === "image") {
    const loop = /\.gif$/i.test(media.path) ? ["-ignore_loop", "0"] : ["-loop", "1", "-framerate", fpsExpr(out.fps)];
    return [...loop, "-t", secs(item.d), "-i", media.path];
  }
  const range = Math.max(1, seg.out - seg.in);
  return [...(seg.in > 0 ? ["-ss", secs(seg.in)] : []), "-t", secs(range), "-i", media.path];
}

function displayOf(media: RenderMedia, rotate: number): { width: number; height: number } {
  const shown = media.kind === "image" ? { width: media.probe.width, height: media.probe.height } : displaySize(media.probe);
  return rotate === 90 || rotate === 270 ? { width: shown.height, height: shown.width } : shown;
}

export function clipVideo(item: Extract<MainItem, { type: "clip" }>, idx: number, out: OutputSpec, label: string, fitMode: Fit): string[] {
  const { seg, media } = item;
  const speed = media.kind === "image" ? 1 : seg.speed;
  const head = [
    speed === 1 ? "setpts=PTS-STARTPTS" : `setpts=(PTS-STARTPTS)/${speed}`,
    `fps=${fpsExpr(out.fps)}`,
    ...orientFilters(seg.rotate, seg.hflip, seg.vflip),
    ...COLOR_FILTERS[seg.color],
  ];
  // Exactly d ms: a short source holds its last frame rather than shifting what follows.
  const tail = [
    "setsar=1",
    "format=yuv420p",
    ...videoFades(item.d, seg.fadeIn, seg.fadeOut),
    `tpad=stop_mode=clone:stop_duration=${secs(item.d)}`,
    `trim=duration=${secs(item.d)}`,
    "setpts=PTS-STARTPTS",
  ];
  const shown = displayOf(media, seg.rotate);
  const fit = planFit(shown.width, shown.height, out.width, out.height, fitMode);
  if (fit.kind === "blur") {
    return [
      `[${idx}:v]${head.join(",")},split=2[${label}bg][${label}fg]`,
      `[${label}bg]${fit.background.join(",")}[${label}bgs]`,
      `[${label}fg]${fit.foreground.join(",")}[${label}fgs]`,
      `[${label}bgs][${label}fgs]${fit.overlay},${tail.join(",")}[${label}]`,
    ];
  }
  const scale = fit.kind === "scale" ? fit.filters : [];
  return [`[${idx}:v]${[...head, ...scale, ...tail].join(",")}[${label}]`];
}

export function clipAudio(item: Extract<MainItem, { type: "clip" }>, idx: number, label: string): string {
  const { seg } = item;
  const chain = [
    "asetpts=PTS-STARTPTS",
    ...atempoChain(seg.speed),
    AUDIO_FORMAT,
    ...(seg.volume !== 1 ? [`volume=${seg.volume}`] : []),
    ...audioFades(item.d, seg.fadeIn, seg.fadeOut),
    "apad",
    `atrim=duration=${secs(item.d)}`,
  ];
  return `[${idx}:a]${chain.join(",")}[${label}]`;
}

/**
 * Clips joined pairwise. The incoming clip starts at its own timeline position, so
 * captions stay in sync: the outgoing side is extended (last frame held, silence) or
 * cut to `st + transition`, then xfade/acrossfade blend the overlap.
 */
function crossfadeChain(items: MainItem[], v: string[], a: string[], graph: string[]): [string, string] {
  let vAcc = v[0];
  let aAcc = a[0];
  let length = items[0].d;
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    const t = item.type === "clip" ? item.transition : 0;
    const st = Math.min(item.st, length);
    const end = st + t;
    const hold = Math.max(0, end - length);
    graph.push(`[${vAcc}]tpad=stop_mode=clone:stop_duration=${secs(hold)},trim=duration=${secs(end)}[vx${i}]`);
    graph.push(`[${aAcc}]apad,atrim=duration=${secs(end)}[ax${i}]`);
    if (t > 0) {
      graph.push(`[vx${i}][${v[i]}]xfade=transition=fade:duration=${secs(t)}:offset=${secs(st)}[vj${i}]`);
      graph.push(`[ax${i}][${a[i]}]acrossfade=d=${secs(t)}[aj${i}]`);
    } else {
      graph.push(`[vx${i}][ax${i}][${v[i]}][${a[i]}]concat=n=2:v=1:a=1[vj${i}][aj${i}]`);
    }
    vAcc = `vj${i}`;
    aAcc = `aj${i}`;
    length = st + item.d;
  }
  return [vAcc, aAcc];
}

/** Music and voice-over: trimmed or looped to length, placed, faded, ducked under the clips' sound. */
function mixSounds(layout: RenderLayout, main: string, addInput: (args: string[]) => number, graph: string[]): string {
  if (layout.sounds.length === 0) return main;
  const labels: string[] = [];
  layout.sounds.forEach(({ seg, media }, i) => {
    const idx = addInput(["-i", media.path]);
    const region = Math.max(1, seg.out - seg.in);
    const d = Math.min(seg.d, layout.total - seg.st);
    const chain = [
      `atrim=start=${secs(seg.in)}:end=${secs(seg.out)}`,
      "asetpts=PTS-STARTPTS",
      AUDIO_FORMAT,
      ...(seg.loop && region < d ? [`aloop=loop=-1:size=${Math.round((region / 1000) * 48000)}`] : []),
      `atrim=duration=${secs(d)}`,
      ...(seg.volume !== 1 ? [`volume=${seg.volume}`] : []),
      ...audioFades(d, seg.fadeIn, seg.fadeOut),
      ...(seg.st > 0 ? [`adelay=delays=${seg.st}:all=1`] : []),
    ];
    graph.push(`[${idx}:a]${chain.join(",")}[s${i}]`);
    labels.push(`s${i}`);
  });
  let bed = labels[0];
  if (labels.length > 1) {
    graph.push(`${labels.map((l) => `[${l}]`).join("")}amix=inputs=${labels.length}:duration=longest:normalize=0[sbed]`);
    bed = "sbed";
  }
  if (layout.sounds.some((s) => s.seg.duck)) {
    // The clips' own sound (speech) keys a compressor on the music.
    graph.push(`[${main}]asplit=2[amain][akey]`);
    graph.push(`[${bed}][akey]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[sduck]`);
    graph.push(`[amain][sduck]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]`);
  } else {
    graph.push(`[${main}][${bed}]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]`);
  }
  return "amix";
}
