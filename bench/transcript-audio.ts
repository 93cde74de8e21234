// Helpers of bench/transcript-cuts.ts: speech with exactly known word boundaries (each
// word synthesised on its own by espeak-ng, joined with known gaps over a low noise
// floor, with breaths in some gaps), and sample-level measurements of a render.
import fs from "node:fs";
import path from "node:path";
import { runFfmpeg } from "@/lib/engine/ffmpeg/run-ffmpeg";

export const RATE = 16000;
const VOCAB =
  "people often think that editing a talk takes hours but with the words in front of you it becomes simple work you read the text remove what you never meant to say and the video follows along".split(
    " ",
  );
const GAPS = [180, 260, 340, 450, 600, 220, 300, 800];

export interface TruthWord {
  w: string;
  /** ms in the assembled audio */
  s: number;
  e: number;
}

export interface Breath {
  s: number;
  e: number;
}

export async function pcm16(file: string, out: string): Promise<Float32Array> {
  await runFfmpeg([
    "-hide_banner",
    "-v",
    "error",
    "-y",
    "-i",
    file,
    "-map",
    "0:a:0",
    "-ac",
    "1",
    "-ar",
    String(RATE),
    "-f",
    "s16le",
    out,
  ]);
  const buf = fs.readFileSync(out);
  const x = new Float32Array(buf.length / 2);
  for (let i = 0; i < x.length; i++) x[i] = buf.readInt16LE(i * 2) / 32768;
  return x;
}

/** One word, spoken alone and trimmed to where its sound starts and ends (2 ms RMS above -45 dBFS). */
async function spokenWord(word: string, dir: string): Promise<Float32Array> {
  const wav = path.join(dir, `w-${word}.wav`);
  if (!fs.existsSync(wav)) await runFfmpeg(["-s", "150", "-w", wav, word], { bin: "espeak-ng" });
  const x = await pcm16(wav, `${wav}.raw`);
  const hop = RATE / 500;
  const loud = (i: number) => {
    let sum = 0;
    for (let k = i; k < Math.min(x.length, i + hop); k++) sum += x[k] * x[k];
    return Math.sqrt(sum / hop) > 10 ** (-45 / 20);
  };
  let a = 0;
  while (a < x.length && !loud(a)) a += hop;
  let b = x.length - hop;
  while (b > a && !loud(b)) b -= hop;
  return x.slice(a, Math.min(x.length, b + hop));
}

/** Deterministic noise, so every run measures the same audio. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export async function makeTalk(
  words: number,
  dir: string,
): Promise<{ samples: Float32Array; truth: TruthWord[]; breaths: Breath[] }> {
  const parts: Float32Array[] = [];
  for (let i = 0; i < words; i++) parts.push(await spokenWord(VOCAB[i % VOCAB.length], dir));
  const gaps = parts.map((_, i) => GAPS[i % GAPS.length]);
  const lead = 500;
  const total = lead + parts.reduce((n, p, i) => n + (p.length / RATE) * 1000 + gaps[i], 0) + 500;
  const out = new Float32Array(Math.ceil((total / 1000) * RATE));
  const noise = rng(7);
  // Room tone at about -60 dBFS everywhere.
  for (let i = 0; i < out.length; i++) out[i] = noise() * 0.0035;
  const truth: TruthWord[] = [];
  const breaths: Breath[] = [];
  let t = lead;
  parts.forEach((p, i) => {
    const at = Math.round((t / 1000) * RATE);
    for (let k = 0; k < p.length; k++) out[at + k] += p[k];
    const e = t + (p.length / RATE) * 1000;
    truth.push({ w: VOCAB[i % VOCAB.length], s: Math.round(t), e: Math.round(e) });
    // A breath (filtered noise, about -35 dBFS, 120 ms) in the middle of every third long gap.
    if (gaps[i] >= 340 && i % 3 === 0) {
      const bs = e + gaps[i] / 2 - 60;
      const from = Math.round((bs / 1000) * RATE);
      const len = Math.round(0.12 * RATE);
      let lp = 0;
      for (let k = 0; k < len; k++) {
        lp = lp * 0.7 + noise() * 0.3;
        out[from + k] += lp * 0.12 * Math.sin((Math.PI * k) / len);
      }
      breaths.push({ s: Math.round(bs), e: Math.round(bs + 120) });
    }
    t = e + gaps[i];
  });
  return { samples: out, truth, breaths };
}

export function writeWav(file: string, x: Float32Array): void {
  const data = Buffer.alloc(x.length * 2);
  for (let i = 0; i < x.length; i++)
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x[i] * 32767))), i * 2);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVEfmt ", 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36);
  h.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([h, data]));
}

const idx = (ms: number) => Math.round((ms / 1000) * RATE);

export function rmsDb(x: Float32Array, fromMs: number, toMs: number): number {
  const a = Math.max(0, idx(fromMs));
  const b = Math.min(x.length, idx(toMs));
  let sum = 0;
  for (let i = a; i < b; i++) sum += x[i] * x[i];
  return b > a ? 10 * Math.log10(sum / (b - a) + 1e-12) : -120;
}

/**
 * A click: the largest sample step within ±2 ms of the join, against the 99th
 * percentile of steps in the 40 ms before it. Speech changes fast; a click is a step
 * several times larger than anything around it.
 */
export function isClick(x: Float32Array, atMs: number): boolean {
  const j = idx(atMs);
  const steps = (a: number, b: number) => {
    const out: number[] = [];
    for (let i = Math.max(1, a); i < Math.min(x.length, b); i++)
      out.push(Math.abs(x[i] - x[i - 1]));
    return out;
  };
  const near = steps(j - 32, j + 32);
  const context = steps(j - 640 - 32, j - 32).sort((p, q) => p - q);
  if (near.length === 0 || context.length === 0) return false;
  const p99 = context[Math.floor(context.length * 0.99)];
  const jump = Math.max(...near);
  return jump > 0.02 && jump > 5 * p99;
}
