import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import type { MediaRecord } from "../media/types";

// Files on this machine into a session, for the CLI: the same streaming multipart path
// the browser's upload takes (so every check and derived file is the same), built as a
// stream from the files on disk, never read whole into memory.

export function localFilesBody(files: string[]): { contentType: string; body: Readable } {
  const boundary = `----vso-cli-${crypto.randomBytes(8).toString("hex")}`;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const file of files) {
      const name = path.basename(file).replace(/"/g, "_");
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }))
        yield chunk as Buffer;
      yield Buffer.from("\r\n");
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Readable.from(generate(), { objectMode: false }),
  };
}

/** What importLocalFiles needs from engine.media. */
export interface LocalImportTarget {
  ingestFile(
    sessionId: string,
    file: string,
    name: string,
    opts?: { signal?: AbortSignal },
  ): Promise<{ files: MediaRecord[]; failed: { name: string; error: AppError }[] }>;
}

/**
 * Files on this machine into a session for the CLI, whatever their size: nothing travels
 * over a network, so the upload limit (MAX_UPLOAD_MB) does not apply. Each file is copied
 * (copy_file_range or a reflink where the disk can: no bytes through JavaScript) into the
 * data folder, then goes through the same checks as an upload; the original is untouched.
 */
export async function importLocalFiles(
  media: LocalImportTarget,
  sessionId: string,
  files: string[],
  tmpDir: string,
  signal?: AbortSignal,
) {
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const result: { files: MediaRecord[]; failed: { name: string; error: AppError }[] } = {
    files: [],
    failed: [],
  };
  for (const file of files) {
    const copy = path.join(tmpDir, `import-${crypto.randomBytes(8).toString("hex")}`);
    try {
      await fs.promises.copyFile(file, copy);
      const one = await media.ingestFile(sessionId, copy, path.basename(file), { signal });
      result.files.push(...one.files);
      result.failed.push(...one.failed);
    } catch (err) {
      const error =
        err instanceof AppError
          ? err
          : new AppError("bad_request", `Could not read ${file}: ${(err as Error).message}`, {
              cause: err,
            });
      result.failed.push({ name: path.basename(file), error });
    } finally {
      await fs.promises.rm(copy, { force: true });
    }
  }
  return result;
}
