import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { parseEnv, type Env } from "@/lib/config/env-schema";

export type ServerEnv = Env & { SESSION_PASSWORD: string; DATA_DIR: string };

let cached: ServerEnv | undefined;

/**
 * Loads and checks the server's settings once. Production refuses to start without a
 * SESSION_PASSWORD; development makes one and keeps it under DATA_DIR so a restart
 * does not log everybody out.
 */
export function loadServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const env = parseEnv(source);
  const dataDir = path.resolve(env.DATA_DIR);
  let password = env.SESSION_PASSWORD;
  if (password !== undefined && password.length < 32) {
    throw new Error(
      "SESSION_PASSWORD must be at least 32 characters long (try: openssl rand -base64 32).",
    );
  }
  if (!password) {
    if (env.NODE_ENV === "production") {
      throw new Error(
        "SESSION_PASSWORD is required in production: set it to a random string of 32+ characters (openssl rand -base64 32).",
      );
    }
    password = devPassword(dataDir);
  }
  if (env.BACKEND === "nemo" && env.NEMO_TOKEN && !env.PRIVATE_DEPLOYMENT) {
    // Every visitor would spend the operator's own cloud account, with no budget per visitor.
    throw new Error(
      "BACKEND=nemo with NEMO_TOKEN lets every visitor spend your NemoVideo account. If only you (or people you trust) can reach this server, set PRIVATE_DEPLOYMENT=true; for a public site, leave NEMO_TOKEN unset so each visitor gets their own anonymous token.",
    );
  }
  return { ...env, DATA_DIR: dataDir, SESSION_PASSWORD: password };
}

function devPassword(dataDir: string): string {
  const file = path.join(dataDir, ".session-password");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: fall through and create it
  }
  const fresh = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, fresh, { mode: 0o600 });
  return fresh;
}

export function serverEnv(): ServerEnv {
  cached ??= loadServerEnv();
  return cached;
}
