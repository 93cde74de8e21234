import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mediaDir } from "@/tests/support/make-media";

// Test support only: what an audiogram render is checked for, on the real file. The
// waveform band is read at several times (it must move), and the sound's loudness is
// measured (it must be there, unchanged by the picture).

/** Grey pixels of a region of the frame at `t` seconds. */
export function grayRegion(
  file: string,
  t: number,
  box: { x: number; y: number; w: number; h: number },
): Buffer {
  return execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    t.toFixed(3),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `crop=${box.w}:${box.h}:${box.x}:${box.y},format=gray`,
    "-f",
    "rawvideo",
    "-",
  ]);
}

/** Mean absolute difference of two equally sized grey pictures, 0..255. */
export function meanDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** Share of pixels brighter than `level` (the waveform is drawn white). */
export function brightShare(buf: Buffer, level = 200): number {
  let n = 0;
  for (const v of buf) if (v > level) n++;
  return n / buf.length;
}

/** Integrated loudness (EBU R128) of a file's sound, optionally of a range of it. */
export function loudnessOf(file: string, range?: { start: number; seconds: number }): number {
  const cut = range ? ["-ss", String(range.start), "-t", String(range.seconds)] : [];
  const run = spawnSync(
    "ffmpeg",
    [
      "-hide_banner",
      "-nostats",
      ...cut,
      "-i",
      file,
      "-map",
      "0:a:0",
      "-af",
      "ebur128",
      "-f",
      "null",
      "-",
    ],
    { encoding: "utf8" },
  );
  const summary = run.stderr.slice(run.stderr.lastIndexOf("Summary:"));
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
}

/** Duration of a file's first audio stream, in seconds. */
export function audioSeconds(file: string): number {
  const out = execFileSync(
    "ffprobe",
    [
      "-v",
      "error",
      "-select_streams",
      "a:0",
      "-show_entries",
      "stream=duration",
      "-of",
      "csv=p=0",
      file,
    ],
    { encoding: "utf8" },
  );
  return Number(out.trim());
}

/** The first `seconds` of the JFK speech sample in another container, as a podcaster uploads it. */
export function jfkSpeech(format: "mp3" | "m4a" | "wav", seconds = 4): string {
  const file = path.join(mediaDir(), `jfk-${seconds}.${format}`);
  const codec = {
    mp3: ["-c:a", "libmp3lame", "-b:a", "128k"],
    m4a: ["-c:a", "aac"],
    wav: ["-c:a", "pcm_s16le"],
  }[format];
  if (!fs.existsSync(file))
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-t",
      String(seconds),
      "-i",
      "/work/shared/media/jfk.wav",
      ...codec,
      file,
    ]);
  return file;
}

/** The waveform band, read at `times`: each picture must differ from the one before. */
export function waveMoves(
  file: string,
  box: { x: number; y: number; w: number; h: number },
  times: number[],
): number[] {
  const frames = times.map((t) => grayRegion(file, t, box));
  return frames.slice(1).map((f, i) => meanDiff(frames[i], f));
}

/** jfkSpeech as an mp3 with cover art (an attached picture) of one colour. */
export function jfkWithCover(color: string, seconds = 4): string {
  const file = path.join(mediaDir(), `jfk-${seconds}-cover-${color}.mp3`);
  if (!fs.existsSync(file)) {
    const cover = path.join(mediaDir(), `cover-${color}.png`);
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `color=c=${color}:s=300x300`,
      "-frames:v",
      "1",
      cover,
    ]);
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-i",
      jfkSpeech("mp3", seconds),
      "-i",
      cover,
      "-map",
      "0:a",
      "-map",
      "1:v",
      "-c",
      "copy",
      "-disposition:v:0",
      "attached_pic",
      "-id3v2_version",
      "3",
      file,
    ]);
  }
  return file;
}
