import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalPath,
  canonicalQuery,
  EMPTY_SHA256,
  presignV4,
  signingKey,
  signV4,
  uriEncode,
} from "./sigv4";

// AWS's published examples: the SigV4 test suite (service "service", 2015-08-30) and the
// S3 API reference's "Signature Calculations for the Authorization Header" (examplebucket,
// 2013-05-24). A signer that passes these signs what S3 verifies.

const suite = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const s3docs = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const suiteAt = new Date("2015-08-30T12:36:00Z");
const s3At = new Date("2013-05-24T00:00:00Z");
const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const signatureOf = (h: Record<string, string>) => h.authorization.split("Signature=")[1];

describe("signV4 against AWS's published vectors", () => {
  it.each([
    [
      "get-vanilla",
      "GET",
      "https://example.amazonaws.com/",
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    ],
    [
      "get-vanilla-query-order-key-case",
      "GET",
      "https://example.amazonaws.com/?Param2=value2&Param1=value1",
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    ],
    [
      "post-vanilla",
      "POST",
      "https://example.amazonaws.com/",
      "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
    ],
  ])("test suite %s", (_name, method, url, signature) => {
    const h = signV4({
      method,
      url: new URL(url),
      payloadHash: EMPTY_SHA256,
      region: "us-east-1",
      service: "service",
      credentials: suite,
      now: suiteAt,
    });
    expect(h["x-amz-date"]).toBe("20150830T123600Z");
    expect(h.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    );
  });

  it("S3 GET Object with a Range header", () => {
    const h = signV4({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_SHA256,
      region: "us-east-1",
      credentials: s3docs,
      now: s3At,
    });
    expect(h.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(h["x-amz-content-sha256"]).toBe(EMPTY_SHA256);
  });

  it("S3 PUT Object with a signed body, a Date header and a key that needs encoding", () => {
    const body = sha("Welcome to Amazon S3.");
    expect(body).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const h = signV4({
      method: "PUT",
      url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
      headers: {
        Date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
      },
      payloadHash: body,
      region: "us-east-1",
      credentials: s3docs,
      now: s3At,
    });
    expect(h.authorization).toContain(
      "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,",
    );
    expect(signatureOf(h)).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it.each([
    [
      "GET Bucket Lifecycle (a query name without a value)",
      "https://examplebucket.s3.amazonaws.com/?lifecycle",
      "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
    ],
    [
      "GET Bucket (List Objects)",
      "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J",
      "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
    ],
  ])("S3 %s", (_name, url, signature) => {
    const h = signV4({
      method: "GET",
      url: new URL(url),
      payloadHash: EMPTY_SHA256,
      region: "us-east-1",
      credentials: s3docs,
      now: s3At,
    });
    expect(signatureOf(h)).toBe(signature);
  });

  it("S3 presigned GET Object URL", () => {
    const url = presignV4({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      region: "us-east-1",
      credentials: s3docs,
      now: s3At,
      expiresInSeconds: 86400,
    });
    expect(url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  it("derives the documented signing key", () => {
    expect(
      signingKey(
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "20120215",
        "us-east-1",
        "iam",
      ).toString("hex"),
    ).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });
});

describe("encoding", () => {
  it.each([
    ["a b/c", false, "a%20b/c"],
    ["a b/c", true, "a%20b%2Fc"],
    ["ü$+*~._-", true, "%C3%BC%24%2B%2A~._-"],
  ])("uriEncode(%s, slash encoded: %s)", (text, slash, expected) => {
    expect(uriEncode(text, slash)).toBe(expected);
  });

  it("encodes a key once, whether or not the URL already escaped it", () => {
    expect(canonicalPath(new URL("http://h/b/a b/ü.mp4"))).toBe("/b/a%20b/%C3%BC.mp4");
    expect(canonicalPath(new URL("http://h/b/a%20b/%C3%BC.mp4"))).toBe("/b/a%20b/%C3%BC.mp4");
  });

  it("sorts query parameters by encoded name and gives empty values an =", () => {
    expect(canonicalQuery(new URL("http://h/?prefix=a b&list-type=2&delimiter"))).toBe(
      "delimiter=&list-type=2&prefix=a%20b",
    );
  });
});
