import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";

// Where finished files live: the local disk (default) or S3-compatible object storage
// (STORAGE=s3), behind one small interface picked once from env (create-storage.ts).
// Keys are relative, slash-separated paths such as "exports/<sessionId>/<jobId>/video.mp4".

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredRead {
  stream: Readable;
  /** Size of the whole object. */
  size: number;
  /** Bytes in this read (size when no range was asked). */
  length: number;
}

export interface Storage {
  readonly kind: "disk" | "s3";
  /** Stores a copy of a local file under `key` (replacing what was there). */
  putFile(key: string, file: string, contentType?: string): Promise<void>;
  /** Stores a stream of known length under `key`. */
  putStream(key: string, stream: Readable, size: number, contentType?: string): Promise<void>;
  /** A local path holding the object's bytes (disk: the file itself; S3: a cached download). */
  localPath(key: string): Promise<string>;
  /** The object's bytes, or one range of them; AppError not_found when missing. */
  read(key: string, range?: ByteRange): Promise<StoredRead>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (a job's folder). */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * A time-limited URL the browser can download from directly (S3: presigned, with the
   * given file name and type), or null when the app must send the bytes itself (disk).
   */
  downloadUrl(
    key: string,
    opts: { filename: string; contentType: string; inline?: boolean; expiresInSeconds?: number },
  ): Promise<string | null>;
}

/** Keys come from our own ids, but a key must never climb out of its root. */
export function checkKey(key: string): string {
  const parts = key.split("/");
  if (
    !key ||
    key.length > 1024 ||
    key.startsWith("/") ||
    key.includes("\\") ||
    key.includes("\0") ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new AppError("bad_request", `"${key.slice(0, 80)}" is not a valid storage key.`);
  }
  return key;
}

export function notStored(key: string): AppError {
  return new AppError(
    "not_found",
    `The file ${key.split("/").pop()} is no longer stored on the server. Export or upload it again.`,
  );
}

export function checkRange(range: ByteRange | undefined, size: number): void {
  if (range && (range.start < 0 || range.end < range.start || range.end >= size)) {
    throw new AppError(
      "bad_request",
      `The byte range ${range.start}-${range.end} is outside the file (${size} bytes).`,
      { status: 416 },
    );
  }
}
