import type { ProbeInfo } from "../media/types";

// Pure builders for everything ingest asks ffmpeg to make: poster, filmstrip, peaks
// source audio, preview proxy, and the tail read that catches truncated files.
// They return argument arrays; make-derived.ts runs them through runFfmpeg.

const BASE = ["-hide_banner", "-nostdin", "-v", "error", "-y"];

/** Box a poster or image thumbnail fits in, never upscaled. */
export const POSTER_BOX = 480;
export const FILMSTRIP_FRAMES = 10;
export const FILMSTRIP_HEIGHT = 160;
/** Peaks are computed from 8 kHz mono s16le. */
export const PEAKS_SAMPLE_RATE = 8000;

const fitBox = (box: number) =>
  `scale=w='min(${box},iw)':h='min(${box},ih)':force_original_aspect_ratio=decrease`;

/** Where the poster frame is taken: a little way in, past fade-ins, inside short clips. */
export function posterTimeMs(durationMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.round(Math.min(1000, durationMs * 0.1));
}

/**
 * The picture at `atMs`, decoded from the keyframe before it (made in the background, so
 * exactness beats the cost: up to one GOP of decoding; jumping to the next keyframe
 * instead finds none in a clip with one long GOP). At 0, only the first keyframe is decoded.
 */
export function posterArgs(src: string, out: string, atMs: number): string[] {
  const seek = atMs > 0 ? ["-ss", (atMs / 1000).toFixed(3)] : ["-skip_frame", "nokey"];
  // The picture's mean brightness is logged at info level (posterBrightness reads stderr):
  // a black poster is retried later in the clip. (A file= target would be stdout, which
  // Node gives the child as a socket that /dev/stdout cannot open.)
  const vf = `${fitBox(POSTER_BOX)},signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG`;
  const base = ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-y"];
  return [
    ...base,
    ...seek,
    "-i",
    src,
    "-map",
    "0:V:0",
    "-frames:v",
    "1",
    "-vf",
    vf,
    "-q:v",
    "4",
    "-f",
    "image2",
    out,
  ];
}

/** Mean luma of the poster picture (signalstats YAVG: 16 is black in video range, 0 in full range), or null. */
export function posterBrightness(stderr: string): number | null {
  const m = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}

/** Below this the poster is taken for black (a fade-in, a black intro) and retried later in the clip. */
export const DARK_POSTER_YAVG = 24;

/** Where to look next when the poster comes out black: 10%, 25% and 50% into the clip, past the first try. */
export function posterRetryTimesMs(durationMs: number): number[] {
  const first = posterTimeMs(durationMs);
  const times = [0.1, 0.25, 0.5]
    .map((f) => Math.round(durationMs * f))
    .filter((t) => t >= first + 500);
  return [...new Set(times)];
}

/** Times (ms) of the filmstrip's frames: the middle of N equal slices. */
export function filmstripTimesMs(durationMs: number, frames = FILMSTRIP_FRAMES): number[] {
  return Array.from({ length: frames }, (_, i) => Math.floor((durationMs * (i + 0.5)) / frames));
}

/** Fast filmstrip: one keyframe-accurate seek per tile, stacked side by side. */
export function filmstripArgs(
  src: string,
  out: string,
  durationMs: number,
  frames = FILMSTRIP_FRAMES,
): string[] {
  const inputs = filmstripTimesMs(durationMs, frames).flatMap((t) => [
    "-ss",
    (t / 1000).toFixed(3),
    "-i",
    src,
  ]);
  const scaled = Array.from(
    { length: frames },
    (_, i) => `[${i}:V:0]scale=-2:${FILMSTRIP_HEIGHT},setsar=1[f${i}]`,
  );
  const labels = Array.from({ length: frames }, (_, i) => `[f${i}]`).join("");
  const graph = `${scaled.join(";")};${labels}hstack=inputs=${frames}[out]`;
  return [
    ...BASE,
    ...inputs,
    "-filter_complex",
    graph,
    "-map",
    "[out]",
    "-frames:v",
    "1",
    "-q:v",
    "5",
    "-f",
    "image2",
    out,
  ];
}

/** Slow but sure filmstrip (decodes everything): used when a seek finds no frame. */
export function filmstripFallbackArgs(
  src: string,
  out: string,
  durationMs: number,
  frames = FILMSTRIP_FRAMES,
): string[] {
  const rate = (frames / Math.max(0.1, durationMs / 1000)).toFixed(4);
  const graph = `fps=${rate},scale=-2:${FILMSTRIP_HEIGHT},setsar=1,tile=${frames}x1`;
  return [
    ...BASE,
    "-i",
    src,
    "-map",
    "0:V:0",
    "-vf",
    graph,
    "-frames:v",
    "1",
    "-q:v",
    "5",
    "-f",
    "image2",
    out,
  ];
}

/** The first audio stream as raw 8 kHz mono s16le, for peaks. */
export function peaksPcmArgs(src: string, out: string): string[] {
  return [
    ...BASE,
    "-i",
    src,
    "-map",
    "0:a:0",
    "-ac",
    "1",
    "-ar",
    String(PEAKS_SAMPLE_RATE),
    "-c:a",
    "pcm_s16le",
    "-f",
    "s16le",
    out,
  ];
}

