import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { fetchModel } from "./fetch-model";

// Which whisper model file the settings point at, and getting it on first use: from
// WHISPER_MODEL, or fetched once into the cache folder from WHISPER_MODEL_URL (default:
// the multilingual ggml base model, sha256-checked), so Chinese speech gets Chinese
// captions. Offline, the download gives up after a short connect timeout and the failure
// is remembered for a while, so the next request falls back to another engine at once
// instead of waiting again. Also used by `npm run start:local` (scripts/fetch-whisper-model.ts).

/** ggml base, multilingual (99 languages): 147,951,465 bytes, MIT. */
export const DEFAULT_WHISPER_MODEL_URL =
  "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin";
export const DEFAULT_WHISPER_MODEL_SHA256 =
  "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe";
/** The English-only default of earlier versions: still used when it is the one already downloaded. */
const EARLIER_DEFAULT_FILE = "ggml-base.en.bin";
/** How long to wait for the model host to answer before calling the machine offline. */
const CONNECT_TIMEOUT_MS = 4_000;
/** After a failed download, later requests skip it (no waiting) for this long, then try again. */
export const OFFLINE_RETRY_MS = 10 * 60_000;

export interface WhisperModelSettings {
  /** WHISPER_MODEL */
  modelPath?: string;
  /** WHISPER_MODEL_URL */
  modelUrl?: string;
  /** May the default model be fetched when no URL is set (TRANSCRIBER=whisper, or auto)? */
  fetchDefault?: boolean;
  cacheDir: string;
  /** WHISPER_MODEL_SHA256; the default model's own when unset and the URL is the default. */
  sha256?: string;
}

export interface WhisperModelFile {
  /** Where the model is, or goes once downloaded. */
  modelPath: string;
  /** Where it may be downloaded from; absent: only a file already there is used. */
  url?: string;
  sha256?: string;
}

/** The model file these settings use, and where it may come from. */
export function resolveWhisperModel(opts: WhisperModelSettings): WhisperModelFile {
  const url = opts.modelUrl ?? (opts.fetchDefault ? DEFAULT_WHISPER_MODEL_URL : undefined);
  // Without a URL we still look for a model fetched earlier from the default one.
  let modelPath =
    opts.modelPath ??
    path.join(opts.cacheDir, urlFileName(opts.modelUrl ?? DEFAULT_WHISPER_MODEL_URL));
  if (
    !opts.modelPath &&
    !opts.modelUrl &&
    !fs.existsSync(modelPath) &&
    fs.existsSync(path.join(opts.cacheDir, EARLIER_DEFAULT_FILE))
  ) {
    // An English-only model downloaded by an earlier version is used rather than fetching another.
    modelPath = path.join(opts.cacheDir, EARLIER_DEFAULT_FILE);
  }
  const sha256 =
    opts.sha256 ?? (url === DEFAULT_WHISPER_MODEL_URL ? DEFAULT_WHISPER_MODEL_SHA256 : undefined);
  return { modelPath, url, sha256 };
}

/** A download that failed, per model file: later requests fail at once until `until`. */
const failedDownloads = new Map<string, { until: number; error: AppError }>();

export interface EnsureOptions {
  /** WHISPER_MODEL as set, for the sentence when that file is missing. */
  configuredPath?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Connect timeout of the download, ms (tests shorten it). */
  connectTimeoutMs?: number;
  now?: () => number;
  onProgress?: (ratio: number | null) => void;
}

/** The model's path, downloading it first when it is not there (or failing at once while offline is remembered). */
export async function ensureWhisperModel(
  model: WhisperModelFile,
  o: EnsureOptions = {},
): Promise<string> {
  const { modelPath, url } = model;
  if (await exists(modelPath)) return modelPath;
  if (!url) {
    throw new AppError(
      "unavailable",
      o.configuredPath
        ? `The whisper model ${o.configuredPath} is missing. Check WHISPER_MODEL.`
        : "No whisper model is set up. Set WHISPER_MODEL to a ggml model file, or WHISPER_MODEL_URL to download one.",
    );
  }
  const now = o.now ?? Date.now;
  const failed = failedDownloads.get(modelPath);
  if (failed && failed.until > now())
    throw new AppError("unavailable", failed.error.message, { cause: failed.error });
  try {
    return await fetchModel({
      url,
      dest: modelPath,
      sha256: model.sha256,
      expectGgml: true,
      signal: o.signal,
      fetch: o.fetch,
      connectTimeoutMs: o.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      onProgress: (p) => o.onProgress?.(p.ratio),
    });
  } catch (err) {
    // Offline (or the host refuses): remember it, so the next request does not wait again.
    if (err instanceof AppError && err.code === "unavailable")
      failedDownloads.set(modelPath, { until: now() + OFFLINE_RETRY_MS, error: err });
    throw err;
  }
}

function urlFileName(url: string): string {
  try {
    return path.basename(new URL(url).pathname) || "whisper-model.bin";
  } catch {
    return "whisper-model.bin";
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(
    () => true,
    () => false,
  );
}
