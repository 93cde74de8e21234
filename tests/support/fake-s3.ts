import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// Test support: a small S3 on 127.0.0.1 (path-style: /<bucket>/<key>) keeping objects in
// memory. It checks every request's SigV4 signature the way S3 does, from the bytes on
// the wire, with its own code (not lib/engine/storage/sigv4.ts), and the body against
// x-amz-content-sha256. Supports PUT, GET (with Range), HEAD, DELETE and ListObjectsV2
// (paged by `pageSize`, to exercise continuation tokens).

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, Buffer>;
  /** "METHOD /path?query -> status", in order. */
  log: string[];
  close(): Promise<void>;
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const hex = (b: crypto.BinaryLike) => crypto.createHash("sha256").update(b).digest("hex");
const mac = (k: crypto.BinaryLike, d: string) => crypto.createHmac("sha256", k).update(d).digest();

function expectedSignature(
  req: http.IncomingMessage,
  auth: { scope: string; signed: string[]; date: string; payload: string },
  secret: string,
): string {
  const [rawPath, rawQueryWithSig = ""] = (req.url ?? "/").split("?");
  const rawQuery = rawQueryWithSig
    .split("&")
    .filter((p) => !p.startsWith("X-Amz-Signature="))
    .join("&");
  const canonicalUri = rawPath
    .split("/")
    .map((seg) => enc(decodeURIComponent(seg)))
    .join("/");
  const canonicalQuery = rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf("=");
      const [k, v] = i < 0 ? [pair, ""] : [pair.slice(0, i), pair.slice(i + 1)];
      return `${enc(decodeURIComponent(k))}=${enc(decodeURIComponent(v))}`;
    })
    .sort()
    .join("&");
  const values = new Map<string, string[]>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    values.set(name, [
      ...(values.get(name) ?? []),
      req.rawHeaders[i + 1].trim().replace(/\s+/g, " "),
    ]);
  }
  const canonicalHeaders = auth.signed
    .map((h) => `${h}:${(values.get(h) ?? []).join(",")}\n`)
    .join("");
  const creq = [
    req.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    auth.signed.join(";"),
    auth.payload,
  ].join("\n");
  const [day, region, service] = auth.scope.split("/");
  const sts = ["AWS4-HMAC-SHA256", auth.date, auth.scope, hex(creq)].join("\n");
  const key = mac(mac(mac(mac(`AWS4${secret}`, day), region), service), "aws4_request");
  return crypto.createHmac("sha256", key).update(sts).digest("hex");
}

