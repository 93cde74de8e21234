import fs from "node:fs";
import path from "node:path";
import { fetchModel, GGUF_MAGIC } from "@/lib/engine/transcribe/fetch-model";

// Where the local planner's GGUF model lives and how it gets there: LLAMA_MODEL when it
// is on disk, else one download from LLAMA_MODEL_URL (Qwen2.5 1.5B Instruct by default)
// into the models folder, shared with the whisper models' resumable, checksummed
// downloader. A chat turn never waits for the download: it starts in the background on
// first use and the rule planner answers (and says so) until the file is whole.

/** Qwen2.5-1.5B-Instruct, Q4_K_M quantisation: 1,117,320,736 bytes, Apache-2.0. */
export const DEFAULT_LLAMA_MODEL_URL =
  "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf";
export const DEFAULT_LLAMA_MODEL_SHA256 =
  "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e";

export interface LlamaModelConfig {
  /** LLAMA_MODEL: a GGUF file; also where a download goes when set. */
  modelPath?: string;
  /** LLAMA_MODEL_URL */
  modelUrl?: string;
  /** LLAMA_MODEL_SHA256; the default model's checksum when the URL is the default. */
  sha256?: string;
  /** Folder for downloaded models (DATA_DIR/models). */
  cacheDir: string;
  /** May the file be downloaded on first use (PLANNER=llama)? "auto" only uses a file already there. */
  download: boolean;
  fetch?: typeof fetch;
}

export type ModelStatus =
  | { ready: true; path: string }
  /** `why` is shown to users; `detail` (paths, hosts, errors) only goes to the server log. */
  | { ready: false; why: string; detail?: string };

interface DownloadState {
  ratio: number | null;
  received: number;
  promise: Promise<string>;
  failed?: { message: string; at: number };
}

const downloads = new Map<string, DownloadState>();
/** After a failed download, wait this long before the next chat turn tries again. */
const RETRY_AFTER_MS = 60_000;

export function llamaModelPath(
  cfg: Pick<LlamaModelConfig, "modelPath" | "modelUrl" | "cacheDir">,
): string {
  if (cfg.modelPath) return path.resolve(cfg.modelPath);
  const url = cfg.modelUrl ?? DEFAULT_LLAMA_MODEL_URL;
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "model.gguf");
  return path.join(cfg.cacheDir, name.endsWith(".gguf") ? name : `${name}.gguf`);
}

/** A short name for replies and logs: the file name without .gguf. */
export function llamaModelName(
  cfg: Pick<LlamaModelConfig, "modelPath" | "modelUrl" | "cacheDir">,
): string {
  return path.basename(llamaModelPath(cfg)).replace(/\.gguf$/i, "");
}

/** The sha256 the download must have: the one set, or the default model's own. */
export function llamaModelChecksum(
  cfg: Pick<LlamaModelConfig, "modelUrl" | "sha256">,
): string | undefined {
  if (cfg.sha256) return cfg.sha256;
  return !cfg.modelUrl || cfg.modelUrl === DEFAULT_LLAMA_MODEL_URL
    ? DEFAULT_LLAMA_MODEL_SHA256
    : undefined;
}

/**
 * Downloads the model now (resuming a partial file), reporting progress; resolves to its
 * path. Concurrent callers share one download. Throws AppError with a sentence on failure.
 */
export function downloadLlamaModel(
  cfg: LlamaModelConfig,
  onProgress?: (p: { received: number; total: number | null; ratio: number | null }) => void,
): Promise<string> {
  const dest = llamaModelPath(cfg);
  const running = downloads.get(dest);
  if (running && !running.failed) return running.promise;
  const state: DownloadState = { ratio: null, received: 0, promise: Promise.resolve(dest) };
  state.promise = fetchModel({
    url: cfg.modelUrl ?? DEFAULT_LLAMA_MODEL_URL,
    dest,
    sha256: llamaModelChecksum(cfg),
    expectMagic: { bytes: GGUF_MAGIC, format: "GGUF (llama.cpp)" },
    wording: {
      model: "local planner model",
      urlSetting: "LLAMA_MODEL_URL",
      pathSetting: "LLAMA_MODEL",
      otherwise: "or set PLANNER=rules",
    },
    fetch: cfg.fetch,
    onProgress: (p) => {
      state.ratio = p.ratio;
      state.received = p.received;
      onProgress?.(p);
    },
  }).then(
    (file) => {
      downloads.delete(dest);
      return file;
    },
    (err: unknown) => {
      state.failed = { message: err instanceof Error ? err.message : String(err), at: Date.now() };
      throw err;
    },
  );
  downloads.set(dest, state);
  return state.promise;
}

/**
 * Whether the model can be used for this turn. Never waits for a download: the first
 * call starts it (when allowed) and later calls report its progress.
 */
export function llamaModelStatus(
  cfg: LlamaModelConfig,
  log: (line: string) => void = () => {},
): ModelStatus {
  const dest = llamaModelPath(cfg);
  if (fs.existsSync(dest)) return { ready: true, path: dest };
  if (!cfg.download)
    return {
      ready: false,
      why: "is not on this server",
      detail: `no file at ${dest}; set LLAMA_MODEL, or PLANNER=llama to download one`,
    };
  const state = downloads.get(dest);
  if (state?.failed && Date.now() - state.failed.at < RETRY_AFTER_MS)
    return { ready: false, why: "could not be downloaded", detail: state.failed.message };
  if (!state || state.failed) {
    log(`downloading the local planner model to ${dest}`);
    let lastTenth = -1;
    downloadLlamaModel(cfg, (p) => {
      const tenth = p.ratio === null ? -1 : Math.floor(p.ratio * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        log(
          `local planner model: ${Math.round((p.ratio ?? 0) * 100)}% (${mb(p.received)} of ${p.total ? mb(p.total) : "?"})`,
        );
      }
    }).then(
      () => log(`local planner model ready: ${dest}`),
      (err: unknown) =>
        log(
          `local planner model download failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
    );
    return { ready: false, why: "is being downloaded for the first time" };
  }
  return {
    ready: false,
    why: `is still downloading, ${state.ratio === null ? `${mb(state.received)} so far` : `${Math.floor(state.ratio * 100)}% done`}`,
  };
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
