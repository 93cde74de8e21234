import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import { SAMPLE_RATE } from "./extract-audio";
import { decodeInPieces } from "./decode-in-pieces";
import type { TimedWord, Transcriber } from "./types";
import { readWavInfo } from "./wav-chunks";

// Debian's pocketsphinx (0.8 "5prealpha") with the en-us acoustic model, language model
// and dictionary from pocketsphinx-en-us. English only, about 0.7 word error rate on
// clean real speech: the fallback that works offline with nothing to download. Tuning
// its beams and language weight made jfk.wav worse, so it runs on the model defaults.

export const DEFAULT_POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface PocketsphinxOptions {
  bin?: string;
  /** Folder holding en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
  modelDir?: string;
  /** The longest piece a recording is cut into (default 300 s; pieces are shorter when that leaves a core idle). */
  chunkSeconds?: number;
  /** Sound decoded either side of each piece, for the recogniser to settle (default 8 s). */
  contextSeconds?: number;
  /** Pieces decoded at once (default: the cores, at most 4). */
  parallel?: number;
}

const DEFAULT_CHUNK_SECONDS = 300;
const MIN_PIECE_MS = 60_000;
const DEFAULT_CONTEXT_SECONDS = 8;
const MAX_PARALLEL = 4;

export function pocketsphinxModelFiles(modelDir: string) {
  return {
    hmm: path.join(modelDir, "en-us"),
    lm: path.join(modelDir, "en-us.lm.bin"),
    dict: path.join(modelDir, "cmudict-en-us.dict"),
  };
}

export function buildPocketsphinxArgs(wavPath: string, modelDir: string): string[] {
  const m = pocketsphinxModelFiles(modelDir);
  return [
    "-infile",
    wavPath,
    "-hmm",
    m.hmm,
    "-lm",
    m.lm,
    "-dict",
    m.dict,
    "-samprate",
    String(SAMPLE_RATE),
    "-time",
    "yes",
    "-logfn",
    "/dev/null",
  ];
}

const WORD_LINE = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;

/** Markers that are not words: sentence bounds, silence, noise and filler classes. */
export function isPocketsphinxFiller(token: string): boolean {
  return /^<.*>$/.test(token) || /^\[.*\]$/.test(token) || /^\+\+.*\+\+$/.test(token);
}

/** Parses `-time yes` output: "word start end prob" lines (seconds); hypothesis lines are skipped. */
export function parsePocketsphinxWordLine(line: string): TimedWord | null {
  const m = WORD_LINE.exec(line.trim());
  if (!m) return null;
  const token = m[1].replace(/\(\d+\)$/, ""); // alternate pronunciation marker: "for(2)"
  if (!token || isPocketsphinxFiller(token)) return null;
  const s = Math.round(Number(m[2]) * 1000);
  const e = Math.round(Number(m[3]) * 1000);
  const p = Math.min(1, Math.max(0, Number(m[4])));
  return { w: token, s, e: Math.max(e, s), p };
}

export function parsePocketsphinxOutput(stdout: string): TimedWord[] {
  const words: TimedWord[] = [];
  for (const line of stdout.split("\n")) {
    const w = parsePocketsphinxWordLine(line);
    if (w) words.push(w);
  }
  return words.sort((a, b) => a.s - b.s);
}

export function createPocketsphinxTranscriber(opts: PocketsphinxOptions = {}): Transcriber {
  const bin = opts.bin ?? "pocketsphinx_continuous";
  const modelDir = opts.modelDir ?? DEFAULT_POCKETSPHINX_MODEL_DIR;
  const chunkMs = (opts.chunkSeconds ?? DEFAULT_CHUNK_SECONDS) * 1000;
  const contextMs = (opts.contextSeconds ?? DEFAULT_CONTEXT_SECONDS) * 1000;
  const parallel = Math.max(1, opts.parallel ?? Math.min(MAX_PARALLEL, os.availableParallelism()));
  const hint =
    'Run "npm run setup" (it installs pocketsphinx and pocketsphinx-en-us) or set TRANSCRIBER to another engine.';

  /** One pocketsphinx run over a whole WAV; `onDecoded` gets how far (ms) it has read. */
  async function decode(
    wavPath: string,
    durationMs: number,
    signal: AbortSignal | undefined,
    onDecoded?: (ms: number) => void,
  ): Promise<TimedWord[]> {
    const { stdout } = await runFfmpeg(buildPocketsphinxArgs(wavPath, modelDir), {
      bin,
      captureStdout: true,
      signal,
      missingHint: hint,
      timeoutMessage: "Speech recognition took too long and was stopped.",
      // Long clips run several real-time seconds per second on a small machine.
      timeoutMs: Math.max(120_000, durationMs * 4),
      onLine: onDecoded
        ? (line) => {
            const w = parsePocketsphinxWordLine(line);
            if (w) onDecoded(w.e);
          }
        : undefined,
    });
    return parsePocketsphinxOutput(stdout);
  }

  return {
    id: "pocketsphinx",
    label: "pocketsphinx (en-us)",
    supportsLanguage: (language) => language === "en" || language.startsWith("en-"),
    async available() {
      const m = pocketsphinxModelFiles(modelDir);
      const files = await Promise.all(
        [m.hmm, m.lm, m.dict].map((f) =>
          fs.promises.access(f).then(
            () => true,
            () => false,
          ),
        ),
      );
      return files.every(Boolean) && (await onPath(bin));
    },
    async transcribe(wavPath, o = {}) {
      const language = o.language ?? "en";
      if (!(language === "en" || language.startsWith("en-"))) {
        throw new AppError(
          "validation",
          "The offline captions engine (pocketsphinx) only understands English. Set up whisper or an OpenAI-compatible service for other languages.",
        );
      }
      const info = await readWavInfo(wavPath);
      const report = o.onProgress
        ? (ratio: number) => o.onProgress!({ stage: "transcribe", ratio: Math.min(1, ratio) })
        : undefined;
      // pocketsphinx uses one core: a long recording is cut into pieces decoded side by side,
      // short enough for every core to get one (a 5-minute talk: two pieces on two cores),
      // at most chunkSeconds long (an hour: twelve), never under a minute (the context read
      // either side of each piece would cost more than it saves).
      const pieceMs = Math.min(
        chunkMs,
        Math.max(Math.min(MIN_PIECE_MS, chunkMs), info.durationMs / parallel),
      );
      const words =
        parallel > 1 && info.durationMs > pieceMs * 1.5
          ? await decodeInPieces(wavPath, info, {
              chunkMs: pieceMs,
              contextMs,
              parallel,
              signal: o.signal,
              decode,
              report,
            })
          : await decode(
              wavPath,
              info.durationMs,
              o.signal,
              report && info.durationMs > 0 ? (ms) => report(ms / info.durationMs) : undefined,
            );
      return { engine: "pocketsphinx (en-us)", language: "en", words };
    },
  };
}

async function onPath(bin: string): Promise<boolean> {
  if (bin.includes("/"))
    return fs.promises.access(bin, fs.constants.X_OK).then(
      () => true,
      () => false,
    );
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const ok = await fs.promises.access(path.join(dir, bin), fs.constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok) return true;
  }
  return false;
}
