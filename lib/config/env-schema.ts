import { z } from "zod";

// Every setting the app, the CLI and the worker read, validated in one place.
// `.env.example` documents the same list; keep the two in step.
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  BACKEND: z.enum(["local", "nemo"]).default("local"),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: bool.default(false),
  TRUSTED_PROXIES: z.string().optional(),

  SESSION_PASSWORD: z.string().optional(),
  SESSION_COOKIE_NAME: z.string().default("vso_session"),

  CREDITS_ENABLED: bool.default(true),
  FREE_CREDITS: z.coerce.number().int().min(0).default(100),
  TOKEN_TTL_DAYS: z.coerce.number().positive().default(7),
  TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  TOKEN_RATE_WINDOW_S: z.coerce.number().int().min(1).default(3600),
  EXPORT_CREDITS: z.coerce.number().int().min(0).default(5),
  SHARE_LINK_DAYS: z.coerce.number().min(0).default(0),

  // Read by scripts/http-limits.mjs (plain JS); listed here to be checked and documented.
  SOCKET_IDLE_TIMEOUT_S: z.coerce.number().positive().default(120),
  HEADERS_TIMEOUT_S: z.coerce.number().positive().default(30),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1024),

  /** Per-file upload limit. Default: 4096 for the local engine, 500 for nemo (the cloud's own limit). */
  MAX_UPLOAD_MB: z.coerce.number().positive().optional(),
  /** Hours an unfinished resumable upload is kept before its partial file is removed. */
  UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(24),
  /** Resumable uploads: bytes per request in MB (0 = the whole file in one request; set it under a proxy's body limit). */
  UPLOAD_CHUNK_MB: z.coerce.number().min(0).default(0),
  STORAGE_QUOTA_MB: z.coerce.number().positive().default(10240),
  MIN_FREE_DISK_MB: z.coerce.number().min(0).default(1024),
  RETENTION_DAYS: z.coerce.number().min(0).default(30),
  PREVIEW_RETENTION_HOURS: z.coerce.number().positive().default(24),
  MAX_SOURCE_MEGAPIXELS: z.coerce.number().positive().default(50),
  URL_IMPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  ALLOW_PRIVATE_URL_IMPORTS: bool.default(false),

  FFMPEG_PATH: z.string().default("ffmpeg"),
  FFPROBE_PATH: z.string().default("ffprobe"),
  FFMPEG_MAX_PROCESSES: z.coerce.number().int().min(1).max(64).default(4),
  MAX_OUTPUT_MINUTES: z.coerce.number().positive().default(180),
  MAX_SEGMENTS: z.coerce.number().int().min(1).default(2000),
  MAX_EXPORTS_PER_TOKEN: z.coerce.number().int().min(1).default(3),
  RENDER_TIMEOUT_BASE_S: z.coerce.number().positive().default(300),
  RENDER_TIMEOUT_FACTOR: z.coerce.number().min(0).default(10),
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  RENDER_CHUNK_SECONDS: z.coerce.number().int().min(0).default(300),
  RENDER_CHUNK_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  QUEUE: z.enum(["inprocess", "bullmq"]).default("inprocess"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  STORAGE: z.enum(["disk", "s3"]).default("disk"),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),

  TRANSCRIBER: z.enum(["auto", "whisper", "openai", "pocketsphinx", "none"]).default("auto"),
  WHISPER_MODEL: z.string().optional(),
  WHISPER_MODEL_URL: z.string().optional(),
  WHISPER_MODEL_SHA256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
  WHISPER_CACHE_DIR: z.string().optional(),
  TRANSCRIBE_BASE_URL: z.string().optional(),
  TRANSCRIBE_API_KEY: z.string().optional(),
  TRANSCRIBE_MODEL: z.string().default("whisper-1"),

  /** Who reads chat requests: auto = OpenAI-compatible when LLM_* is set, else a local model already on disk, else rules. */
  PLANNER: z.enum(["auto", "rules", "llama", "openai"]).default("auto"),
  LLAMA_MODEL: z.string().optional(),
  LLAMA_MODEL_URL: z.url().optional(),
  LLAMA_MODEL_SHA256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
  LLAMA_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  LLAMA_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  LLM_BASE_URL: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_API_KEY: z.string().optional(),

  NEMO_BASE_URL: z.url().default("https://mega-api-prod.nemovideo.ai"),
  NEMO_TOKEN: z.string().optional(),
  PRIVATE_DEPLOYMENT: bool.default(false),
  NEMO_SKILL_PLATFORM: z.string().default("web"),
  NEMO_POLL_MS: z.coerce.number().int().positive().default(30_000),
  /** Where anonymous cloud users register when their free credits run out (`?bind=<id>` is added). */
  NEMO_REGISTER_URL: z.url().default("https://www.nemovideo.ai/register"),
});

export type Env = Omit<z.infer<typeof envSchema>, "MAX_UPLOAD_MB"> & { MAX_UPLOAD_MB: number };

/** The local engine takes hour-long recordings (4 GB); the nemo backend keeps the cloud's 500 MB. */
export const DEFAULT_MAX_UPLOAD_MB = { local: 4096, nemo: 500 } as const;

/** Parses an environment; throws one readable message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  return {
    ...result.data,
    MAX_UPLOAD_MB: result.data.MAX_UPLOAD_MB ?? DEFAULT_MAX_UPLOAD_MB[result.data.BACKEND],
  };
}
