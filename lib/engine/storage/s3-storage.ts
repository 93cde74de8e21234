import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { EMPTY_SHA256, presignV4, signV4, uriEncode, type SigV4Credentials } from "./sigv4";
import { checkKey, checkRange, notStored, type ByteRange, type Storage } from "./storage";

// S3-compatible object storage (AWS S3, MinIO, R2, B2...) over plain HTTP requests
// signed with SigV4, path-style (<endpoint>/<bucket>/<key>) so any endpoint works.
// Bodies stream both ways; uploads carry their SHA-256 so storage refuses a corrupted
// body. localPath() keeps a download cache for the tools that need a file (ffmpeg).

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: SigV4Credentials;
  /** Local copies for localPath(). */
  cacheDir: string;
  /** For tests: the clock used to sign. */
  now?: () => Date;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

export function createS3Storage(s: S3Settings): Storage {
  const base = new URL(s.endpoint.replace(/\/+$/, ""));
  const urlOf = (key: string, query = "") =>
    new URL(
      `${base.pathname.replace(/\/$/, "")}/${uriEncode(s.bucket, true)}/${uriEncode(checkKey(key), false)}${query}`,
      base,
    );
  const bucketUrl = (query: string) =>
    new URL(`${base.pathname.replace(/\/$/, "")}/${uriEncode(s.bucket, true)}${query}`, base);

  function send(
    method: string,
    url: URL,
    opts: { headers?: Record<string, string>; payloadHash?: string; body?: Readable } = {},
  ): Promise<Reply> {
    const headers = signV4({
      method,
      url,
      headers: opts.headers,
      payloadHash: opts.payloadHash ?? EMPTY_SHA256,
      region: s.region,
      credentials: s.credentials,
      now: s.now?.() ?? new Date(),
    });
    const lib = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers }, (res) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      req.on("error", (err) =>
        reject(
          new AppError(
            "unavailable",
            "The file storage could not be reached. Please try again in a minute.",
            { cause: err, retryAfter: 30 },
          ),
        ),
      );
      if (opts.body) {
        opts.body.on("error", (err) => req.destroy(err));
        opts.body.pipe(req);
      } else req.end();
    });
  }

  async function text(reply: Reply): Promise<string> {
    let out = "";
    for await (const chunk of reply.body) out += chunk;
    return out;
  }

  /** S3 answers errors as XML; the code goes to the log, the user reads a sentence. */
  async function failure(reply: Reply, what: string): Promise<AppError> {
    const body = reply.body.readable ? await text(reply).catch(() => "") : "";
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? `HTTP ${reply.status}`;
    return new AppError(
      "upstream",
      `The file storage refused to ${what} (${code}). Check the S3 settings, then try again.`,
      { details: { status: reply.status, code } },
    );
  }

  async function putStream(
    key: string,
    stream: Readable,
    size: number,
    contentType?: string,
    payloadHash = "UNSIGNED-PAYLOAD",
  ): Promise<void> {
    const headers: Record<string, string> = { "content-length": String(size) };
    if (contentType) headers["content-type"] = contentType;
    const reply = await send("PUT", urlOf(key), { headers, payloadHash, body: stream });
    if (reply.status !== 200) throw await failure(reply, `store ${key.split("/").pop()}`);
    reply.body.resume();
  }

  async function stat(key: string) {
    const reply = await send("HEAD", urlOf(key));
    reply.body.resume();
    if (reply.status === 404) return null;
    if (reply.status !== 200) throw await failure(reply, "look up a file");
    return { size: Number(reply.headers["content-length"] ?? 0) };
  }

  async function read(key: string, range?: ByteRange) {
    const reply = await send(
      "GET",
      urlOf(key),
      range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {},
    );
    if (reply.status === 404) {
      reply.body.resume();
      throw notStored(key);
    }
    if (reply.status === 416) {
      const size = Number(/\/(\d+)$/.exec(String(reply.headers["content-range"] ?? ""))?.[1] ?? 0);
      reply.body.resume();
      checkRange(range, size);
    }
    if (reply.status !== 200 && reply.status !== 206) throw await failure(reply, "read a file");
    const length = Number(reply.headers["content-length"] ?? 0);
    const total =
      reply.status === 206
        ? Number(/\/(\d+)$/.exec(String(reply.headers["content-range"] ?? ""))?.[1] ?? length)
        : length;
    return { stream: reply.body.pipe(new PassThrough()), size: total, length };
  }

  async function del(key: string): Promise<void> {
    const reply = await send("DELETE", urlOf(key));
    reply.body.resume();
    if (reply.status !== 204 && reply.status !== 200 && reply.status !== 404)
      throw await failure(reply, "delete a file");
  }

  return {
    kind: "s3",
    async putFile(key, file, contentType) {
      // Hash first: the signature then covers the body, and S3 rejects a body that changed.
      const hash = crypto.createHash("sha256");
      await pipeline(fs.createReadStream(file), hash);
      const { size } = await fs.promises.stat(file);
      await putStream(key, fs.createReadStream(file), size, contentType, hash.digest("hex"));
    },
    putStream: (key, stream, size, contentType) => putStream(key, stream, size, contentType),
    async localPath(key) {
      const remote = await stat(key);
      if (!remote) throw notStored(key);
      const local = path.join(s.cacheDir, checkKey(key));
      const cached = await fs.promises.stat(local).catch(() => null);
      if (cached?.size === remote.size) return local;
      await fs.promises.mkdir(path.dirname(local), { recursive: true });
      const tmp = `${local}.${process.pid}.${Date.now()}.part`;
      try {
        const { stream } = await read(key);
        await pipeline(stream, fs.createWriteStream(tmp));
        await fs.promises.rename(tmp, local);
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
      return local;
    },
    read,
    stat,
    delete: del,
    async downloadUrl(key, opts) {
      const url = urlOf(key);
      const ascii = opts.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      url.searchParams.set(
        "response-content-disposition",
        `${opts.inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(opts.filename)}`,
      );
      url.searchParams.set("response-content-type", opts.contentType);
      return presignV4({
        method: "GET",
        url,
        region: s.region,
        credentials: s.credentials,
        now: s.now?.() ?? new Date(),
        expiresInSeconds: opts.expiresInSeconds ?? 3600,
      });
    },
    async deletePrefix(prefix) {
      let token: string | null = null;
      do {
        const query: string = `?list-type=2&prefix=${uriEncode(prefix, true)}${token ? `&continuation-token=${uriEncode(token, true)}` : ""}`;
        const reply = await send("GET", bucketUrl(query));
        if (reply.status !== 200) throw await failure(reply, "list files");
        const xml = await text(reply);
        for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) await del(unescapeXml(m[1]));
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
          ? unescapeXml(/<NextContinuationToken>([^<]*)</.exec(xml)?.[1] ?? "") || null
          : null;
      } while (token);
    },
  };
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    return String.fromCodePoint(
      e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
    );
  });
}
