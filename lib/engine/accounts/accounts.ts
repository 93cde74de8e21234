import { AppError } from "@/lib/errors";
import type { Credits } from "@/lib/credits/schema";
import type { Db } from "../store/open-database";
import type { Accounts } from "../api";
import { newId, sha256 } from "../ids";
import { createTokenRateLimit } from "./token-rate-limit";

// Local tokens behave like the cloud's anonymous tokens: a bearer string, some free
// credits, an expiry. Credits held by a running export are `frozen` until it ends.

export interface AccountsOptions {
  freeCredits: number;
  ttlDays: number;
  creditsEnabled: boolean;
  /** Anonymous tokens one client address may create per window. */
  rateLimit: number;
  rateWindowS: number;
  now?: () => number;
}

interface TokenRow {
  id: string;
  client_id: string;
  credits_total: number;
  credits_available: number;
  credits_frozen: number;
  created_at: number;
  expires_at: number;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  credits: number;
  expiresAt: number;
}

export type { Accounts } from "../api";

/** Tokens that expired before `cutoff` (retention removes their projects, then them). */
export function expiredTokenIds(db: Db, cutoff: number): string[] {
  return db.prepare("SELECT id FROM tokens WHERE expires_at < ?").pluck().all(cutoff) as string[];
}

export function deleteToken(db: Db, tokenId: string): void {
  db.prepare("DELETE FROM tokens WHERE id = ?").run(tokenId);
}

export function createAccounts(db: Db, opts: AccountsOptions): Accounts {
  const now = opts.now ?? (() => Date.now());
  const limiter = createTokenRateLimit(db, {
    limit: opts.rateLimit,
    windowS: opts.rateWindowS,
    now,
  });

  function issueToken(clientId: string, ip: string): IssuedToken {
    const t = now();
    limiter.take(ip);
    const token = newId("vso_usr", 24);
    const id = sha256(token);
    const expiresAt = t + opts.ttlDays * 86_400_000;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO tokens (id, client_id, ip, credits_total, credits_available, credits_frozen, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      ).run(id, clientId, ip, opts.freeCredits, opts.freeCredits, t, expiresAt);
    })();
    return { token, tokenId: id, credits: opts.freeCredits, expiresAt };
  }

  /** Resolves a bearer token to its id; 1001 when unknown or expired. */
  function verify(token: string | undefined): string {
    if (!token)
      throw new AppError(
        1001,
        "Your session has no access token. Reload the page to get a new one.",
      );
    const row = db.prepare("SELECT id, expires_at FROM tokens WHERE id = ?").get(sha256(token)) as
      Pick<TokenRow, "id" | "expires_at"> | undefined;
    if (!row)
      throw new AppError(1001, "Your access token is not valid. A new one will be created.");
    if (row.expires_at <= now())
      throw new AppError(1001, "Your access token has expired. A new one will be created.");
    return row.id;
  }

  function row(tokenId: string): TokenRow {
    const r = db.prepare("SELECT * FROM tokens WHERE id = ?").get(tokenId) as TokenRow | undefined;
    if (!r) throw new AppError(1001, "Your access token is not valid. A new one will be created.");
    return r;
  }

  function balance(tokenId: string): Credits {
    const r = row(tokenId);
    return {
      available: r.credits_available,
      frozen: r.credits_frozen,
      total: r.credits_total,
      enabled: opts.creditsEnabled,
      registerUrl: null,
    };
  }

  /** Reserves credits for a job; 2001 when there are not enough. Returns what was frozen. */
  function freeze(tokenId: string, amount: number): number {
    if (!opts.creditsEnabled || amount <= 0) return 0;
    const res = db
      .prepare(
        "UPDATE tokens SET credits_available = credits_available - ?, credits_frozen = credits_frozen + ? WHERE id = ? AND credits_available >= ?",
      )
      .run(amount, amount, tokenId, amount);
    if (res.changes === 0) {
      const r = row(tokenId);
      throw new AppError(
        2001,
        `This export needs ${amount} credits and you have ${r.credits_available} left. Start a new project tomorrow or ask the operator for more credits.`,
        { details: { needed: amount, available: r.credits_available } },
      );
    }
    return amount;
  }

  /** A job succeeded: the frozen credits are spent. */
  function charge(tokenId: string, amount: number): void {
    if (amount <= 0) return;
    db.prepare(
      "UPDATE tokens SET credits_frozen = max(0, credits_frozen - ?), credits_total = credits_total - ? WHERE id = ?",
    ).run(amount, amount, tokenId);
  }

  /** A job failed or was cancelled: the frozen credits come back. */
  function release(tokenId: string, amount: number): void {
    if (amount <= 0) return;
    db.prepare(
      "UPDATE tokens SET credits_frozen = max(0, credits_frozen - ?), credits_available = credits_available + ? WHERE id = ?",
    ).run(amount, amount, tokenId);
  }

  return { issueToken, verify, balance, freeze, charge, release };
}
