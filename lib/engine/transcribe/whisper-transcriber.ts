import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { fetchModel } from "./fetch-model";
import type { TimedWord, Transcriber, Transcript } from "./types";

// whisper.cpp through @fugood/whisper.node's prebuilt native module (shipped inside the
// npm package, nothing downloaded at install). The model comes from WHISPER_MODEL, or is
// fetched once from WHISPER_MODEL_URL into the cache folder. Word timings come from
// whisper.cpp's token timestamps with one token per segment (max_len 1), merged back
// into words here.

export const WHISPER_PACKAGE = "@fugood/node-whisper-linux-x64";
export const DEFAULT_WHISPER_MODEL_URL = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin";

/** The slice of the native module we use. */
export interface WhisperBinding {
  WhisperContext: new (o: { filePath: string; useGpu?: boolean }) => WhisperNativeContext;
}
export interface WhisperNativeContext {
  transcribeFile(
    file: string,
    o: Record<string, unknown> & { onProgress?: (p: number) => void },
  ): { stop: () => Promise<void>; promise: Promise<{ language?: string; segments: { text: string; t0: number; t1: number }[]; isAborted: boolean }> };
  release(): Promise<void>;
}

export interface WhisperOptions {
  /** Explicit model path (WHISPER_MODEL). */
  modelPath?: string;
  /** Where to fetch the model when none is on disk. */
  modelUrl?: string;
  /** Fetch from the default URL when no model is configured (TRANSCRIBER=whisper asked for it). */
  fetchDefault?: boolean;
  cacheDir: string;
  sha256?: string;
  threads?: number;
  loadBinding?: () => Promise<WhisperBinding>;
  fetch?: typeof fetch;
}

/** "ggml-base.en.bin" -> "base.en", for the reply ("whisper.cpp (base.en)"). */
export function modelName(file: string): string {
  return path.basename(file).replace(/^ggml-/, "").replace(/\.bin$/, "");
}

/** Tokens (one per segment) -> words: a token starting with a space begins a word. */
export function wordsFromTokenSegments(segments: { text: string; t0: number; t1: number }[]): TimedWord[] {
  const words: TimedWord[] = [];
  for (const seg of segments) {
    const text = seg.text;
    if (!text.trim()) continue;
    const last = words[words.length - 1];
    if (last && !/^\s/.test(text)) {
      last.w += text;
      last.e = Math.max(last.e, seg.t1);
    } else {
      words.push({ w: text.trim(), s: seg.t0, e: Math.max(seg.t0, seg.t1) });
    }
  }
  // Non-speech annotations ("[BLANK_AUDIO]", "(music)") and special tokens are not words.
  return words.filter((w) => !/^[[(].*[\])]$/.test(w.w) && !/^\[_.*_\]$/.test(w.w));
}

export async function loadWhisperBinding(): Promise<WhisperBinding> {
  // Loaded at run time by name, so bundlers leave the native module alone.
  type ModuleApi = typeof import("node:module");
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => ModuleApi }).getBuiltinModule;
  const nodeModule = getBuiltin?.("node:module") ?? ((await import(/* webpackIgnore: true */ "node:module")) as unknown as ModuleApi);
  const req = nodeModule.createRequire(path.join(process.cwd(), "package.json"));
  return req(WHISPER_PACKAGE) as WhisperBinding;
}

export function createWhisperTranscriber(opts: WhisperOptions): Transcriber {
  const url = opts.modelUrl ?? (opts.fetchDefault ? DEFAULT_WHISPER_MODEL_URL : undefined);
  // Without a URL we still look for a model fetched earlier from the default one.
  const modelPath = opts.modelPath ?? path.join(opts.cacheDir, urlFileName(opts.modelUrl ?? DEFAULT_WHISPER_MODEL_URL));
  const label = `whisper.cpp (${modelName(modelPath)})`;
  let binding: Promise<WhisperBinding | null> | null = null;
  let context: { file: string; ctx: WhisperNativeContext } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const getBinding = () => {
    binding ??= (opts.loadBinding ?? loadWhisperBinding)().catch(() => null);
    return binding;
  };

  async function ensureModel(o: Parameters<Transcriber["transcribe"]>[1]): Promise<string> {
    if (await exists(modelPath)) return modelPath;
    if (!url) {
      throw new AppError(
        "unavailable",
        opts.modelPath
          ? `The whisper model ${opts.modelPath} is missing. Check WHISPER_MODEL.`
          : "No whisper model is set up. Set WHISPER_MODEL to a ggml model file, or WHISPER_MODEL_URL to download one.",
      );
    }
    return fetchModel({
      url,
      dest: modelPath,
      sha256: opts.sha256,
      expectGgml: true,
      signal: o?.signal,
      fetch: opts.fetch,
      onProgress: (p) => o?.onProgress?.({ stage: "download", ratio: p.ratio }),
    });
  }

  async function run(wavPath: string, o: Parameters<Transcriber["transcribe"]>[1] = {}): Promise<Transcript> {
    const mod = await getBinding();
    if (!mod) throw new AppError("unavailable", `The whisper.cpp module (${WHISPER_PACKAGE}) could not be loaded on this machine. Use another captions engine.`);
    const file = await ensureModel(o);
    if (o.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
    if (!context || context.file !== file) {
      try {
        context = { file, ctx: new mod.WhisperContext({ filePath: file, useGpu: false }) };
      } catch (err) {
        throw new AppError("unavailable", `whisper.cpp could not load the model ${path.basename(file)}; it may be damaged. Delete it to download it again, or set WHISPER_MODEL.`, { cause: err });
      }
    }
    const language = (o.language ?? "en").split("-")[0];
    const job = context.ctx.transcribeFile(wavPath, {
      language,
      tokenTimestamps: true,
      maxLen: 1,
      maxThreads: opts.threads ?? 2,
      onProgress: (p: number) => o.onProgress?.({ stage: "transcribe", ratio: Math.min(1, p / 100) }),
    });
    const onAbort = () => void job.stop();
    o.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const result = await job.promise;
      if (result.isAborted || o.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
      return { engine: `whisper.cpp (${modelName(file)})`, language, words: wordsFromTokenSegments(result.segments) };
    } finally {
      o.signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    id: "whisper",
    label,
    // English-only models (".en") cannot do other languages.
    supportsLanguage: (language) => !/\.en(\.|$)/.test(path.basename(modelPath)) || language.startsWith("en"),
    async available() {
      if (!(await getBinding())) return false;
      // A configured download URL counts: the model is fetched on first use.
      return (await exists(modelPath)) || Boolean(url);
    },
    transcribe(wavPath, o) {
      // One whisper context, one recognition at a time: queue the rest.
      const next = queue.then(() => run(wavPath, o));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

function urlFileName(url: string): string {
  try {
    return path.basename(new URL(url).pathname) || "whisper-model.bin";
  } catch {
    return "whisper-model.bin";
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(() => true, () => false);
}
