import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Small generated media for tests: ffmpeg lavfi sources and espeak-ng speech, cached
// per process in one temp folder. Every generator returns the file's path.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-media-"));

export function mediaDir(): string {
  return dir;
}

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

export interface ClipOptions {
  seconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  audio?: boolean;
  /** Container/codec: mp4 (H.264/AAC), mov, mkv, webm (VP9/Opus), avi (MPEG-4/MP3). */
  format?: "mp4" | "mov" | "mkv" | "webm" | "avi";
  /** Display rotation metadata in degrees (phone clips). */
  rotate?: 0 | 90 | 180 | 270;
  name?: string;
}

/** A test-pattern clip with a sine tone (or none). */
export function makeClip(opts: ClipOptions = {}): string {
  const {
    seconds = 2,
    width = 320,
    height = 240,
    fps = 25,
    audio = true,
    format = "mp4",
    rotate = 0,
  } = opts;
  const file = path.join(
    dir,
    opts.name ??
      `clip-${width}x${height}-${fps}-${seconds}-${audio ? "a" : "na"}-${rotate}.${format}`,
  );
  if (fs.existsSync(file)) return file;
  const codecs: Record<string, string[]> = {
    mp4: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    mov: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    mkv: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    webm: [
      "-c:v",
      "libvpx-vp9",
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      "-b:v",
      "300k",
      "-c:a",
      "libopus",
    ],
    avi: ["-c:v", "mpeg4", "-q:v", "5", "-c:a", "libmp3lame"],
  };
  const args = [
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
  ];
  if (audio)
    args.push("-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  args.push(...codecs[format]);
  if (!audio) args.push("-an");
  args.push("-shortest", rotate ? `${file}.tmp.${format}` : file);
  ff(args);
  if (rotate) {
    // ffmpeg 5.1 drops the rotate tag when encoding; a stream-copy remux writes it.
    ff(["-i", `${file}.tmp.${format}`, "-c", "copy", "-metadata:s:v:0", `rotate=${rotate}`, file]);
    fs.rmSync(`${file}.tmp.${format}`);
  }
  return file;
}

/** A clip of one flat colour (with a tone), to tell clips apart in an export's frames. */
export function makeColorClip(
  color: string,
  seconds = 2,
  name = `color-${color}-${seconds}.mp4`,
): string {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return file;
  ff([
    "-f",
    "lavfi",
    "-i",
    `color=c=${color}:size=320x240:rate=25:duration=${seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    file,
  ]);
  return file;
}

/** WAV of espeak-ng reading `text`. */
export function makeSpeech(text: string, name = `speech-${hash(text)}.wav`): string {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    execFileSync("espeak-ng", ["-s", "150", "-w", file, text]);
  }
  return file;
}

/**
 * A video with `silenceSeconds` of black and silence, then espeak-ng speech over a test
 * pattern: the "trim the intro" and captions test clip.
 */
export function makeSpeechClip(opts: {
  text: string;
  silenceSeconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  name?: string;
}): string {
  const { text, silenceSeconds = 3, width = 640, height = 360, fps = 25 } = opts;
  const file = path.join(
    dir,
    opts.name ?? `speechclip-${hash(text)}-${silenceSeconds}-${width}x${height}.mp4`,
  );
  if (fs.existsSync(file)) return file;
  const speech = makeSpeech(text);
  const speechSeconds = probeSeconds(speech);
  const total = silenceSeconds + speechSeconds + 0.5;
  ff([
    "-f",
    "lavfi",
    "-i",
    `color=c=black:size=${width}x${height}:rate=${fps}:duration=${silenceSeconds}`,
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=${width}x${height}:rate=${fps}:duration=${(total - silenceSeconds).toFixed(3)}`,
    "-i",
    speech,
    "-filter_complex",
    `[0:v][1:v]concat=n=2:v=1:a=0[v];[2:a]aresample=48000,adelay=${Math.round(silenceSeconds * 1000)}:all=1,apad[a]`,
    "-map",
    "[v]",
    "-map",
    "[a]",
    "-t",
    total.toFixed(3),
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-ar",
    "48000",
    file,
  ]);
  return file;
}

export function makeImage(
  format: "jpg" | "png" | "gif" | "webp" = "png",
  width = 320,
  height = 240,
): string {
  const file = path.join(dir, `image-${width}x${height}.${format}`);
  if (!fs.existsSync(file))
    ff([
      "-f",
      "lavfi",
      "-i",
      `testsrc2=size=${width}x${height}:duration=1`,
      "-frames:v",
      "1",
      file,
    ]);
  return file;
}

export function makeAudio(format: "mp3" | "wav" | "m4a" | "aac" = "mp3", seconds = 2): string {
  const file = path.join(dir, `tone-${seconds}.${format}`);
  const codec: Record<string, string[]> = {
    mp3: ["-c:a", "libmp3lame"],
    wav: ["-c:a", "pcm_s16le"],
    m4a: ["-c:a", "aac"],
    aac: ["-c:a", "aac", "-f", "adts"],
  };
  if (!fs.existsSync(file))
    ff(["-f", "lavfi", "-i", `sine=frequency=330:duration=${seconds}`, ...codec[format], file]);
  return file;
}

export interface ProbeSummary {
  duration: number;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
  pixFmt?: string;
  profile?: string;
  sampleRate?: number;
  fps?: number;
}

/** ffprobe's view of an output, for assertions. */
export function probe(file: string): ProbeSummary {
  const json = JSON.parse(
    execFileSync(
      "ffprobe",
      ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file],
      { encoding: "utf8" },
    ),
  );
  const v = json.streams.find((s: { codec_type: string }) => s.codec_type === "video");
  const a = json.streams.find((s: { codec_type: string }) => s.codec_type === "audio");
  const [n, d] = (v?.avg_frame_rate ?? "0/1").split("/").map(Number);
  return {
    duration: Number(json.format.duration),
    width: v?.width,
    height: v?.height,
    videoCodec: v?.codec_name,
    audioCodec: a?.codec_name,
    pixFmt: v?.pix_fmt,
    profile: v?.profile,
    sampleRate: a ? Number(a.sample_rate) : undefined,
    fps: d ? n / d : undefined,
  };
}

export function probeSeconds(file: string): number {
  return Number(
    execFileSync(
      "ffprobe",
      ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file],
      { encoding: "utf8" },
    ).trim(),
  );
}

/** RGB of one pixel of the frame at `seconds`. */
export function samplePixel(
  file: string,
  seconds: number,
  x: number,
  y: number,
): [number, number, number] {
  const buf = execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    String(seconds),
    "-i",
    file,
    "-frames:v",
    "1",
    // 4:2:0 chroma needs an even 2x2 block: crop that, convert, read the top-left pixel.
    "-vf",
    `crop=2:2:${x - (x % 2)}:${y - (y % 2)},format=rgb24`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "-",
  ]);
  return [buf[0], buf[1], buf[2]];
}

function hash(text: string): string {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}
