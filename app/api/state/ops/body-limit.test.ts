import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";

// Oversized JSON bodies (issue 14, finding 4): before the cap, a route read the whole
// body into memory (req.text()) whatever its size, then validated it.
useTestServer();
let connect: typeof import("../../session/route").POST;
let ops: typeof import("./route").POST;
let upload: typeof import("../../upload/route").POST;

beforeAll(async () => {
  connect = (await import("../../session/route")).POST;
  ops = (await import("./route")).POST;
  upload = (await import("../../upload/route")).POST;
});

async function visitor(): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
  return jar;
}

const big = JSON.stringify({
  ops: Array.from({ length: 40_000 }, () => ({ op: "add_clips", mediaIds: ["med_x"] })),
});

/** A body with no Content-Length: sent in chunks, as a slow or lying client would. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, (at += 16 * 1024)));
    },
  });
}

describe("JSON body cap", () => {
  it("refuses a body announced over 64 KB with 413 and a sentence", async () => {
    const jar = await visitor();
    const res = await ops(
      jar.request("/api/state/ops", {
        method: "POST",
        body: big,
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(
      /larger than 64 KB.*Send a shorter message or fewer items/,
    );
  });

  it("refuses a chunked body once it passes 64 KB, whatever it announced", async () => {
    const jar = await visitor();
    const req = jar.request("/api/state/ops", {
      method: "POST",
      body: chunked(big),
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const res = await ops(req, noParams);
    expect(res.status).toBe(413);
  });

  it("refuses an oversized link list on the upload route too", async () => {
    const jar = await visitor();
    const body = JSON.stringify({
      urls: Array.from({ length: 5000 }, (_, i) => `https://example.com/${"x".repeat(20)}${i}.mp4`),
    });
    const res = await upload(
      jar.request("/api/upload", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect(res.status).toBe(413);
  });
});
