import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchModel, GGML_MAGIC } from "./fetch-model";
import { startTestServer, type TestServer } from "@/tests/support/engine/test-http-server";

// A fake 64 KiB "model" that starts with the ggml magic, served with and without Range
// support, truncated, or as something that is not a model at all.
const MODEL = Buffer.concat([GGML_MAGIC, crypto.randomBytes(64 * 1024 - 4)]);
const SHA = crypto.createHash("sha256").update(MODEL).digest("hex");
let server: TestServer;
const hits: { url: string; range?: string }[] = [];

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    hits.push({ url: req.url ?? "", range: req.headers.range });
    const url = req.url ?? "";
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? "");
    if (url.startsWith("/ranged/") && range) {
      const from = Number(range[1]);
      if (from >= MODEL.length) return void res.writeHead(416).end();
      res.writeHead(206, {
        "content-length": MODEL.length - from,
        "content-range": `bytes ${from}-${MODEL.length - 1}/${MODEL.length}`,
      });
      return void res.end(MODEL.subarray(from));
    }
    if (url.startsWith("/ranged/") || url.startsWith("/plain/")) {
      res.writeHead(200, { "content-length": MODEL.length });
      // Two writes, so progress is reported more than once.
      res.write(MODEL.subarray(0, 32 * 1024));
      return void setTimeout(() => res.end(MODEL.subarray(32 * 1024)), 20);
    }
    if (url.startsWith("/truncated/")) {
      res.writeHead(200, { "content-length": MODEL.length });
      res.write(MODEL.subarray(0, 1000));
      return void setTimeout(() => res.destroy(), 20);
    }
    if (url.startsWith("/stall/")) {
      res.writeHead(200, { "content-length": MODEL.length });
      return void res.write(MODEL.subarray(0, 1000)); // then nothing, never ending
    }
    if (url.startsWith("/hang/")) return; // accepts the connection, never answers
    if (url.startsWith("/slowbody/")) {
      res.writeHead(200, { "content-length": MODEL.length });
      res.write(MODEL.subarray(0, 1000));
      return void setTimeout(() => res.end(MODEL.subarray(1000)), 600);
    }
    if (url.startsWith("/html/"))
      return void res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-model-"));

describe("fetchModel", () => {
  it("downloads once with progress, verifies, and renames into place", async () => {
    const dest = path.join(tmp(), "ggml-tiny.bin");
    const progress: (number | null)[] = [];
    await fetchModel({
      url: `${server.url}/plain/ggml-tiny.bin`,
      dest,
      sha256: SHA,
      expectGgml: true,
      onProgress: (p) => progress.push(p.ratio),
    });
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
    expect(fs.existsSync(`${dest}.part`)).toBe(false);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    // Second call: already there, no request.
    const before = hits.length;
    await fetchModel({ url: `${server.url}/plain/ggml-tiny.bin`, dest });
    expect(hits.length).toBe(before);
  });

  it("resumes a partial download with a Range request", async () => {
    const dest = path.join(tmp(), "m.bin");
    fs.writeFileSync(`${dest}.part`, MODEL.subarray(0, 10_000));
    hits.length = 0;
    await fetchModel({ url: `${server.url}/ranged/m.bin`, dest, sha256: SHA, expectGgml: true });
    expect(hits[0].range).toBe("bytes=10000-");
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
  });

  it("starts over when the server ignores the Range header", async () => {
    const dest = path.join(tmp(), "m.bin");
    fs.writeFileSync(`${dest}.part`, Buffer.from("stale bytes"));
    await fetchModel({ url: `${server.url}/plain/m.bin`, dest, sha256: SHA });
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
  });

  it("shares one download between concurrent callers", async () => {
    const dest = path.join(tmp(), "m.bin");
    hits.length = 0;
    const [a, b] = await Promise.all([
      fetchModel({ url: `${server.url}/plain/m.bin`, dest }),
      fetchModel({ url: `${server.url}/plain/m.bin`, dest }),
    ]);
    expect(a).toBe(dest);
    expect(b).toBe(dest);
    expect(hits.length).toBe(1);
  });

  it("deletes a file whose checksum does not match and says so", async () => {
    const dest = path.join(tmp(), "m.bin");
    await expect(
      fetchModel({ url: `${server.url}/plain/m.bin`, dest, sha256: "0".repeat(64) }),
    ).rejects.toThrow(/checksum does not match/);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.existsSync(`${dest}.part`)).toBe(false);
  });

  it("refuses a page that is not a ggml model", async () => {
    const dest = path.join(tmp(), "m.bin");
    await expect(
      fetchModel({ url: `${server.url}/html/m.bin`, dest, expectGgml: true }),
    ).rejects.toThrow(/not a whisper\.cpp ggml model/);
    expect(fs.existsSync(dest)).toBe(false);
  });

  it("keeps the partial file after a dropped connection, then resumes to a whole model", async () => {
    const dir = tmp();
    const dest = path.join(dir, "m.bin");
    await expect(fetchModel({ url: `${server.url}/truncated/m.bin`, dest })).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(fs.existsSync(dest)).toBe(false);
    const partial = fs.statSync(`${dest}.part`).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(MODEL.length);
    await fetchModel({ url: `${server.url}/ranged/m.bin`, dest, sha256: SHA });
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
  });

  it("gives up on a stalled connection and keeps what arrived", async () => {
    const dest = path.join(tmp(), "m.bin");
    await expect(
      fetchModel({ url: `${server.url}/stall/m.bin`, dest, idleTimeoutMs: 200 }),
    ).rejects.toMatchObject({ code: "unavailable" });
    expect(fs.statSync(`${dest}.part`).size).toBe(1000);
  });

  it("gives up when the server does not answer within the connect timeout, without waiting for the idle one", async () => {
    const dest = path.join(tmp(), "m.bin");
    await expect(
      fetchModel({
        url: `${server.url}/hang/m.bin`,
        dest,
        connectTimeoutMs: 150,
        idleTimeoutMs: 600_000,
      }),
    ).rejects.toThrow(/may be offline/);
  });

  it("the connect timeout does not cut a download that has started", async () => {
    const dest = path.join(tmp(), "ggml-tiny.bin");
    // /slowbody/ answers at once, then pauses longer than the connect limit mid-body.
    await fetchModel({
      url: `${server.url}/slowbody/ggml-tiny.bin`,
      dest,
      sha256: SHA,
      connectTimeoutMs: 300,
    });
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
  });

  it.each([
    ["a 404", () => `${server.url}/missing/m.bin`, /HTTP 404/],
    ["an offline machine", () => "http://127.0.0.1:9/m.bin", /may be offline.*WHISPER_MODEL/],
  ])("explains %s", async (_name, url, message) => {
    await expect(fetchModel({ url: url(), dest: path.join(tmp(), "m.bin") })).rejects.toThrow(
      message,
    );
  });
});
