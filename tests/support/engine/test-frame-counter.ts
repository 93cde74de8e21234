import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mediaDir } from "@/tests/support/make-media";

// Test support only: a source whose every frame shows its own number and whose sound
// says which frame it belongs to, so a render can be checked frame by frame.
//
// Picture (192x108, 30 fps): the frame number in 12 bits, as 6 x 2 blocks of 32x36
// (white = 1) over the top 72 rows; the bottom 36 rows stay mid grey, where captions
// show up as white. Sound (48 kHz): a 1 kHz tone during even frames, silence during
// odd ones, so every output frame's sound can be matched to its picture.

export const W = 192;
export const H = 108;
export const FPS = 30;
const SPF = 48000 / FPS;

export function makeCounterSource(seconds: number): string {
  const file = path.join(mediaDir(), `counter-${seconds}.mp4`);
  if (fs.existsSync(file)) return file;
  const frames = seconds * FPS;
  if (frames > 4096) throw new Error("12 bits count 4,096 frames");
  const video = Buffer.alloc(W * H * frames, 128);
  for (let n = 0; n < frames; n++) {
    const base = n * W * H;
    for (let bit = 0; bit < 12; bit++) {
      const x0 = (bit % 6) * 32;
      const y0 = Math.floor(bit / 6) * 36;
      const v = (n >> bit) & 1 ? 235 : 16;
      for (let y = y0; y < y0 + 36; y++) video.fill(v, base + y * W + x0, base + y * W + x0 + 32);
    }
  }
  const audio = Buffer.alloc(frames * SPF * 2);
  for (let s = 0; s < frames * SPF; s++) {
    const on = Math.floor(s / SPF) % 2 === 0;
    audio.writeInt16LE(
      on ? Math.round(16000 * Math.sin((2 * Math.PI * 1000 * s) / 48000)) : 0,
      s * 2,
    );
  }
  const rawV = `${file}.gray`;
  const rawA = `${file}.pcm`;
  fs.writeFileSync(rawV, video);
  fs.writeFileSync(rawA, audio);
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "rawvideo",
    "-pix_fmt",
    "gray",
    "-s",
    `${W}x${H}`,
    "-r",
    String(FPS),
    "-i",
    rawV,
    "-f",
    "s16le",
    "-ar",
    "48000",
    "-ac",
    "1",
    "-i",
    rawA,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-crf",
    "12",
    "-g",
    "60",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-b:a",
    "192k",
    "-ac",
    "2",
    file,
  ]);
  fs.rmSync(rawV);
  fs.rmSync(rawA);
  return file;
}

/** Every frame of a render, back at the source's size, in grey. */
export function decodeFrames(file: string): Buffer[] {
  const raw = execFileSync(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", `scale=${W}:${H},format=gray`, "-f", "rawvideo", "-"],
    { maxBuffer: 1 << 30 },
  );
  const frames: Buffer[] = [];
  for (let o = 0; o + W * H <= raw.length; o += W * H) frames.push(raw.subarray(o, o + W * H));
  return frames;
}

/** The source frame number a frame shows. */
export function frameNumber(frame: Buffer): number {
  let n = 0;
  for (let bit = 0; bit < 12; bit++) {
    const x = (bit % 6) * 32 + 16;
    const y = Math.floor(bit / 6) * 36 + 18;
    if (frame[y * W + x] > 128) n |= 1 << bit;
  }
  return n;
}

/** Brightest pixel of the caption band (bottom 36 rows). */
export function captionBand(frame: Buffer): number {
  let max = 0;
  for (let i = 72 * W; i < H * W; i++) max = Math.max(max, frame[i]);
  return max;
}

/** Decoded sound, mono 48 kHz floats. */
export function decodeSound(file: string): Float32Array {
  const raw = execFileSync(
    "ffmpeg",
    ["-v", "error", "-i", file, "-f", "f32le", "-ac", "1", "-ar", "48000", "-"],
    { maxBuffer: 1 << 30 },
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
}

/** Whether the tone plays in the middle half of output frame `j`. */
export function toneIn(sound: Float32Array, j: number): boolean | null {
  const from = j * SPF + SPF / 4;
  if (from + SPF / 2 > sound.length) return null;
  let sum = 0;
  for (let s = from; s < from + SPF / 2; s++) sum += sound[s] * sound[s];
  return Math.sqrt(sum / (SPF / 2)) > 0.1;
}

/** Mean absolute difference of two frames. */
export function frameDiff(a: Buffer, b: Buffer): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / a.length;
}
