import type { Fit } from "@/lib/draft/schema";
import { displaySize } from "../media/types";
import {
  atempoChain,
  audioFades,
  COLOR_FILTERS,
  orientFilters,
  planFit,
  secs,
  videoFades,
} from "./clip-filters";
import { escapeFilterValue } from "./escape-filter";
import { fpsValue, itemLength } from "./frame-grid";
import { joinClips } from "./join-clips";
import type { MainItem, RenderLayout, RenderMedia } from "./layout-timeline";
import { AUDIO_FORMAT, mixSounds } from "./mix-sounds";
import { planReaders, readerCuts, type Reader } from "./plan-readers";
import { fpsExpr, type OutputSpec } from "./presets";

type Clip = Extract<MainItem, { type: "clip" }>;

// The whole draft as ONE ffmpeg invocation: an input per source read forwards (see
// plan-readers.ts: not one per clip, so memory does not grow with cuts), one filtergraph
// (per-clip normalise -> concat or crossfade -> text burn-in; per-clip audio -> concat ->
// music mix with ducking -> loudness), one H.264/AAC MP4 output.
//
// A chunked render (render-chunked.ts) runs the same graph in parts: the sound of the
// whole timeline once (`part: audio`: no picture at all, every piece cut or padded to
// its exact count of samples on the frame grid, so concat and crossfades time the sound
// exactly as in a full render), and the picture of each chunk (`part: video`). A 16x16
// black stand-in picture per piece did that timing before; with it, ffmpeg 5.1 held all
// the decoded sound until the end (1.4 GB for an hour cut 1,000 times).

export type RenderPart =
  | { kind: "audio" }
  | {
      kind: "video";
      /** Items [first, end) of the layout. */
      first: number;
      end: number;
      /** Frames of the timeline before this chunk (the text track is drawn at whole-timeline times). */
      startFrame: number;
      /** The last chunk stops where a whole render's `-t` would: after this many frames. */
      frames: number | null;
    };

export interface RenderArgsInput {
  layout: RenderLayout;
  out: OutputSpec;
  outputPath: string;
  /** ASS file with the text tracks, when there are any. */
  assPath: string | null;
  part?: RenderPart;
}

/** The layout joins clips with crossfades (the pairwise chain) rather than one concat. */
export const usesCrossfades = (layout: RenderLayout) =>
  layout.items.some((it) => it.type === "clip" && it.transition > 0);

