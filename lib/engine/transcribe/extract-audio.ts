import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";

// Every engine wants the same input: 16 kHz mono 16-bit PCM WAV of the first audio
// stream. Whisper and pocketsphinx's en-us model are both trained at 16 kHz, so the
// resampling here is what makes their timings and accuracy right.

export const SAMPLE_RATE = 16_000;

/** ffmpeg arguments turning any media file's first audio stream into 16 kHz mono s16 WAV. */
export function buildExtractAudioArgs(input: string, output: string): string[] {
  return [
    "-hide_banner",
    "-nostdin",
    "-loglevel",
    "error",
    "-y",
    "-i",
    input,
    "-map",
    "0:a:0",
    "-vn",
    "-sn",
    "-dn",
    "-ac",
    "1",
    "-ar",
    String(SAMPLE_RATE),
    "-c:a",
    "pcm_s16le",
    "-f",
    "wav",
    output,
  ];
}

export interface ExtractOptions {
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** Source duration, so progress is a ratio. */
  durationMs?: number;
  onProgress?: (ratio: number | null) => void;
  /** Folder for the WAV; the system temp folder by default. */
  tmpDir?: string;
}

/** Writes the WAV to a fresh temp folder; the caller removes it with `dispose()`. */
export async function extractAudio(
  input: string,
  opts: ExtractOptions = {},
): Promise<{ wavPath: string; dispose: () => Promise<void> }> {
  const base = opts.tmpDir ?? os.tmpdir();
  await fs.promises.mkdir(base, { recursive: true });
  const dir = await fs.promises.mkdtemp(path.join(base, "vso-asr-"));
  const wavPath = path.join(dir, "audio.wav");
  const dispose = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    await runFfmpeg(buildExtractAudioArgs(input, wavPath), {
      bin: opts.ffmpegPath,
      signal: opts.signal,
      durationMs: opts.durationMs,
      onProgress: opts.onProgress ? (p) => opts.onProgress!(p.ratio) : undefined,
    });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { wavPath, dispose };
}
