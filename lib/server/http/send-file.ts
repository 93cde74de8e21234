import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import type { FileResult } from "../backend/types";

// Sends a FileResult with HTTP Range support, so players can seek and downloads can
// resume. The file is streamed from disk, never read whole.

export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | "invalid" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "invalid";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return "invalid";
  return { start, end };
}

function contentDisposition(filename: string, inline: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function sendFile(
  req: Request,
  file: FileResult,
  opts: { download?: boolean } = {},
): Promise<Response> {
  if (file.kind === "redirect") return Response.redirect(file.url, 302);
  const headers = new Headers({
    "content-type": file.contentType,
    "x-content-type-options": "nosniff",
  });
  if (file.filename)
    headers.set("content-disposition", contentDisposition(file.filename, !opts.download));
  if (file.kind === "stream") {
    if (file.size !== undefined) headers.set("content-length", String(file.size));
    return new Response(file.body, { status: 200, headers });
  }

  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file.path);
  } catch {
    throw new AppError("not_found", "That file is no longer available.");
  }
  const size = stat.size;
  headers.set("accept-ranges", "bytes");
  headers.set("last-modified", stat.mtime.toUTCString());
  headers.set(
    "cache-control",
    file.immutable ? "private, max-age=31536000, immutable" : "private, no-cache",
  );
  const range = parseRange(req.headers.get("range"), size);
  if (range === "invalid") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  headers.set("content-length", String(size === 0 ? 0 : end - start + 1));
  if (range) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  if (req.method === "HEAD" || size === 0)
    return new Response(null, { status: range ? 206 : 200, headers });
  const nodeStream = fs.createReadStream(file.path, { start, end });
  req.signal.addEventListener("abort", () => nodeStream.destroy(), { once: true });
  const body = Readable.toWeb(nodeStream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: range ? 206 : 200, headers });
}
