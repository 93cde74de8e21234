import { AppError } from "@/lib/errors";
import type { Db } from "../store/open-database";
import { addressKey } from "./address-key";

// How many new tokens one client address may take per window, for either backend: the
// local engine's free credits and the cloud's anonymous tokens are both worth farming.
// Counted in the engine's SQLite (token_requests), so a restart does not reset it.

export interface TokenRateLimitOptions {
  limit: number;
  windowS: number;
  now?: () => number;
}

export function createTokenRateLimit(db: Db, opts: TokenRateLimitOptions) {
  const now = opts.now ?? (() => Date.now());
  return {
    /** Counts one new token for `ip` (keyed by addressKey); 429 with Retry-After when over the limit. */
    take(ip: string): void {
      const key = addressKey(ip);
      const t = now();
      db.prepare("DELETE FROM token_requests WHERE at < ?").run(t - opts.windowS * 1000);
      const { n, first } = db
        .prepare("SELECT count(*) AS n, min(at) AS first FROM token_requests WHERE ip = ?")
        .get(key) as { n: number; first: number | null };
      if (n >= opts.limit) {
        const retryAfter = Math.max(1, Math.ceil(((first ?? t) + opts.windowS * 1000 - t) / 1000));
        throw new AppError(
          "rate_limited",
          "Too many new sessions from this address. Please wait a little and try again.",
          { retryAfter },
        );
      }
      db.prepare("INSERT INTO token_requests (ip, at) VALUES (?, ?)").run(key, t);
    },
  };
}
