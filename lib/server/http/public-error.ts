import "server-only";
import os from "node:os";
import type { AppError } from "@/lib/errors";
import { serverEnv } from "../env";

// What a visitor may read of a failure. An unexpected error ("internal": ffmpeg's stderr,
// a crashed child, a bug) becomes one plain sentence with a request id, and its details
// go to the server log under that id. Other sentences are ours, but may quote something
// that names the server's insides (a file under DATA_DIR, an internal endpoint): those
// parts are blanked before they leave.

export const INTERNAL_SENTENCE =
  "Something went wrong on our side. Please try again; if it happens again, tell the site operator this request id:";

let secrets: string[] | undefined;

/** Absolute folders and internal origins named in the settings, longest first. */
function secretsOf(): string[] {
  if (secrets) return secrets;
  const env = serverEnv();
  const origin = (u?: string) => {
    try {
      return u ? new URL(u).origin : null;
    } catch {
      return null;
    }
  };
  const found = [
    env.DATA_DIR,
    env.WHISPER_CACHE_DIR,
    os.tmpdir(),
    origin(env.LLM_BASE_URL),
    origin(env.TRANSCRIBE_BASE_URL),
    origin(env.NEMO_BASE_URL),
    origin(env.S3_ENDPOINT),
    origin(env.REDIS_URL),
  ].filter((s): s is string => Boolean(s) && s!.length > 1);
  secrets = [...new Set(found)].sort((a, b) => b.length - a.length);
  return secrets;
}

/** Blanks absolute paths under the server's folders and internal origins. */
export function scrub(message: string): string {
  let out = message;
  for (const s of secretsOf()) {
    // A path continues up to whitespace or a quote; an origin is replaced on its own.
    const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`${escaped}(?:[^\\s"'),]*[^\\s"'),.])?`, "g"), "[server]");
  }
  return out;
}

/** The sentence a visitor reads for `err`; logs the details of an internal error under `requestId`. */
export function publicMessage(err: AppError, requestId: string, where = "request"): string {
  if (err.code === "internal") {
    console.error(`[${where} ${requestId}]`, err.message, err.cause ?? "");
    return `${INTERNAL_SENTENCE} ${requestId}.`;
  }
  return scrub(err.message);
}