export function buildRenderArgs({
  layout,
  out,
  outputPath,
  assPath,
  part,
}: RenderArgsInput): string[] {
  const inputs: string[][] = [];
  const graph: string[] = [];
  const { width: W, height: H } = out;
  const fps = fpsExpr(out.fps);
  const addInput = (args: string[]): number => inputs.push(args) - 1;

  const first = part?.kind === "video" ? part.first : 0;
  const crossfade = usesCrossfades(layout);
  // A clip shorter than a frame that falls between two frames of the grid shows nothing.
  const all = part?.kind === "video" ? layout.items.slice(first, part.end) : layout.items;
  const shown = all.filter((it) => crossfade || itemLength(it, out.fps).frames > 0);
  const items = shown.length > 0 ? shown : all;
  const wantVideo = part?.kind !== "audio";
  const wantAudio = part?.kind !== "video";
  const base = items[0].st;

  const { readers } = planReaders(items, out.fps);
  const sources = readSources(items, readers, {
    addInput,
    graph,
    out,
    wantVideo,
    wantAudio,
    fit: layout.fit,
  });

  const vLabels: string[] = [];
  const aLabels: string[] = [];
  items.forEach((item, i) => {
    const v = `v${i}`;
    const a = `a${i}`;
    vLabels.push(v);
    aLabels.push(a);
    const src = sources[i];
    if (!wantVideo) {
      // The sound part has no picture at all (see clipAudio's `exact` below).
    } else if (item.type === "gap" || !src?.v) {
      graph.push(
        `color=c=black:s=${W}x${H}:r=${fps},trim=end_frame=${itemLength(item, out.fps).frames},format=yuv420p,setsar=1[${v}]`,
      );
    } else {
      graph.push(
        ...(src.prepared
          ? [cutVideo(item as Clip, src.v, out, v, Boolean(src.nearEnd))]
          : clipVideo(item as Clip, src.v, out, v, layout.fit)),
      );
    }
    if (!wantAudio) return;
    const next = items[i + 1];
    const joins = {
      in: i > 0 && item.type === "clip" && item.transition === 0,
      out: !!next && (next.type === "gap" || next.transition === 0),
    };
    if (item.type === "clip" && src?.a)
      graph.push(
        clipAudio(item, src.a, a, out, {
          // A shared reader's piece is already its frames' samples (readerCuts), unless the
          // source ends first or the clip changes speed.
          prepared: src.prepared ? { exact: !src.nearEnd && item.seg.speed === 1 } : null,
          joins,
          crossfade,
        }),
      );
    else graph.push(silence(itemLength(item, out.fps).samples, a));
  });

  const isLastChunk = part?.kind !== "video" || part.end >= layout.items.length;
  const endAt =
    crossfade && !isLastChunk ? layout.items[(part as { end: number }).end].st - base : null;
  let [vOut, aOut] = joinClips(
    items,
    wantVideo ? vLabels : null,
    wantAudio ? aLabels : null,
    graph,
    {
      crossfade,
      base,
      endAt,
      rate: fps,
    },
  ) as [string, string];

  if (assPath && wantVideo) {
    // A chunk's picture is moved to its place on the timeline while the text is drawn,
    // so a caption crossing the chunk's start shows exactly the frames it would.
    const shift =
      part?.kind === "video" && part.startFrame > 0
        ? [`setpts=PTS+${part.startFrame}/((${fps})*TB)`]
        : [];
    const back = shift.length > 0 ? ["setpts=PTS-STARTPTS"] : [];
    graph.push(
      `[${vOut}]${[...shift, `ass=filename=${escapeFilterValue(assPath)}`, ...back, "format=yuv420p"].join(",")}[vtext]`,
    );
    vOut = "vtext";
  }

  if (wantAudio) {
    aOut = mixSounds(layout, aOut, addInput, graph);
    if (out.loudness !== null) {
      // loudnorm works at 192 kHz internally; bring it back to 48 kHz for AAC.
      graph.push(`[${aOut}]loudnorm=I=${out.loudness}:TP=-1.5:LRA=11,${AUDIO_FORMAT}[aloud]`);
      aOut = "aloud";
    }
  }

  const enc = encodeArgs(out);
  const videoEnc = enc.slice(0, enc.indexOf("-c:a"));
  const audioEnc = enc.slice(enc.indexOf("-c:a"), enc.indexOf("-movflags"));
  const head = [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    ...inputs.flat(),
    "-filter_complex",
    graph.join(";"),
  ];
  if (part?.kind === "audio") {
    return [
      ...head,
      "-map",
      `[${aOut}]`,
      ...audioEnc,
      "-t",
      secs(layout.total),
      "-f",
      "mp4",
      outputPath,
    ];
  }
  if (part?.kind === "video") {
    const stop = part.frames !== null ? ["-frames:v", String(part.frames)] : [];
    // Each chunk starts on an IDR frame with a closed GOP (x264's default), so chunks join by stream copy.
    return [
      ...head,
      "-map",
      `[${vOut}]`,
      ...videoEnc,
      "-force_key_frames",
      "0",
      ...stop,
      "-an",
      "-f",
      "mp4",
      outputPath,
    ];
  }
  return [
    ...head,
    "-map",
    `[${vOut}]`,
    "-map",
    `[${aOut}]`,
    ...enc,
    "-t",
    secs(layout.total),
    "-f",
    "mp4",
    outputPath,
  ];
}

