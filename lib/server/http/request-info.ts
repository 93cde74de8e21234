import "server-only";
import { AppError } from "@/lib/errors";
import { serverEnv } from "../env";

/**
 * The client's address. Our server (scripts/server.mjs) writes `x-vso-client-ip` from
 * the socket, replacing anything a client sent; behind a trusted proxy the first
 * X-Forwarded-For hop is used instead.
 */
export function clientIp(req: Request): string {
  if (serverEnv().TRUST_PROXY) {
    const fwd = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  return req.headers.get("x-vso-client-ip") ?? "unknown";
}

/** Public origin for links: PUBLIC_URL, or what the request came in on. */
export function publicOrigin(req: Request): string {
  const configured = serverEnv().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** State-changing requests must come from our own pages (no cross-site form posts). */
export function checkOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  if (req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
  const origin = req.headers.get("origin");
  if (!origin) return; // not a browser (curl, the CLI): no ambient cookie to abuse
  const allowed = new Set([publicOrigin(req), new URL(req.url).origin]);
  if (!allowed.has(origin)) {
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
}
