import "server-only";
import { AppError } from "@/lib/errors";
import { mapNemoError, networkError, RATE_LIMIT_WAIT_S } from "./nemo-errors";
import { nodeStreamFetch } from "./node-stream-fetch";

// The one place that talks HTTP to NemoVideo: bearer token and attribution headers on
// every request, a timeout on every request (combined with the caller's signal), the
// error mapping, and the single documented retry (429: wait 30 s, once). Streams
// (/run_sse, uploads) are never retried: re-sending a message charges twice.

export interface NemoClientOptions {
  baseUrl: string;
  /** X-Skill-Platform */
  platform: string;
  /** X-Skill-Version (package.json version) */
  version: string;
  registered: boolean;
  registerUrl: string;
  /** Default per-request timeout. */
  timeoutMs?: number;
  /** How long to wait before the one retry after a 429 (30 s; tests make it short). */
  rateLimitWaitMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

export interface CallOptions {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  token?: string;
  clientId?: string;
  json?: unknown;
  /** A streamed request body (uploads); sent with duplex "half", never retried. */
  stream?: { body: ReadableStream<Uint8Array>; contentType: string; contentLength: number | null };
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** For the sentence on network failures: "uploading your clip". */
  what: string;
  /** Id for the `?bind=` registration link on 2001. */
  bindId?: string | null;
}

export type NemoClient = ReturnType<typeof createNemoClient>;

const DEFAULT_TIMEOUT_MS = 30_000;

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** `data` of a `{code, data}` / `{success, data}` envelope, or the body itself. */
export function unwrap<T = Record<string, unknown>>(body: unknown): T {
  if (
    body &&
    typeof body === "object" &&
    "data" in body &&
    (body as { data: unknown }).data !== undefined
  ) {
    return (body as { data: T }).data;
  }
  return body as T;
}

export function createNemoClient(opts: NemoClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, "");
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;

  function headers(call: CallOptions): Headers {
    const h = new Headers({
      "X-Skill-Source": "video-skill-online",
      "X-Skill-Version": opts.version,
      "X-Skill-Platform": opts.platform,
      Accept: call.accept ?? "application/json",
    });
    if (call.token) h.set("Authorization", `Bearer ${call.token}`);
    if (call.clientId) h.set("X-Client-Id", call.clientId);
    if (call.json !== undefined) h.set("Content-Type", "application/json");
    if (call.stream) {
      h.set("Content-Type", call.stream.contentType);
      if (call.stream.contentLength !== null)
        h.set("Content-Length", String(call.stream.contentLength));
    }
    return h;
  }

  async function send(call: CallOptions): Promise<Response> {
    const signals = [AbortSignal.timeout(call.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)];
    if (call.signal) signals.push(call.signal);
    const init: RequestInit & { duplex?: "half" } = {
      method: call.method ?? (call.json !== undefined || call.stream ? "POST" : "GET"),
      headers: headers(call),
      signal: AbortSignal.any(signals),
      redirect: "follow",
    };
    if (call.json !== undefined) init.body = JSON.stringify(call.json);
    if (call.stream) {
      init.body = call.stream.body;
      init.duplex = "half";
    }
    try {
      if (call.accept === "text/event-stream" && !opts.fetch && typeof init.body === "string") {
        return await nodeStreamFetch(`${base}${call.path}`, {
          method: init.method!,
          headers: init.headers as Headers,
          body: init.body,
          signal: init.signal!,
        });
      }
      return await doFetch(`${base}${call.path}`, init);
    } catch (err) {
      throw networkError(err, call.what, Boolean(call.signal?.aborted));
    }
  }

  async function readBody(res: Response, call: CallOptions): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw networkError(err, call.what, Boolean(call.signal?.aborted));
    }
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      if (!res.ok) return { message: text.slice(0, 200) };
      throw new AppError(
        "upstream",
        `NemoVideo sent an answer we could not read while ${call.what}. Try again in a minute.`,
      );
    }
  }

  function failure(res: Response, body: unknown, call: CallOptions): AppError | null {
    const retryAfter = Number(res.headers.get("retry-after")) || undefined;
    return mapNemoError(res.status, body, {
      registered: opts.registered,
      registerUrl: opts.registerUrl,
      bindId: call.bindId,
      retryAfter,
    });
  }

  /** A JSON call; the whole parsed body on success (use `unwrap` for `data`). */
  async function call(c: CallOptions): Promise<unknown> {
    let res = await send(c);
    let body = await readBody(res, c);
    let err = failure(res, body, c);
    if (err?.code === "rate_limited" && !c.stream) {
      // Documented: retry once after 30 s. A 429 was not processed, so this is no double charge.
      await sleep(opts.rateLimitWaitMs ?? RATE_LIMIT_WAIT_S * 1000, c.signal);
      res = await send(c);
      body = await readBody(res, c);
      err = failure(res, body, c);
    }
    if (err) throw err;
    return body;
  }

  /** Opens a streaming answer (/run_sse): errors before the first byte are thrown, never retried. */
  async function open(c: CallOptions): Promise<Response> {
    const res = await send(c);
    const type = res.headers.get("content-type") ?? "";
    // A stream is anything but a JSON answer (error bodies come as JSON, even with 200).
    if (res.ok && res.body && !type.includes("application/json")) return res;
    const body = await readBody(res, c);
    const err = failure(res, body, c);
    if (err) throw err;
    throw new AppError(
      "upstream",
      `NemoVideo answered without a reply stream while ${c.what}. Try again in a minute.`,
    );
  }

  /** The AppError for an error body seen elsewhere (inside a stream), or null. */
  function mapError(status: number, body: unknown, bindId?: string | null): AppError | null {
    return mapNemoError(status, body, {
      registered: opts.registered,
      registerUrl: opts.registerUrl,
      bindId,
    });
  }

  return { call, open, mapError, baseUrl: base };
}
