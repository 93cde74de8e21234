import "server-only";
import { AppError } from "@/lib/errors";

// JSON request bodies are small (a chat message, a list of ops, a few links), so they are
// read with a cap: a client announcing or sending more is refused with 413 before the
// server holds it in memory. Uploads are multipart and stream to disk elsewhere.

export const MAX_JSON_BYTES = 64 * 1024;

const tooLarge = (limit: number) =>
  new AppError(
    4002,
    `This request is larger than ${Math.round(limit / 1024)} KB, which is more than any edit needs. Send a shorter message or fewer items at once.`,
    {
      status: 413,
    },
  );

/** The body as text, at most `limit` bytes (Content-Length checked first, then what arrives). */
export async function readLimitedText(req: Request, limit = MAX_JSON_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** readLimitedText, parsed: 400 with a sentence when it is not JSON. */
export async function readJson(req: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readLimitedText(req, limit);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
