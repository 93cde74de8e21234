import os from "node:os";
import path from "node:path";
import type { Env } from "@/lib/config/env-schema";
import type { WorkLimits } from "./ops/work-limits";

// What the engine needs to know, independent of where it runs (web app, CLI, worker).
export interface EngineConfig {
  dataDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  maxUploadBytes: number;
  /** Largest source picture (width x height) accepted at upload (MAX_SOURCE_MEGAPIXELS). */
  maxSourcePixels: number;
  /** How long an unfinished resumable upload is kept (UPLOAD_EXPIRY_HOURS). */
  uploadExpiryMs: number;
  urlImportTimeoutMs: number;
  allowPrivateUrlImports: boolean;
  renderConcurrency: number;
  /** What one timeline may ask for (MAX_OUTPUT_MINUTES, MAX_SEGMENTS). */
  workLimits: WorkLimits;
  /** Exports one token may have waiting or rendering at once (MAX_EXPORTS_PER_TOKEN). */
  maxExportsPerToken: number;
  /** Days a share link works; 0 = until revoked (SHARE_LINK_DAYS). */
  shareLinkDays: number;
  /** Per-visitor storage and the free space kept on the data disk (STORAGE_QUOTA_MB, MIN_FREE_DISK_MB). */
  disk: { quotaBytes: number; minFreeBytes: number };
  /** Projects of tokens expired this long ago are removed; old previews pruned (RETENTION_DAYS, PREVIEW_RETENTION_HOURS). */
  retention: { days: number; previewHours: number };
  /** A render may run RENDER_TIMEOUT_FACTOR x its output length, plus RENDER_TIMEOUT_BASE_S. */
  renderTimeout: { baseMs: number; factor: number };
  /** Media tool processes (ffmpeg, ffprobe, pocketsphinx) this process runs at once (FFMPEG_MAX_PROCESSES). */
  maxProcesses: number;
  /** Exports longer than this render in chunks (ms); 0: never. */
  renderChunkMs: number;
  /** Picture chunks this process renders at once, across exports (RENDER_CHUNK_CONCURRENCY). */
  renderChunkConcurrency: number;
  exportCredits: number;
  queue: "inprocess" | "bullmq";
  redisUrl: string;
  accounts: {
    freeCredits: number;
    ttlDays: number;
    creditsEnabled: boolean;
    rateLimit: number;
    rateWindowS: number;
  };
  transcriber: {
    engine: Env["TRANSCRIBER"];
    whisperModel?: string;
    whisperModelUrl?: string;
    whisperModelSha256?: string;
    cacheDir: string;
    baseUrl?: string;
    apiKey?: string;
    model: string;
  };
  llm: { baseUrl?: string; model?: string; apiKey?: string };
  /** Which planner reads chat requests, and the local model's settings (lib/engine/planner/pick-planner.ts). */
  planner: Env["PLANNER"];
  llama: {
    modelPath?: string;
    modelUrl?: string;
    sha256?: string;
    cacheDir: string;
    threads: number;
    timeoutMs: number;
  };
  /** Where finished exports live (STORAGE, S3_*): see lib/engine/storage/create-storage.ts. */
  storage: Pick<
    Env,
    | "STORAGE"
    | "S3_ENDPOINT"
    | "S3_REGION"
    | "S3_BUCKET"
    | "S3_ACCESS_KEY_ID"
    | "S3_SECRET_ACCESS_KEY"
  >;
}

export function engineConfigFromEnv(env: Env): EngineConfig {
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    dataDir,
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    maxSourcePixels: Math.round(env.MAX_SOURCE_MEGAPIXELS * 1e6),
    uploadExpiryMs: Math.round(env.UPLOAD_EXPIRY_HOURS * 3600 * 1000),
    urlImportTimeoutMs: env.URL_IMPORT_TIMEOUT_MS,
    allowPrivateUrlImports: env.ALLOW_PRIVATE_URL_IMPORTS,
    renderConcurrency: env.RENDER_CONCURRENCY,
    workLimits: {
      maxOutputMs: Math.round(env.MAX_OUTPUT_MINUTES * 60_000),
      maxSegments: env.MAX_SEGMENTS,
    },
    maxExportsPerToken: env.MAX_EXPORTS_PER_TOKEN,
    shareLinkDays: env.SHARE_LINK_DAYS,
    disk: {
      quotaBytes: Math.round(env.STORAGE_QUOTA_MB * 1024 * 1024),
      minFreeBytes: Math.round(env.MIN_FREE_DISK_MB * 1024 * 1024),
    },
    retention: { days: env.RETENTION_DAYS, previewHours: env.PREVIEW_RETENTION_HOURS },
    renderTimeout: {
      baseMs: Math.round(env.RENDER_TIMEOUT_BASE_S * 1000),
      factor: env.RENDER_TIMEOUT_FACTOR,
    },
    maxProcesses: env.FFMPEG_MAX_PROCESSES,
    renderChunkMs: env.RENDER_CHUNK_SECONDS * 1000,
    renderChunkConcurrency: env.RENDER_CHUNK_CONCURRENCY,
    exportCredits: env.EXPORT_CREDITS,
    queue: env.QUEUE,
    redisUrl: env.REDIS_URL,
    accounts: {
      freeCredits: env.FREE_CREDITS,
      ttlDays: env.TOKEN_TTL_DAYS,
      creditsEnabled: env.CREDITS_ENABLED,
      rateLimit: env.TOKEN_RATE_LIMIT,
      rateWindowS: env.TOKEN_RATE_WINDOW_S,
    },
    transcriber: {
      engine: env.TRANSCRIBER,
      whisperModel: env.WHISPER_MODEL,
      whisperModelUrl: env.WHISPER_MODEL_URL,
      whisperModelSha256: env.WHISPER_MODEL_SHA256,
      cacheDir: env.WHISPER_CACHE_DIR ?? path.join(dataDir, "models"),
      baseUrl: env.TRANSCRIBE_BASE_URL,
      apiKey: env.TRANSCRIBE_API_KEY,
      model: env.TRANSCRIBE_MODEL,
    },
    llm: { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, apiKey: env.LLM_API_KEY },
    planner: env.PLANNER,
    llama: {
      modelPath: env.LLAMA_MODEL,
      modelUrl: env.LLAMA_MODEL_URL,
      sha256: env.LLAMA_MODEL_SHA256,
      cacheDir: path.join(dataDir, "models"),
      // llama.cpp's workers spin while they wait: leave a core for the web server and ffmpeg.
      threads: env.LLAMA_THREADS ?? Math.max(1, Math.floor(os.availableParallelism() / 2)),
      timeoutMs: env.LLAMA_TIMEOUT_MS,
    },
    storage: {
      STORAGE: env.STORAGE,
      S3_ENDPOINT: env.S3_ENDPOINT,
      S3_REGION: env.S3_REGION,
      S3_BUCKET: env.S3_BUCKET,
      S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY,
    },
  };
}
