import crypto from "node:crypto";

// AWS Signature Version 4 for S3-compatible storage (AWS, MinIO, R2, B2...): a pure
// function from a request to the headers that authenticate it. Object keys are encoded
// once, the S3 way (other AWS services encode the path twice; we only talk to S3).
// Checked against AWS's published example signatures in sigv4.test.ts.

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign and send (besides host, x-amz-date and, for s3, x-amz-content-sha256). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body, or "UNSIGNED-PAYLOAD". */
  payloadHash: string;
  region: string;
  service?: string;
  credentials: SigV4Credentials;
  now: Date;
}

const sha256 = (data: string) => crypto.createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: crypto.BinaryLike, data: string) =>
  crypto.createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function uriEncode(text: string, encodeSlash: boolean): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch) || (ch === "/" && !encodeSlash)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export function canonicalPath(url: URL): string {
  return uriEncode(decodeURIComponent(url.pathname), false) || "/";
}

export function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([k, v]) => [uriEncode(k, true), uriEncode(v, true)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), "aws4_request");
}

/** The headers to send: the input's, plus x-amz-date, x-amz-content-sha256 (s3) and authorization. */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? "s3";
  const stamp = amzDate(input.now);
  const day = stamp.slice(0, 8);
  const send: Record<string, string> = { ...input.headers, "x-amz-date": stamp };
  if (service === "s3") send["x-amz-content-sha256"] = input.payloadHash;
  const signed: Record<string, string> = { host: input.url.host };
  for (const [k, v] of Object.entries(send))
    signed[k.toLowerCase()] = v.trim().replace(/\s+/g, " ");
  const names = Object.keys(signed).sort();
  const canonical = [
    input.method.toUpperCase(),
    canonicalPath(input.url),
    canonicalQuery(input.url),
    names.map((n) => `${n}:${signed[n]}\n`).join(""),
    names.join(";"),
    input.payloadHash,
  ].join("\n");
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256(canonical)].join("\n");
  const signature = hmac(
    signingKey(input.credentials.secretAccessKey, day, input.region, service),
    toSign,
  ).toString("hex");
  send.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return send;
}

export interface PresignInput {
  method: string;
  url: URL;
  region: string;
  credentials: SigV4Credentials;
  now: Date;
  expiresInSeconds: number;
}

/** A URL anyone can use until it expires (query-string SigV4, host signed, payload unsigned). */
export function presignV4(input: PresignInput): string {
  const stamp = amzDate(input.now);
  const scope = `${stamp.slice(0, 8)}/${input.region}/s3/aws4_request`;
  const url = new URL(input.url);
  url.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  url.searchParams.set("X-Amz-Credential", `${input.credentials.accessKeyId}/${scope}`);
  url.searchParams.set("X-Amz-Date", stamp);
  url.searchParams.set("X-Amz-Expires", String(input.expiresInSeconds));
  url.searchParams.set("X-Amz-SignedHeaders", "host");
  const canonical = [
    input.method.toUpperCase(),
    canonicalPath(url),
    canonicalQuery(url),
    `host:${url.host}\n`,
    "host",
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256(canonical)].join("\n");
  const signature = hmac(
    signingKey(input.credentials.secretAccessKey, stamp.slice(0, 8), input.region, "s3"),
    toSign,
  ).toString("hex");
  // Rebuild the query with SigV4's own encoding, so what is sent is exactly what was signed.
  return `${url.origin}${canonicalPath(url)}?${canonicalQuery(url)}&X-Amz-Signature=${signature}`;
}
