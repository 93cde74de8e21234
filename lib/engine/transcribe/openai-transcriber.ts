import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import { spreadWords } from "./spread-words";
import type { TimedWord, Transcriber, Transcript } from "./types";

// Any OpenAI-compatible POST /v1/audio/transcriptions (OpenAI, Groq, a local
// faster-whisper or whisper.cpp server). We ask for verbose_json with word timestamps;
// servers that only give segment timestamps get their words spread over each segment.

export interface OpenAiTranscriberOptions {
  /** e.g. "https://api.openai.com/v1" or "http://127.0.0.1:8000/v1"; "/audio/transcriptions" is appended. */
  baseUrl?: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  ffmpegPath?: string;
  /** The service's upload limit (OpenAI: 25 MB); longer audio is sent as Opus. */
  maxUploadBytes?: number;
}

export const OPENAI_MAX_UPLOAD_BYTES = 25 * 1000 * 1000;

/** 16 kHz WAV is about 13 minutes per 25 MB; Opus at 32 kbit/s fits about 100 minutes. */
export function buildCompressAudioArgs(wavPath: string, output: string): string[] {
  return [
    "-hide_banner",
    "-nostdin",
    "-loglevel",
    "error",
    "-y",
    "-i",
    wavPath,
    "-ac",
    "1",
    "-c:a",
    "libopus",
    "-b:a",
    "32k",
    "-f",
    "ogg",
    output,
  ];
}

const verboseSchema = z.object({
  text: z.string().optional(),
  language: z.string().optional(),
  words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })).optional(),
  segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })).optional(),
});

/** Endpoint URL from a base that may or may not already end in /v1. */
export function transcriptionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return /\/v\d+$/.test(base) ? `${base}/audio/transcriptions` : `${base}/v1/audio/transcriptions`;
}

/** Reads a verbose_json body into timed words (ms); null when it holds no usable timing. */
export function wordsFromVerboseJson(
  body: unknown,
): { words: TimedWord[]; language?: string } | null {
  const parsed = verboseSchema.safeParse(body);
  if (!parsed.success) return null;
  const { words, segments, text, language } = parsed.data;
  if (words && words.length > 0) {
    const out = words
      .map((w) => ({
        w: w.word.trim(),
        s: Math.round(w.start * 1000),
        e: Math.round(w.end * 1000),
      }))
      .filter((w) => w.w.length > 0)
      .map((w) => ({ ...w, e: Math.max(w.e, w.s) }));
    return { words: out, language };
  }
  if (segments)
    return {
      words: spreadWords(
        segments.map((s) => ({ start: s.start * 1000, end: s.end * 1000, text: s.text })),
      ),
      language,
    };
  if (text !== undefined && text.trim() === "") return { words: [], language };
  return null;
}

/** OpenAI reports full language names in verbose_json ("english"); captions keep the code asked for. */
function languageCode(asked: string | undefined, reported: string | undefined): string {
  if (asked) return asked;
  if (reported && reported.length <= 3) return reported;
  return reported?.toLowerCase() === "english" ? "en" : (reported ?? "und");
}

