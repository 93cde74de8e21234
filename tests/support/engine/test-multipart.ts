import fs from "node:fs";
import { Readable } from "node:stream";

// Builds multipart/form-data bodies for tests as streams (files are read from disk in
// chunks, as a browser would send them), with a way to "disconnect" midway.

export interface PartSpec {
  name: string;
  /** File on disk, or literal bytes. */
  file?: string;
  bytes?: Buffer;
  field?: string;
  type?: string;
}

export interface MultipartBody {
  contentType: string;
  /** Node stream of the body. */
  stream: Readable;
  /** Bytes handed to the reader so far. */
  sent(): number;
}

export function multipart(
  parts: PartSpec[],
  opts: { failAfterBytes?: number; onBytes?: (sent: number) => void } = {},
): MultipartBody {
  const boundary = `----vso-test-${Math.random().toString(16).slice(2)}`;
  let sent = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const p of parts) {
      // Names with control characters go RFC 5987-encoded (filename*), as raw bytes would break the header.
      const filename = /[\u0000-\u001f\u007f]/.test(p.name)
        ? `filename*=utf-8''${encodeURIComponent(p.name)}`
        : `filename="${p.name.replace(/"/g, "%22")}"`;
      const disposition = `form-data; name="${p.field ?? "files"}"; ${filename}`;
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`,
        "utf8",
      );
      if (p.bytes) yield p.bytes;
      else if (p.file)
        for await (const chunk of fs.createReadStream(p.file, { highWaterMark: 16 * 1024 }))
          yield chunk as Buffer;
      yield Buffer.from("\r\n");
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  async function* metered(): AsyncGenerator<Buffer> {
    for await (const chunk of generate()) {
      if (opts.failAfterBytes !== undefined && sent + chunk.length > opts.failAfterBytes) {
        const head = chunk.subarray(0, opts.failAfterBytes - sent);
        sent += head.length;
        if (head.length) yield head;
        throw Object.assign(new Error("client disconnected"), { code: "ECONNRESET" });
      }
      sent += chunk.length;
      opts.onBytes?.(sent);
      yield chunk;
    }
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    stream: Readable.from(metered(), { objectMode: false }),
    sent: () => sent,
  };
}

/** The same body as a web stream, for `new Request(url, { body, duplex: "half" })`. */
export function webBody(body: MultipartBody): ReadableStream<Uint8Array> {
  return Readable.toWeb(body.stream) as unknown as ReadableStream<Uint8Array>;
}
