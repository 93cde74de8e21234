import "server-only";
import pkg from "@/package.json";
import type { Db } from "@/lib/engine/store/open-database";
import { openNemoDataDir } from "./nemo-database";
import type { ServerEnv } from "../../env";
import type { Backend } from "../types";
import { createNemoClient } from "./nemo-client";
import { createNemoStore, type NemoStore } from "./nemo-store";
import type { NemoContext } from "./nemo-context";
import { nemoSessionPart } from "./session-part";
import { nemoMediaPart } from "./media-part";
import { nemoExportPart } from "./export-part";
import { nemoChatPart } from "./chat-part";
import { nemoStatePart } from "./state-part";
import { assertLoopbackInTests } from "./loopback-guard";
import { createTokenRateLimit } from "@/lib/engine/accounts/token-rate-limit";

// BACKEND=nemo: the NemoVideo cloud API behind the same interface as the local engine.
// The cloud does the editing and rendering; this side keeps the token out of the
// browser, streams, translates, and remembers what the cloud cannot list.

export interface NemoDeps {
  /** The SQLite database for local records (default: <DATA_DIR>/nemo.sqlite, nemo-database.ts). */
  db?: () => Db;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Wait before the one retry after HTTP 429 (30 s). */
  rateLimitWaitMs?: number;
  requestTimeoutMs?: number;
  chatTimeoutMs?: number;
}

type NemoEnv = Pick<
  ServerEnv,
  | "NEMO_BASE_URL"
  | "NEMO_TOKEN"
  | "NEMO_SKILL_PLATFORM"
  | "NEMO_POLL_MS"
  | "NEMO_REGISTER_URL"
  | "MAX_UPLOAD_MB"
  | "NODE_ENV"
> &
  Partial<Pick<ServerEnv, "TOKEN_RATE_LIMIT" | "TOKEN_RATE_WINDOW_S" | "DATA_DIR">>;

export function createNemoBackend(env: NemoEnv, deps: NemoDeps = {}): Backend {
  assertLoopbackInTests(env.NEMO_BASE_URL, env.NODE_ENV);
  const registered = Boolean(env.NEMO_TOKEN);
  const client = createNemoClient({
    baseUrl: env.NEMO_BASE_URL,
    platform: env.NEMO_SKILL_PLATFORM,
    version: pkg.version,
    registered,
    registerUrl: env.NEMO_REGISTER_URL,
    timeoutMs: deps.requestTimeoutMs,
    rateLimitWaitMs: deps.rateLimitWaitMs,
    sleep: deps.sleep,
    fetch: deps.fetch,
  });
  let store: NemoStore | undefined;
  let limiter: ReturnType<typeof createTokenRateLimit> | undefined;
  let db: Db | undefined;
  const openDb = deps.db ?? (() => (db ??= openNemoDataDir(env.DATA_DIR ?? "./data")));
  const ctx: NemoContext = {
    client,
    // Opened on first use, so picking the backend at startup touches no disk.
    store: () => (store ??= createNemoStore(openDb(), deps.now)),
    // The same per-address limit on new tokens as the local engine: anonymous cloud tokens carry free credits too.
    limitNewToken: (ip) => {
      if (env.TOKEN_RATE_LIMIT === undefined) return; // direct use (tests, benches): nobody to farm
      limiter ??= createTokenRateLimit(openDb(), {
        limit: env.TOKEN_RATE_LIMIT,
        windowS: env.TOKEN_RATE_WINDOW_S ?? 3600,
        now: deps.now,
      });
      limiter.take(ip);
    },
    settings: {
      token: env.NEMO_TOKEN,
      pollMs: env.NEMO_POLL_MS,
      registerUrl: env.NEMO_REGISTER_URL,
      chatTimeoutMs: deps.chatTimeoutMs ?? 15 * 60_000,
      uploadTimeoutMs: 60 * 60_000,
      maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    },
    now: deps.now ?? (() => Date.now()),
  };
  const exports = nemoExportPart(ctx);
  const session = nemoSessionPart(ctx);
  const chat = nemoChatPart(ctx, {
    startExport: (caller, preset) => exports.startExport(caller, { preset, preview: false }),
    credits: session.credits,
  });
  return {
    kind: "nemo",
    ...session,
    ...nemoMediaPart(ctx),
    ...exports,
    chat: chat.chat,
    ...nemoStatePart(ctx, chat.turn, exports.listExports),
  };
}