export function createOpenAiTranscriber(opts: OpenAiTranscriberOptions): Transcriber {
  const doFetch = opts.fetch ?? fetch;
  const label = `OpenAI-compatible (${opts.model})`;
  return {
    id: "openai",
    label,
    async available() {
      return Boolean(opts.baseUrl);
    },
    async transcribe(wavPath, o = {}): Promise<Transcript> {
      if (!opts.baseUrl) {
        throw new AppError(
          "unavailable",
          "No transcription service is set up. Set TRANSCRIBE_BASE_URL (and TRANSCRIBE_API_KEY) or use another engine.",
        );
      }
      const form = new FormData();
      const upload = await uploadableAudio(wavPath, opts, o.signal);
      form.append("file", new Blob([upload.bytes], { type: upload.type }), upload.name);
      form.append("model", opts.model);
      form.append("response_format", "verbose_json");
      form.append("timestamp_granularities[]", "word");
      form.append("timestamp_granularities[]", "segment");
      if (o.language) form.append("language", o.language.split("-")[0]);

      const timeout = AbortSignal.timeout(opts.timeoutMs ?? 300_000);
      const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
      o.onProgress?.({ stage: "transcribe", ratio: null });
      let res: Response;
      try {
        res = await doFetch(transcriptionsUrl(opts.baseUrl), {
          method: "POST",
          body: form,
          headers: opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {},
          signal,
        });
      } catch (err) {
        throw networkError(err, o.signal, opts.baseUrl);
      }
      const raw = await res.text().catch((err) => {
        throw networkError(err, o.signal, opts.baseUrl!);
      });
      if (!res.ok) throw statusError(res.status, raw);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AppError(
          "upstream",
          "The transcription service answered with something that is not JSON. Check TRANSCRIBE_BASE_URL points at an OpenAI-compatible API.",
        );
      }
      const result = wordsFromVerboseJson(body);
      if (!result) {
        throw new AppError(
          "upstream",
          "The transcription service did not return timed words or segments, so captions cannot be timed. Use a server that supports response_format=verbose_json.",
        );
      }
      o.onProgress?.({ stage: "transcribe", ratio: 1 });
      return {
        engine: label,
        language: languageCode(o.language, result.language),
        words: result.words,
      };
    },
  };
}

async function uploadableAudio(
  wavPath: string,
  opts: OpenAiTranscriberOptions,
  signal?: AbortSignal,
) {
  const limit = opts.maxUploadBytes ?? OPENAI_MAX_UPLOAD_BYTES;
  const { size } = await fs.promises.stat(wavPath);
  if (size <= limit)
    return {
      bytes: await fs.promises.readFile(wavPath),
      type: "audio/wav",
      name: path.basename(wavPath),
    };
  const ogg = wavPath.replace(/\.wav$/i, "") + ".ogg";
  try {
    await runFfmpeg(buildCompressAudioArgs(wavPath, ogg), { bin: opts.ffmpegPath, signal });
    const bytes = await fs.promises.readFile(ogg);
    if (bytes.byteLength > limit) {
      throw new AppError(
        4002,
        "This clip is too long for the transcription service (its upload limit is about 100 minutes of speech). Trim it, or use whisper or pocketsphinx.",
      );
    }
    return { bytes, type: "audio/ogg", name: path.basename(ogg) };
  } finally {
    await fs.promises.rm(ogg, { force: true });
  }
}

function networkError(
  err: unknown,
  userSignal: AbortSignal | undefined,
  baseUrl: string,
): AppError {
  if (userSignal?.aborted) return new AppError("cancelled", "The job was cancelled.");
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return new AppError(
      "timeout",
      "The transcription service took too long to answer. Try again, or use a shorter clip.",
      { cause: err },
    );
  }
  return new AppError(
    "upstream",
    `Could not reach the transcription service at ${originOf(baseUrl)}. Check that it is running and TRANSCRIBE_BASE_URL is right.`,
    { cause: err },
  );
}

function statusError(status: number, raw: string): AppError {
  let detail = "";
  try {
    const msg = (JSON.parse(raw) as { error?: { message?: unknown } }).error?.message;
    if (typeof msg === "string") detail = ` It said: "${msg.slice(0, 200)}".`;
  } catch {
    // not JSON: no detail to pass on
  }
  if (status === 401 || status === 403) {
    return new AppError(
      "upstream",
      `The transcription service refused the API key (HTTP ${status}). Check TRANSCRIBE_API_KEY.${detail}`,
    );
  }
  if (status === 429)
    return new AppError(
      "rate_limited",
      `The transcription service is busy (HTTP 429). Try again in a minute.${detail}`,
      { retryAfter: 60 },
    );
  if (status === 413)
    return new AppError(
      4002,
      `The clip's audio is too large for the transcription service (HTTP 413). Try a shorter clip.${detail}`,
    );
  return new AppError(
    "upstream",
    `The transcription service failed (HTTP ${status}). Try again later or use another engine.${detail}`,
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