function xmlError(res: http.ServerResponse, status: number, code: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
  );
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The settings (see .env.example) that point the app's export storage at `s3`. */
export function s3Env(s3: FakeS3): Record<string, string> {
  return {
    STORAGE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}

export async function startFakeS3(opts: { pageSize?: number } = {}): Promise<FakeS3> {
  const bucket = "vso-test";
  const region = "eu-test-1";
  const accessKeyId = "AKIATESTFAKE";
  const secretAccessKey = "fake/secret+key";
  const objects = new Map<string, Buffer>();
  const log: string[] = [];

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const status = () => res.statusCode;
    res.on("finish", () => log.push(`${req.method} ${req.url} -> ${status()}`));

    const q = new URL(req.url ?? "/", "http://x").searchParams;
    let auth: {
      id: string;
      scope: string;
      signed: string[];
      signature: string;
      date: string;
      payload: string;
    };
    if (q.has("X-Amz-Signature")) {
      // A presigned URL: everything is in the query, and it expires.
      const [id, ...scopeParts] = (q.get("X-Amz-Credential") ?? "").split("/");
      const date = q.get("X-Amz-Date") ?? "";
      const t = Date.UTC(
        +date.slice(0, 4),
        +date.slice(4, 6) - 1,
        +date.slice(6, 8),
        +date.slice(9, 11),
        +date.slice(11, 13),
        +date.slice(13, 15),
      );
      if (!(Date.now() <= t + Number(q.get("X-Amz-Expires")) * 1000))
        return xmlError(res, 403, "AccessDenied");
      auth = {
        id,
        scope: scopeParts.join("/"),
        signed: (q.get("X-Amz-SignedHeaders") ?? "").split(";"),
        signature: q.get("X-Amz-Signature") ?? "",
        date,
        payload: "UNSIGNED-PAYLOAD",
      };
    } else {
      const m =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
          String(req.headers.authorization ?? ""),
        );
      if (!m) return xmlError(res, 403, "AccessDenied");
      const signed = m[3].split(";");
      if (!signed.includes("x-amz-date") || !signed.includes("x-amz-content-sha256"))
        return xmlError(res, 400, "AuthorizationHeaderMalformed");
      auth = {
        id: m[1],
        scope: m[2],
        signed,
        signature: m[4],
        date: String(req.headers["x-amz-date"]),
        payload: String(req.headers["x-amz-content-sha256"]),
      };
    }
    if (auth.id !== accessKeyId) return xmlError(res, 403, "InvalidAccessKeyId");
    if (!auth.scope.endsWith(`/${region}/s3/aws4_request`) || !auth.signed.includes("host"))
      return xmlError(res, 400, "AuthorizationHeaderMalformed");
    if (expectedSignature(req, auth, secretAccessKey) !== auth.signature)
      return xmlError(res, 403, "SignatureDoesNotMatch");
    const claimed = auth.payload;
    if (claimed !== "UNSIGNED-PAYLOAD" && claimed !== hex(body))
      return xmlError(res, 400, "XAmzContentSHA256Mismatch");

    const url = new URL(req.url ?? "/", "http://x");
    const [, b, ...rest] = url.pathname.split("/");
    if (decodeURIComponent(b) !== bucket) return xmlError(res, 404, "NoSuchBucket");
    const key = rest.map(decodeURIComponent).join("/");

    if (!key && req.method === "GET" && url.searchParams.get("list-type") === "2") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const after = url.searchParams.get("continuation-token") ?? "";
      const all = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
      const page = all.slice(0, opts.pageSize ?? 1000);
      const more = all.length > page.length;
      res.writeHead(200, { "content-type": "application/xml" });
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><KeyCount>${page.length}</KeyCount><IsTruncated>${more}</IsTruncated>` +
          page
            .map(
              (k) =>
                `<Contents><Key>${escapeXml(k)}</Key><Size>${objects.get(k)!.length}</Size></Contents>`,
            )
            .join("") +
          (more
            ? `<NextContinuationToken>${escapeXml(page.at(-1)!)}</NextContinuationToken>`
            : "") +
          "</ListBucketResult>",
      );
    }
    if (!key) return xmlError(res, 400, "InvalidRequest");
    if (req.method === "PUT") {
      if (Number(req.headers["content-length"]) !== body.length)
        return xmlError(res, 400, "IncompleteBody");
      objects.set(key, body);
      res.writeHead(200, { etag: `"${hex(body).slice(0, 32)}"` });
      return res.end();
    }
    if (req.method === "DELETE") {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    const obj = objects.get(key);
    if (!obj)
      return req.method === "HEAD"
        ? (res.writeHead(404), res.end())
        : xmlError(res, 404, "NoSuchKey");
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ""));
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : obj.length - 1, obj.length - 1);
      if (start >= obj.length) {
        res.writeHead(416, { "content-range": `bytes */${obj.length}` });
        return res.end();
      }
      res.writeHead(206, {
        "content-length": end - start + 1,
        "content-range": `bytes ${start}-${end}/${obj.length}`,
      });
      return res.end(req.method === "HEAD" ? undefined : obj.subarray(start, end + 1));
    }
    const extra: Record<string, string> = {};
    if (q.get("response-content-disposition"))
      extra["content-disposition"] = q.get("response-content-disposition")!;
    if (q.get("response-content-type")) extra["content-type"] = q.get("response-content-type")!;
    res.writeHead(200, { "content-length": obj.length, ...extra });
    res.end(req.method === "HEAD" ? undefined : obj);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    log,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