export function encodeArgs(out: OutputSpec): string[] {
  return [
    "-c:v",
    "libx264",
    "-preset",
    out.x264Preset,
    "-crf",
    String(out.crf),
    "-profile:v",
    "high",
    "-pix_fmt",
    "yuv420p",
    "-r",
    fpsExpr(out.fps),
    "-c:a",
    "aac",
    "-b:a",
    out.preview ? "96k" : "192k",
    "-ar",
    "48000",
    "-ac",
    "2",
    "-movflags",
    "+faststart",
  ];
}

function silence(samples: number, label: string): string {
  return `anullsrc=r=48000:cl=stereo,atrim=end_sample=${samples},aformat=sample_fmts=fltp[${label}]`;
}

/** Labels of a clip's picture and sound; `prepared`: the reader already oriented, coloured and fitted it. */
interface ClipSource {
  v: string | null;
  a: string | null;
  prepared?: boolean;
  /** Prepared: the source may run out before the clip's last frame. */
  nearEnd?: boolean;
}

interface SourceContext {
  fit: Fit;
  addInput: (args: string[]) => number;
  graph: string[];
  out: OutputSpec;
  wantVideo: boolean;
  wantAudio: boolean;
}

/**
 * One input per reader; each clip gets the label of its own stretch of the decoded
 * picture and sound (absent: draw black / play silence). A reader with one clip is read
 * as before (`[n:v]`); a shared one is cut by segment/asegment, unused stretches go to
 * null sinks.
 */
function readSources(
  items: MainItem[],
  readers: Reader[],
  ctx: SourceContext,
): (ClipSource | null)[] {
  const out: (ClipSource | null)[] = items.map(() => null);
  readers.forEach((r, k) => {
    const m = r.media;
    const video = ctx.wantVideo && (m.probe.hasVideo || m.kind === "image");
    const usesSound = (i: number) => (items[i] as Clip).seg.volume > 0;
    const audio =
      ctx.wantAudio &&
      m.kind !== "image" &&
      m.probe.hasAudio &&
      r.parts.some((p) => usesSound(p.item));
    if (!video && !audio) {
      for (const p of r.parts) out[p.item] = { v: null, a: null };
      return;
    }
    const single = r.parts.length === 1;
    const idx = ctx.addInput(
      single ? clipInput(items[r.parts[0].item] as Clip, ctx.out) : readerInput(r, ctx.out.fps),
    );
    if (single) {
      const i = r.parts[0].item;
      out[i] = { v: video ? `${idx}:v` : null, a: audio && usesSound(i) ? `${idx}:a` : null };
      return;
    }
    const { frames, samples, outputs } = readerCuts(r, ctx.out.fps);
    const cut = (kind: "v" | "a") => {
      const labels = outputs.map((item, n) =>
        item === null ? `r${k}${kind}x${n}` : `r${k}${kind}${n}`,
      );
      const filter = `${kind === "v" ? `segment=frames=${frames.join("|")}` : `asegment=samples=${samples.join("|")}`}${labels.map((l) => `[${l}]`).join("")}`;
      if (kind === "a") ctx.graph.push(`[${idx}:a]${AUDIO_FORMAT},${filter}`);
      else
        ctx.graph.push(
          ...prepareVideo(
            items[r.parts[0].item] as Clip,
            `${idx}:v`,
            ctx.out,
            `r${k}p`,
            ctx.fit,
            filter,
          ),
        );
      outputs.forEach((item, n) => {
        const unused = item === null || (kind === "a" && !usesSound(item));
        if (unused) ctx.graph.push(`[${labels[n]}]${kind === "v" ? "nullsink" : "anullsink"}`);
        else out[item]![kind] = labels[n];
      });
    };
    for (const p of r.parts) out[p.item] = { v: null, a: null, prepared: true, nearEnd: p.nearEnd };
    if (video) cut("v");
    if (audio) cut("a");
  });
  return out;
}

/** A shared reader reads from its first clip's in point to just past its last clip's last frame. */
function readerInput(r: Reader, fps: number): string[] {
  const length = ((r.endFrame + 1) * 1000) / fpsValue(fps);
  return [
    ...(r.start > 0 ? ["-ss", secs(r.start)] : []),
    "-t",
    secs(Math.ceil(length)),
    "-i",
    r.media.path,
  ];
}

