import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { createOffThreadHash } from "./hash-off-thread";

// Streams an incoming file to disk, hashing and counting as it goes. The size limit is
// enforced on the bytes themselves (a client can lie in Content-Length), and the write
// stops the moment the limit is passed. Whatever goes wrong, the partial file is removed.

export interface Written {
  size: number;
  /** sha256, hex. */
  hash: string;
}

export function tooLargeError(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new AppError(
    4002,
    `This file is larger than the ${mb} MB limit. Trim it to the part you need or compress it (for example export at 1080p), then upload it again.`,
    {
      details: { maxBytes },
    },
  );
}

export async function writeHashed(
  source: Readable,
  dest: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Written> {
  // Hashed on a worker thread (hash-off-thread.ts): this thread has the socket, the
  // multipart parser and the disk to serve.
  const hash = createOffThreadHash();
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLargeError(maxBytes));
      const wait = hash.update(chunk);
      if (wait) wait.then(() => done(null, chunk), done);
      else done(null, chunk);
    },
  });
  try {
    // A deep write buffer keeps socket reads and disk writes overlapping (writev batches).
    await pipeline(
      source,
      meter,
      fs.createWriteStream(dest, { flags: "wx", highWaterMark: 1024 * 1024 }),
      { signal },
    );
  } catch (err) {
    hash.drop();
    await fs.promises.rm(dest, { force: true });
    if (err instanceof AppError) throw err;
    if (signal?.aborted || (err as Error).name === "AbortError") {
      throw new AppError(
        "cancelled",
        "The upload was interrupted before the file arrived completely. Nothing was saved; upload it again.",
        { cause: err },
      );
    }
    throw new AppError(
      "bad_request",
      "The upload was interrupted before the file arrived completely. Nothing was saved; upload it again.",
      { cause: err },
    );
  }
  try {
    return { size, hash: await hash.digest() };
  } catch (err) {
    await fs.promises.rm(dest, { force: true });
    throw err;
  }
}
