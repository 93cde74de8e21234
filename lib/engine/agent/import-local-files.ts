import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import crypto from "node:crypto";

// Files on this machine into a session, for the CLI: the same streaming multipart path
// the browser's upload takes (so every check and derived file is the same), built as a
// stream from the files on disk, never read whole into memory.

export function localFilesBody(files: string[]): { contentType: string; body: Readable } {
  const boundary = `----vso-cli-${crypto.randomBytes(8).toString("hex")}`;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const file of files) {
      const name = path.basename(file).replace(/"/g, "_");
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
      yield Buffer.from("\r\n");
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Readable.from(generate(), { objectMode: false }) };
}