/** Input options: only the used range of a video is read; a still is looped for its length. */
export function clipInput(item: Clip, out: OutputSpec): string[] {
  const { seg, media } = item;
  if (media.kind === "image") {
    const loop = /\.gif$/i.test(media.path)
      ? ["-ignore_loop", "0"]
      : ["-loop", "1", "-framerate", fpsExpr(out.fps)];
    return [...loop, "-t", secs(item.d), "-i", media.path];
  }
  const range = Math.max(1, seg.out - seg.in);
  return [...(seg.in > 0 ? ["-ss", secs(seg.in)] : []), "-t", secs(range), "-i", media.path];
}

function displayOf(media: RenderMedia, rotate: number): { width: number; height: number } {
  const shown =
    media.kind === "image"
      ? { width: media.probe.width, height: media.probe.height }
      : displaySize(media.probe);
  return rotate === 90 || rotate === 270 ? { width: shown.height, height: shown.width } : shown;
}

/** Orientation, colour and frame rate change nothing of timing; speed and cuts do. */
function lookFilters(item: Clip): string[] {
  return [
    ...orientFilters(item.seg.rotate, item.seg.hflip, item.seg.vflip),
    ...COLOR_FILTERS[item.seg.color],
  ];
}

function timing(item: Clip, out: OutputSpec): string[] {
  const speed = item.media.kind === "image" ? 1 : item.seg.speed;
  return [
    speed === 1 ? "setpts=PTS-STARTPTS" : `setpts=(PTS-STARTPTS)/${speed}`,
    `fps=${fpsExpr(out.fps)}`,
  ];
}

/** Exactly its frames on the grid: a short source holds its last frame rather than shifting what follows. */
function ending(item: Clip, out: OutputSpec): string[] {
  const { frames } = itemLength(item, out.fps);
  return [
    ...videoFades(item.d, item.seg.fadeIn, item.seg.fadeOut),
    `tpad=stop_mode=clone:stop=${frames}`,
    `trim=end_frame=${frames}`,
    "setpts=PTS-STARTPTS",
  ];
}

/**
 * Fit to the output frame, then `then` (more filters, or the segment filter with its
 * output labels). With blur, the fitted picture is an overlay of two branches.
 */
function fitChain(
  item: Clip,
  src: string,
  head: string[],
  out: OutputSpec,
  label: string,
  fitMode: Fit,
  then: string,
): string[] {
  const shown = displayOf(item.media, item.seg.rotate);
  const fit = planFit(shown.width, shown.height, out.width, out.height, fitMode);
  if (fit.kind === "blur") {
    return [
      `[${src}]${[...head, "split=2"].join(",")}[${label}bg][${label}fg]`,
      `[${label}bg]${fit.background.join(",")}[${label}bgs]`,
      `[${label}fg]${fit.foreground.join(",")}[${label}fgs]`,
      `[${label}bgs][${label}fgs]${fit.overlay},setsar=1,format=yuv420p,${then}`,
    ];
  }
  const scale = fit.kind === "scale" ? fit.filters : [];
  return [`[${src}]${[...head, ...scale, "setsar=1", "format=yuv420p"].join(",")},${then}`];
}

/** One clip's picture from its own input: timed, oriented, coloured, fitted, cut to its frames. */
export function clipVideo(
  item: Clip,
  src: string,
  out: OutputSpec,
  label: string,
  fitMode: Fit,
): string[] {
  return fitChain(
    item,
    src,
    [...timing(item, out), ...lookFilters(item)],
    out,
    label,
    fitMode,
    `${ending(item, out).join(",")}[${label}]`,
  );
}

/** A shared reader's picture at the output frame rate, oriented, coloured and fitted once, then cut by `segment`. */
function prepareVideo(
  item: Clip,
  src: string,
  out: OutputSpec,
  label: string,
  fitMode: Fit,
  segment: string,
): string[] {
  // start_time=0: frame n of the reader is at n / fps, whatever the first decoded frame's time.
  return fitChain(
    item,
    src,
    [`fps=${fpsExpr(out.fps)}:start_time=0`, ...lookFilters(item)],
    out,
    label,
    fitMode,
    segment,
  );
}

