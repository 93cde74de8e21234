import fs from "node:fs";
import path from "node:path";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import { forEachS16Sample } from "../media/read-pcm";
import type { MediaRecord } from "../media/types";
import type { AudioEnergy } from "../ops/snap-cuts";

// The loudness of a clip's sound every 5 ms, for snapping cuts to the quietest point
// near a word boundary. 16 kHz keeps the hiss of an "s" (4-8 kHz) that 8 kHz would lose,
// so a cut never lands on a quiet-looking sibilant. The envelope is cached beside the
// other derived files: one decode per clip, however many cuts follow.

export const ENERGY_SAMPLE_RATE = 16000;
export const ENERGY_HOP_MS = 5;
/** Floor of the dB scale: digital silence reads as this instead of -Infinity. */
export const ENERGY_FLOOR_DB = -100;
const CACHE_VERSION = 1;

/** The first audio stream as raw 16 kHz mono s16le. */
export function energyPcmArgs(src: string, out: string): string[] {
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    "-y",
    "-i",
    src,
    "-map",
    "0:a:0",
    "-ac",
    "1",
    "-ar",
    String(ENERGY_SAMPLE_RATE),
    "-c:a",
    "pcm_s16le",
    "-f",
    "s16le",
    out,
  ];
}

/** RMS level (dBFS) of each hop of a raw s16le stream, streamed (never the whole file in memory). */
export async function envelopeFromPcm(
  pcmFile: string,
  sampleRate = ENERGY_SAMPLE_RATE,
  hopMs = ENERGY_HOP_MS,
): Promise<Float32Array> {
  const perHop = Math.max(1, Math.round((sampleRate * hopMs) / 1000));
  const out: number[] = [];
  let sum = 0;
  let count = 0;
  const push = () => {
    const rms = Math.sqrt(sum / Math.max(1, count)) / 32768;
    out.push(rms > 0 ? Math.max(ENERGY_FLOOR_DB, 20 * Math.log10(rms)) : ENERGY_FLOOR_DB);
    sum = 0;
    count = 0;
  };
  await forEachS16Sample(pcmFile, (v) => {
    sum += v * v;
    if (++count === perHop) push();
  });
  if (count > 0) push();
  return Float32Array.from(out);
}

export interface EnergyOptions {
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** Folder for the cached envelopes; none = no cache. */
  cacheDir?: string;
}

/** Where the engine keeps envelopes: derived data, safe to delete. */
export const energyCacheDir = (config: { dataDir: string }) => path.join(config.dataDir, "energy");

const cacheFile = (dir: string, media: MediaRecord) =>
  path.join(dir, `${media.id}-${media.hash.slice(0, 12)}.energy`);

async function readCache(file: string): Promise<AudioEnergy | null> {
  const buf = await fs.promises.readFile(file).catch(() => null);
  if (!buf || buf.length < 8 || buf.readUInt32LE(0) !== CACHE_VERSION) return null;
  const hopMs = buf.readUInt32LE(4);
  const body = buf.subarray(8);
  // Copy into an aligned buffer: a Float32Array cannot start at an odd offset.
  const db = new Float32Array(body.length / 4);
  for (let i = 0; i < db.length; i++) db[i] = body.readFloatLE(i * 4);
  return { hopMs, db };
}

async function writeCache(file: string, energy: AudioEnergy): Promise<void> {
  const buf = Buffer.alloc(8 + energy.db.length * 4);
  buf.writeUInt32LE(CACHE_VERSION, 0);
  buf.writeUInt32LE(energy.hopMs, 4);
  energy.db.forEach((v, i) => buf.writeFloatLE(v, 8 + i * 4));
  const part = `${file}.part`;
  await fs.promises.writeFile(part, buf);
  await fs.promises.rename(part, file);
}

/** The clip's loudness envelope (source time), from the cache when it was measured before. */
export async function measureEnergy(
  media: MediaRecord,
  opts: EnergyOptions = {},
): Promise<AudioEnergy | null> {
  if (!media.probe.hasAudio || media.kind === "image") return null;
  const cached = opts.cacheDir ? cacheFile(opts.cacheDir, media) : null;
  if (cached) {
    const hit = await readCache(cached);
    if (hit) return hit;
    await fs.promises.mkdir(opts.cacheDir!, { recursive: true });
  }
  const pcm = path.join(
    opts.cacheDir ?? path.dirname(media.path),
    `.${media.id}-${process.pid}-${Date.now()}.pcm`,
  );
  try {
    await runFfmpeg(energyPcmArgs(media.path, pcm), {
      bin: opts.ffmpegPath,
      signal: opts.signal,
      timeoutMs: 30 * 60_000,
    });
    const energy: AudioEnergy = { hopMs: ENERGY_HOP_MS, db: await envelopeFromPcm(pcm) };
    if (cached) await writeCache(cached, energy).catch(() => undefined);
    return energy;
  } finally {
    await fs.promises.rm(pcm, { force: true });
  }
}
