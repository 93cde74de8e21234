import type { EngineConfig } from "../engine-config";
import { createOpenAiTranscriber } from "./openai-transcriber";
import { createPocketsphinxTranscriber } from "./pocketsphinx-transcriber";
import { createWhisperTranscriber } from "./whisper-transcriber";
import type { Transcriber } from "./types";

// The engines in order of caption quality: whisper.cpp (near 0 word errors on clean
// speech), an OpenAI-compatible service, then pocketsphinx (about 0.7). TRANSCRIBER=auto
// uses the first one available; naming one uses only that one.

export type TranscriberMode = EngineConfig["transcriber"]["engine"];

export function createTranscribers(
  engineConfig: Pick<EngineConfig, "transcriber" | "ffmpegPath">,
): Transcriber[] {
  const config = engineConfig.transcriber;
  return [
    createWhisperTranscriber({
      modelPath: config.whisperModel,
      modelUrl: config.whisperModelUrl,
      // whisper (or auto, the default) fetches the multilingual model once on first use;
      // offline that fails within seconds and auto hands over to the next engine, saying so.
      // auto with a transcription service configured uses that rather than a 148 MB download.
      fetchDefault: config.engine === "whisper" || (config.engine === "auto" && !config.baseUrl),
      cacheDir: config.cacheDir,
      sha256: config.whisperModelSha256,
    }),
    createOpenAiTranscriber({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      model: config.model,
      ffmpegPath: engineConfig.ffmpegPath,
    }),
    createPocketsphinxTranscriber(),
  ];
}

/** The engines `mode` allows, best first (before checking which are available). */
export function allowedTranscribers(mode: TranscriberMode, all: Transcriber[]): Transcriber[] {
  if (mode === "none") return [];
  if (mode === "auto") return all;
  return all.filter((t) => t.id === mode);
}
