import type { MainItem, RenderLayout, RenderMedia } from "./layout-timeline";
import { encodeArgs } from "./build-render-args";
import { secs } from "./clip-filters";
import { indexArgs } from "./mp4-index";
import type { OutputSpec } from "./presets";

// Stream copy instead of re-encoding, when the draft is only a trim of one clip, or
// whole clips joined end to end, and the sources already are what the preset asks for
// (H.264 yuv420p at the output size and frame rate, no rotation, no filters or text).
//
// A trim starts at the keyframe before the in point and the MP4 edit list tells players
// to begin at the in point itself (what `ffmpeg -ss -c copy` does), so the presented
// length is exact; the audio is copied when it is AAC 48 kHz stereo, else encoded (cheap).

export type FastPath =
  | { kind: "trim"; item: Clip; copyAudio: boolean }
  | { kind: "concat"; items: Clip[]; copyAudio: boolean };

type Clip = Extract<MainItem, { type: "clip" }>;

function videoFits(m: RenderMedia, out: OutputSpec): boolean {
  const p = m.probe;
  return (
    m.kind === "video" &&
    p.hasVideo &&
    p.videoCodec === "h264" &&
    p.pixFmt === "yuv420p" &&
    p.rotation === 0 &&
    !p.vfr &&
    p.width === out.width &&
    p.height === out.height &&
    Math.abs(p.fps - out.fps) < 0.01
  );
}

const audioFits = (m: RenderMedia) =>
  m.probe.audioCodec === "aac" && m.probe.sampleRate === 48000 && m.probe.channels === 2;

function untouched(c: Clip): boolean {
  const s = c.seg;
  return (
    s.speed === 1 &&
    s.volume === 1 &&
    s.fadeIn === 0 &&
    s.fadeOut === 0 &&
    s.rotate === 0 &&
    !s.hflip &&
    !s.vflip &&
    s.color === "none" &&
    c.transition === 0
  );
}

/** Same stream parameters, so the concat demuxer can join them without re-encoding. */
function sameStreams(a: RenderMedia, b: RenderMedia): boolean {
  const keys = [
    "videoCodec",
    "profile",
    "pixFmt",
    "width",
    "height",
    "fps",
    "hasAudio",
    "audioCodec",
    "sampleRate",
    "channels",
  ] as const;
  return keys.every((k) => a.probe[k] === b.probe[k]);
}

export function planFastPath(layout: RenderLayout, out: OutputSpec): FastPath | null {
  if (
    out.preview ||
    out.loudness !== null ||
    layout.textTracks.length > 0 ||
    layout.sounds.length > 0
  )
    return null;
  const clips = layout.items.filter((i): i is Clip => i.type === "clip");
  if (clips.length !== layout.items.length || clips.length === 0) return null;
  if (!clips.every((c) => videoFits(c.media, out) && untouched(c))) return null;
  const copyAudio = clips.every((c) => audioFits(c.media));
  if (clips.length === 1) return { kind: "trim", item: clips[0], copyAudio };
  const whole = clips.every(
    (c) => c.seg.in === 0 && Math.abs(c.seg.out - c.media.probe.durationMs) <= 1000 / out.fps + 1,
  );
  if (!whole || !clips.every((c) => sameStreams(c.media, clips[0].media))) return null;
  return { kind: "concat", items: clips, copyAudio };
}

/** The concat demuxer's list file: one quoted path per line. */
export function concatList(paths: string[]): string {
  return `ffconcat version 1.0\n${paths.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join("\n")}\n`;
}

export function buildFastPathArgs(
  plan: FastPath,
  outputPath: string,
  out: OutputSpec,
  listPath: string | null,
  /** Where the index goes (mp4-index.ts); default `+faststart`. */
  index: string[] = indexArgs(null),
): string[] {
  const enc = encodeArgs(out);
  const audioEnc = enc.slice(enc.indexOf("-c:a"), enc.indexOf("-movflags"));
  const audio = plan.copyAudio ? ["-c:a", "copy"] : audioEnc;
  const head = ["-hide_banner", "-loglevel", "error", "-y"];
  if (plan.kind === "trim") {
    const { seg, media } = plan.item;
    const hasAudio = media.probe.hasAudio;
    return [
      ...head,
      ...(seg.in > 0 ? ["-ss", secs(seg.in)] : []),
      "-t",
      secs(seg.d),
      "-i",
      media.path,
      // A silent clip still gets a (silent) stereo track: every export has sound.
      ...(hasAudio ? [] : ["-f", "lavfi", "-t", secs(seg.d), "-i", "anullsrc=r=48000:cl=stereo"]),
      "-map",
      "0:v:0",
      "-map",
      hasAudio ? "0:a:0" : "1:a:0",
      "-c:v",
      "copy",
      ...(hasAudio ? audio : audioEnc),
      ...index,
      "-f",
      "mp4",
      outputPath,
    ];
  }
  const total = plan.items.reduce((n, c) => n + c.d, 0);
  const hasAudio = plan.items[0].media.probe.hasAudio;
  return [
    ...head,
    "-f",
    "concat",
    "-safe",
    "0",
    "-i",
    listPath ?? "",
    ...(hasAudio ? [] : ["-f", "lavfi", "-t", secs(total), "-i", "anullsrc=r=48000:cl=stereo"]),
    "-map",
    "0:v:0",
    "-map",
    hasAudio ? "0:a:0" : "1:a:0",
    "-c:v",
    "copy",
    ...(hasAudio ? audio : audioEnc),
    ...index,
    "-f",
    "mp4",
    outputPath,
  ];
}
