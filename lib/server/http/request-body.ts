import "server-only";
import type { Readable } from "node:stream";

// A request body as the server's own Node stream. scripts/server.mjs registers each
// request with a body under a random id and sends the id along in BODY_ID_HEADER; a route
// that takes it reads the socket's IncomingMessage directly instead of the web stream
// Next.js wraps around it (bench/upload.ts: ~0.15 s less per 500 MB, and half the garbage).
// Under `next start`, `next dev` without our server, or in tests there is no registry and
// the route reads `req.body` as usual.

export const BODY_ID_HEADER = "x-vso-body-id";
const REGISTRY = Symbol.for("vso.requestBodies");

type Registry = Map<string, Readable>;

/**
 * The body of `req` as a Node stream, or null when this server does not hand bodies over
 * (then read `req.body`). Taking it is once only; after that `req.body` must not be read.
 */
export function takeNodeBody(req: Request): Readable | null {
  const id = req.headers.get(BODY_ID_HEADER);
  const registry = (globalThis as { [REGISTRY]?: Registry })[REGISTRY];
  if (!id || !registry) return null;
  const body = registry.get(id);
  registry.delete(id);
  // Someone already started on it (the web stream, or an earlier take): not ours to read.
  if (!body || req.bodyUsed || body.readableDidRead || body.destroyed) return null;
  return body;
}
