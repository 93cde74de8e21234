import fs from "node:fs";
import { pipeline } from "node:stream/promises";

// Cutting a long 16 kHz mono s16 WAV into pieces a recogniser can work on side by side.
// A cut is moved to the quietest moment near where it would fall (a pause between
// words), so no word is split by it; each piece is decoded with a few seconds of the
// sound before and after it (the recogniser adapts its noise and loudness estimates to
// what it has heard, and the words either side of a pause are read with their
// neighbours), and keeps only the words whose middle lies inside it.

export interface WavInfo {
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of samples. */
  dataBytes: number;
  sampleRate: number;
  durationMs: number;
}

/** Reads a PCM s16 mono WAV's header (walking its chunks: ffmpeg writes a LIST chunk before "data"). */
export async function readWavInfo(file: string): Promise<WavInfo> {
  const fd = await fs.promises.open(file, "r");
  try {
    const { size } = await fd.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await fd.read(head, 0, head.length, 0);
    if (head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WAVE")
      throw new Error(`${file} is not a WAV file`);
    let at = 12;
    let sampleRate = 16_000;
    while (at + 8 <= head.length) {
      const id = head.toString("latin1", at, at + 4);
      const len = head.readUInt32LE(at + 4);
      if (id === "fmt ") sampleRate = head.readUInt32LE(at + 12);
      if (id === "data") {
        const dataOffset = at + 8;
        // ffmpeg writing to a pipe leaves the length unset (0 or 0xFFFFFFFF): the file's size says it.
        const dataBytes =
          len > 0 && len !== 0xffffffff ? Math.min(len, size - dataOffset) : size - dataOffset;
        return {
          dataOffset,
          dataBytes,
          sampleRate,
          durationMs: (dataBytes / 2 / sampleRate) * 1000,
        };
      }
      at += 8 + len + (len % 2);
    }
    throw new Error(`${file} has no sound data`);
  } finally {
    await fd.close();
  }
}

/** A 44-byte header for `dataBytes` of 16-bit mono PCM. */
export function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "latin1");
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write("WAVEfmt ", 8, "latin1");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "latin1");
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

const byteAt = (info: WavInfo, ms: number) =>
  info.dataOffset +
  2 * Math.max(0, Math.min(Math.round((ms * info.sampleRate) / 1000), info.dataBytes / 2));

/**
 * The quietest `windowMs` of sound within `searchMs` either side of `atMs` (its middle,
 * in ms): the lowest energy, and of equally quiet moments the one nearest `atMs`.
 */
export async function quietestNear(
  file: string,
  info: WavInfo,
  atMs: number,
  searchMs: number,
  windowMs = 300,
): Promise<number> {
  const from = Math.max(0, atMs - searchMs);
  const to = Math.min(info.durationMs, atMs + searchMs);
  const start = byteAt(info, from);
  const buf = Buffer.alloc(byteAt(info, to) - start);
  const fd = await fs.promises.open(file, "r");
  try {
    await fd.read(buf, 0, buf.length, start);
  } finally {
    await fd.close();
  }
  const samples = buf.length >> 1;
  const step = Math.max(1, Math.round(info.sampleRate / 100)); // 10 ms frames
  const frames: number[] = [];
  for (let f = 0; f + step <= samples; f += step) {
    let e = 0;
    for (let i = f; i < f + step; i++) {
      const v = buf.readInt16LE(i * 2);
      e += v * v;
    }
    frames.push(e);
  }
  const span = Math.max(1, Math.round(windowMs / 10));
  if (frames.length <= span) return atMs;
  let sum = 0;
  for (let i = 0; i < span; i++) sum += frames[i];
  let best = { energy: sum, mid: from + (span / 2) * 10 };
  for (let i = span; i < frames.length; i++) {
    sum += frames[i] - frames[i - span];
    const mid = from + (i + 1 - span / 2) * 10;
    const quieter = sum < best.energy * 0.999;
    const asQuietButNearer =
      sum <= best.energy * 1.001 && Math.abs(mid - atMs) < Math.abs(best.mid - atMs);
    if (quieter || asQuietButNearer) best = { energy: sum, mid };
  }
  return Math.round(best.mid);
}

export interface ChunkPlan {
  /** The words this piece keeps: those whose middle is in [keepFrom, keepTo) ms. */
  keepFrom: number;
  keepTo: number;
  /** The sound it decodes (with the context either side), in ms. */
  readFrom: number;
  readTo: number;
}

/** Pieces of about `chunkMs`, cut in the quietest moment near each nominal cut, each read with `contextMs` either side. */
export async function planChunks(
  file: string,
  info: WavInfo,
  chunkMs: number,
  contextMs: number,
): Promise<ChunkPlan[]> {
  const count = Math.max(1, Math.round(info.durationMs / chunkMs));
  const cuts = [0];
  for (let k = 1; k < count; k++) {
    const nominal = (k * info.durationMs) / count;
    cuts.push(await quietestNear(file, info, nominal, Math.min(chunkMs / 4, 15_000)));
  }
  cuts.push(Number.POSITIVE_INFINITY);
  return cuts.slice(0, -1).map((keepFrom, k) => {
    const keepTo = cuts[k + 1];
    return {
      keepFrom,
      keepTo,
      readFrom: Math.max(0, keepFrom - contextMs),
      readTo: Math.min(
        info.durationMs,
        keepTo === Number.POSITIVE_INFINITY ? info.durationMs : keepTo + contextMs,
      ),
    };
  });
}

/** Writes the sound from `fromMs` to `toMs` as its own WAV. */
export async function writeWavRange(
  file: string,
  info: WavInfo,
  fromMs: number,
  toMs: number,
  out: string,
): Promise<void> {
  const start = byteAt(info, fromMs);
  const end = byteAt(info, toMs);
  await fs.promises.writeFile(out, wavHeader(end - start, info.sampleRate));
  if (end <= start) return;
  await pipeline(
    fs.createReadStream(file, { start, end: end - 1, highWaterMark: 1024 * 1024 }),
    fs.createWriteStream(out, { flags: "a" }),
  );
}