/**
 * A clip's stretch of a prepared reader: re-timed and cut to its frames. The stretch
 * holds enough frames, so only a sped-up or slowed clip needs its own frame-rate
 * conversion, and only one that reaches the end of its source a held last frame.
 */
function cutVideo(
  item: Clip,
  src: string,
  out: OutputSpec,
  label: string,
  nearEnd: boolean,
): string {
  const { frames } = itemLength(item, out.fps);
  const speed = item.seg.speed;
  const chain = [
    speed === 1 ? "setpts=PTS-STARTPTS" : `setpts=(PTS-STARTPTS)/${speed},fps=${fpsExpr(out.fps)}`,
    ...videoFades(item.d, item.seg.fadeIn, item.seg.fadeOut),
    ...(nearEnd || speed !== 1 ? [`tpad=stop_mode=clone:stop=${frames}`] : []),
    `trim=end_frame=${frames}`,
    "setpts=PTS-STARTPTS",
  ];
  return `[${src}]${chain.join(",")}[${label}]`;
}

/**
 * Pads with silence or cuts a sound to exactly `samples`. The padding is bounded
 * (`whole_len`): an endless `apad` made ffmpeg 5.1 keep every decoded sample of a shared
 * reader until the render ended (the sound of 15 minutes cut 1,000 times: 428 MB, against
 * 128 MB bounded).
 *
 * `ownEnd`: pad one sample more than is kept, so `atrim` ends the stream itself. acrossfade
 * needs that: fed pieces that ended upstream (at the reader's cut, or at apad's own end),
 * it cut a chain of 7 crossfaded clips 0.7 s short. Elsewhere it must not: a piece that
 * stops taking frames before its reader's segment ends made ffmpeg 5.1 keep every sample
 * still sent to it (400 MB again for those 15 minutes).
 */
export const exactSamples = (samples: number, ownEnd = false) => [
  `apad=whole_len=${samples + (ownEnd ? 1 : 0)}`,
  `atrim=end_sample=${samples}`,
];

/** A hard cut between two sounds clicks when the waveform jumps: a few ms of fade at each join smooth it. */
export const JOIN_FADE_MS = 5;

export interface ClipAudioOptions {
  /**
   * A shared reader already brought it to 48 kHz stereo, and when `exact`, cut it to
   * exactly the clip's samples: then no pad and trim at all (an endless apad once made
   * ffmpeg 5.1 hold ~2 MB of picture per clip until the render ended).
   */
  prepared?: { exact: boolean } | null;
  /** Whether it meets the sound before / after it at a hard cut (a few ms of fade). */
  joins?: { in: boolean; out: boolean };
  /** The clips are joined by the crossfade chain (see exactSamples). */
  crossfade?: boolean;
}

/** A clip's sound, exactly as long as its frames on the grid. */
export function clipAudio(
  item: Clip,
  src: string,
  label: string,
  out: OutputSpec,
  { prepared = null, joins = { in: false, out: false }, crossfade = false }: ClipAudioOptions = {},
): string {
  const { seg } = item;
  const fadeIn = seg.fadeIn > 0 ? seg.fadeIn : joins.in ? JOIN_FADE_MS : 0;
  const fadeOut = seg.fadeOut > 0 ? seg.fadeOut : joins.out ? JOIN_FADE_MS : 0;
  const chain = [
    "asetpts=PTS-STARTPTS",
    ...atempoChain(seg.speed),
    ...(prepared ? [] : [AUDIO_FORMAT]),
    ...(seg.volume !== 1 ? [`volume=${seg.volume}`] : []),
    ...audioFades(item.d, fadeIn, fadeOut),
    ...(prepared?.exact && !crossfade
      ? []
      : exactSamples(itemLength(item, out.fps).samples, crossfade)),
  ];
  return `[${src}]${chain.join(",")}[${label}]`;
}
