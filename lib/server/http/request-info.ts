import "server-only";
import { AppError } from "@/lib/errors";
import { serverEnv } from "../env";
import { clientAddress, parseTrustedProxies, type TrustedProxies } from "./client-address";

/**
 * The client's address. Our server (scripts/server.mjs) writes `x-vso-client-ip` from
 * the socket, replacing anything a client sent; behind trusted proxies (TRUST_PROXY,
 * TRUSTED_PROXIES) it is the rightmost X-Forwarded-For hop that is not one of them.
 */
export function clientIp(req: Request): string {
  const env = serverEnv();
  trusted ??= { setting: parseTrustedProxies(env.TRUSTED_PROXIES, env.TRUST_PROXY) };
  return clientAddress(
    req.headers.get("x-vso-client-ip") ?? "unknown",
    req.headers.get("x-forwarded-for"),
    trusted.setting,
  );
}
let trusted: { setting: TrustedProxies } | undefined;

/** Public origin for links: PUBLIC_URL, or what the request came in on. */
export function publicOrigin(req: Request): string {
  return originFromHeaders(req.headers, new URL(req.url));
}

/** The same for a page, which has the request's headers (next/headers) but no Request. */
export function originFromHeaders(headers: Headers, url?: URL): string {
  const configured = serverEnv().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? url?.protocol.replace(":", "") ?? "http";
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