/** Peaks per second: 100 up to 10 minutes, then fewer so a file holds at most 60,000. */
export function peaksPerSecond(durationMs: number): number {
  const seconds = durationMs / 1000;
  return seconds <= 600 ? 100 : Math.max(1, Math.floor(60_000 / seconds));
}

const BROWSER_VIDEO = new Set(["h264", "vp8", "vp9", "av1"]);
const BROWSER_AUDIO = new Set([
  "aac",
  "mp3",
  "opus",
  "vorbis",
  "pcm_s16le",
  "pcm_u8",
  "pcm_f32le",
  "flac",
]);
const BROWSER_PIX = new Set(["yuv420p", "yuvj420p"]);

/** Why the browser cannot play this source as it is, or null when it can. */
export function proxyReason(format: string, probe: ProbeInfo): string | null {
  if (format === "avi" || format === "mkv")
    return `${format.toUpperCase()} files do not play in browsers`;
  if (probe.hasVideo) {
    if (!probe.videoCodec || !BROWSER_VIDEO.has(probe.videoCodec))
      return `${probe.videoCodec ?? "this"} video does not play in browsers`;
    if (!probe.pixFmt || !BROWSER_PIX.has(probe.pixFmt))
      return `${probe.pixFmt ?? "this"} pixel format does not play in browsers`;
  }
  if (probe.hasAudio && (!probe.audioCodec || !BROWSER_AUDIO.has(probe.audioCodec))) {
    return `${probe.audioCodec ?? "this"} audio does not play in browsers`;
  }
  return null;
}

/** Short side at most 480 px, even sizes, H.264 yuv420p + AAC stereo, fast start. */
export const PROXY_SHORT_SIDE = 480;
export function proxyArgs(
  src: string,
  out: string,
  probe: Pick<ProbeInfo, "hasVideo" | "hasAudio">,
): string[] {
  const s = PROXY_SHORT_SIDE;
  const args = [...BASE, "-i", src];
  if (probe.hasVideo) {
    const scale = `scale=w='if(gte(iw,ih),-2,trunc(min(${s},iw)/2)*2)':h='if(gte(iw,ih),trunc(min(${s},ih)/2)*2,-2)'`;
    args.push(
      "-map",
      "0:V:0",
      "-vf",
      `${scale},format=yuv420p`,
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "28",
    );
  }
  if (probe.hasAudio) args.push("-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2");
  args.push("-movflags", "+faststart", "-f", "mp4", out);
  return args;
}

/**
 * Reads (demuxes, without decoding) the packets of the last second, seeking from the end
 * (-sseof: needs no probe, so it runs beside ffprobe), as checksum lines on stdout
 * (framecrc; -copyinkf keeps packets before the first keyframe). A file cut short fails
 * here even when its header looks whole ("partial file"), or yields no packet at all.
 * Copying instead of decoding keeps this cheap for a 500 MB upload. With `seekAny`
 * (MP4/MOV, whose index lists every packet) the read starts exactly one second before
 * the end instead of at the keyframe before that: 40 MB of packets read instead of
 * 170 MB on a 4 s GOP at 345 Mbit/s. Matroska's index lists keyframes only.
 */
export function tailCheckFromEndArgs(src: string, seekAny = false): string[] {
  const any = seekAny ? ["-seek2any", "1"] : [];
  return [
    ...BASE.filter((a) => a !== "-y"),
    ...any,
    "-sseof",
    "-1",
    "-i",
    src,
    "-map",
    "0:V?",
    "-map",
    "0:a?",
    "-c",
    "copy",
    "-copyinkf",
    "-f",
    "framecrc",
    "pipe:1",
  ];
}

/** Formats whose index lets tailCheckFromEndArgs start at any packet. */
export const seeksToAnyPacket = (format: string): boolean => format === "mp4" || format === "mov";

/** Packet or frame lines of framecrc output (the others are "#" comments). */
export const framecrcLines = (text: string): number =>
  text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#")).length;

/**
 * Decodes the first picture of the first video stream, its checksum line on stdout: a line
 * means a picture decodes. Undecodable packets at the start are skipped until one decodes.
 * (ffprobe usually answers this already: probe-media.ts, `firstPictures`.)
 */
export function firstFrameArgs(src: string): string[] {
  return [
    ...BASE.filter((a) => a !== "-y"),
    "-i",
    src,
    "-map",
    "0:V:0",
    "-frames:v",
    "1",
    "-f",
    "framecrc",
    "pipe:1",
  ];
}

/** The same read, from where ffprobe's duration puts the last second: it decides when the first one has doubts. */
export function tailCheckArgs(src: string, durationMs: number): string[] {
  const from = Math.max(0, durationMs - 1000) / 1000;
  return [
    ...BASE.filter((a) => a !== "-y"),
    "-ss",
    from.toFixed(3),
    "-i",
    src,
    "-map",
    "0:V?",
    "-map",
    "0:a?",
    "-c",
    "copy",
    "-f",
    "null",
    "-",
  ];
}

/** stderr lines of a tail read that mean the data stops early. */
export function looksTruncated(stderr: string): boolean {
  return /partial file|invalid data found|error while decoding|truncat|premature|end of file/i.test(
    stderr,
  );
}
