import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipart, webBody, type PartSpec } from "@/tests/support/engine/test-multipart";
import { makeClip, makeImage, probe } from "@/tests/support/make-media";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";

const { dataDir } = useTestServer({
  MAX_UPLOAD_MB: "1",
  ALLOW_PRIVATE_URL_IMPORTS: "true",
  TOKEN_RATE_LIMIT: "1000",
});
let upload: typeof import("./route").POST;
let connect: typeof import("../session/route").POST;
let listMedia: typeof import("../media/route").GET;
let deleteMedia: typeof import("../media/[id]/route").DELETE;
let mediaFile: typeof import("../media/[id]/[variant]/route");
let engine: import("@/lib/engine/create-engine").Engine;
let server: http.Server;
let port = 0;

beforeAll(async () => {
  upload = (await import("./route")).POST;
  connect = (await import("../session/route")).POST;
  listMedia = (await import("../media/route")).GET;
  deleteMedia = (await import("../media/[id]/route")).DELETE;
  mediaFile = await import("../media/[id]/[variant]/route");
  engine = (await import("@/lib/server/engine")).getEngine();
  const clip = fs.readFileSync(makeClip({ seconds: 1 }));
  server = http.createServer((req, res) => {
    if (req.url === "/clip.mp4") res.writeHead(200, { "content-type": "video/mp4" }).end(clip);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await engine.media.idle();
  await new Promise((r) => server.close(r));
});

async function visitor(): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
  return jar;
}

function sendFiles(
  jar: CookieJar,
  parts: PartSpec[],
  opts: { failAfterBytes?: number; signal?: AbortSignal; onBytes?: (n: number) => void } = {},
): Request {
  const body = multipart(parts, opts);
  return jar.request("/api/upload", {
    method: "POST",
    body: webBody(body),
    headers: { "content-type": body.contentType },
    signal: opts.signal,
    duplex: "half",
  } as RequestInit);
}

const media = (
  jar: CookieJar,
  id: string,
  variant: string,
  headers: Record<string, string> = {},
  method = "GET",
) =>
  (method === "HEAD" ? mediaFile.HEAD : mediaFile.GET)(
    jar.request(`/api/media/${id}/${variant}`, { method, headers }),
    withParams({ id, variant }),
  );

const sessionDirs = () => {
  const root = path.join(dataDir, "media");
  return fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .flatMap((s) => fs.readdirSync(path.join(root, s)).map((m) => `${s}/${m}`))
    : [];
};

describe("POST /api/upload (multipart)", () => {
  it("stores two dropped files and serves their variants with Range", async () => {
    const jar = await visitor();
    const res = await upload(
      sendFiles(jar, [
        { name: "intro.mp4", file: makeClip() },
        { name: "logo.png", file: makeImage("png") },
      ]),
      noParams,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.failed).toEqual([]);
    expect(body.files).toHaveLength(2);
    const [clip, image] = body.files;
    expect(clip).toMatchObject({
      kind: "video",
      name: "intro.mp4",
      width: 320,
      height: 240,
      fps: 25,
      hasAudio: true,
      url: `/api/media/${clip.id}/play`,
      proxy: "none",
    });
    // Checked before the answer; the poster, filmstrip and waveform follow in the background.
    expect(clip).toMatchObject({
      posterUrl: null,
      filmstripUrl: null,
      peaksUrl: null,
      previews: "pending",
    });
    expect(clip.duration).toBeCloseTo(2, 1);
    expect(clip.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(image).toMatchObject({ kind: "image", duration: 0, width: 320, height: 240 });

    // An image's thumbnail is made before the answer.
    expect(image).toMatchObject({ posterUrl: `/api/media/${image.id}/poster`, previews: "ready" });

    await engine.media.settled(clip.id);
    const listed = await (await listMedia(jar.request("/api/media"), noParams)).json();
    expect(listed.files.map((f: { id: string }) => f.id)).toEqual([clip.id, image.id]);
    expect(listed.files[0]).toMatchObject({
      posterUrl: `/api/media/${clip.id}/poster`,
      filmstripUrl: `/api/media/${clip.id}/filmstrip`,
      peaksUrl: `/api/media/${clip.id}/peaks`,
      previews: "ready",
    });

    const play = await media(jar, clip.id, "play", { range: "bytes=0-99" });
    expect(play.status).toBe(206);
    expect(play.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    expect(play.headers.get("content-type")).toBe("video/mp4");
    expect((await play.arrayBuffer()).byteLength).toBe(100);

    const head = await media(jar, clip.id, "source", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(fs.statSync(makeClip()).size);
    expect(head.headers.get("accept-ranges")).toBe("bytes");

    const poster = await media(jar, clip.id, "poster");
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect(poster.headers.get("cache-control")).toMatch(/immutable/);
    const posterFile = path.join(dataDir, "poster-check.jpg");
    fs.writeFileSync(posterFile, Buffer.from(await poster.arrayBuffer()));
    expect(probe(posterFile).width).toBe(320);

    await engine.media.settled(clip.id);
    const peaks = await (await media(jar, clip.id, "peaks")).json();
    expect(peaks.rate).toBe(100);
    expect((await media(jar, clip.id, "filmstrip")).status).toBe(200);
    expect((await media(jar, clip.id, "nonsense")).status).toBe(404);
  });

  it.each([
    [
      "a program renamed .mp4",
      { name: "movie.mp4", bytes: fs.readFileSync("/bin/true") },
      415,
      4001,
      /isn't supported\. Supported files/,
    ],
    ["a zero-byte file", { name: "empty.mov", bytes: Buffer.alloc(0) }, 415, 4001, /empty/],
    [
      "a file over MAX_UPLOAD_MB",
      { name: "big.mp4", bytes: Buffer.alloc(3 * 1024 * 1024, 7) },
      413,
      4002,
      /larger than the 1 MB limit/,
    ],
    [
      "a name with a path",
      { name: "../../x.mp4", file: makeClip() },
      400,
      "bad_request",
      /folder separator/,
    ],
  ])("answers %s with its status and sentence", async (_label, spec, status, code, message) => {
    const jar = await visitor();
    const before = sessionDirs();
    const res = await upload(sendFiles(jar, [spec as PartSpec]), noParams);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(sessionDirs()).toEqual(before);
  });

  it("keeps the good files of a mixed batch and lists the refused ones", async () => {
    const jar = await visitor();
    const res = await upload(
      sendFiles(jar, [
        { name: "a.mp4", file: makeClip() },
        { name: "b.mp4", bytes: Buffer.from("not a video") },
      ]),
      noParams,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.files.map((f: { name: string }) => f.name)).toEqual(["a.mp4"]);
    expect(body.failed).toEqual([
      { name: "b.mp4", code: 4001, message: expect.stringMatching(/isn't supported/) },
    ]);
  });

  it("leaves nothing behind when the client disconnects midway", async () => {
    const jar = await visitor();
    const before = sessionDirs();
    const res = await upload(
      sendFiles(jar, [{ name: "a.mp4", file: makeClip({ seconds: 3, name: "route-3s.mp4" }) }], {
        failAfterBytes: 60_000,
      }),
      noParams,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await res.json()).error.message).toMatch(/interrupted/);
    expect(sessionDirs()).toEqual(before);

    // The browser tab closes (request signal aborts) while the file is half sent.
    const ctl = new AbortController();
    let abortedAt = 0;
    const onBytes = (n: number) => {
      if (n > 60_000 && !ctl.signal.aborted) {
        abortedAt = n;
        ctl.abort();
      }
    };
    const req = sendFiles(
      jar,
      [{ name: "b.mp4", file: makeClip({ seconds: 3, name: "route-3s.mp4" }) }],
      { signal: ctl.signal, onBytes },
    );
    const aborted = await upload(req, noParams);
    expect(abortedAt).toBeGreaterThan(60_000);
    expect(aborted.status).toBeGreaterThanOrEqual(400);
    expect(sessionDirs()).toEqual(before);
  });

  it("refuses a body that is not multipart or JSON", async () => {
    const jar = await visitor();
    const res = await upload(
      jar.request("/api/upload", {
        method: "POST",
        body: "hello",
        headers: { "content-type": "text/plain" },
      }),
      noParams,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/multipart\/form-data/);
  });
});

describe("POST /api/upload (JSON urls)", () => {
  it("imports a link", async () => {
    const jar = await visitor();
    const res = await upload(
      jar.request("/api/upload", {
        method: "POST",
        body: JSON.stringify({ urls: [`http://127.0.0.1:${port}/clip.mp4`] }),
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.files).toMatchObject([{ kind: "video", name: "clip.mp4", width: 320 }]);
  });

  it.each([
    [{ urls: [] }, 422, /at least one link/],
    [{ urls: "http://x" }, 422, /urls/],
    [{ urls: [`http://127.0.0.1:1/missing.mp4`] }, 502, /Could not download/],
    [{ urls: ["ftp://example.com/a.mp4"] }, 400, /Only http and https/],
  ])("answers %j with %d", async (json, status, message) => {
    const jar = await visitor();
    const res = await upload(
      jar.request("/api/upload", {
        method: "POST",
        body: JSON.stringify(json),
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  });
});

describe("media belong to their session", () => {
  it("gives another visitor 404 for every variant and for delete, and deletes for the owner", async () => {
    const owner = await visitor();
    const stranger = await visitor();
    const { files } = await (
      await upload(sendFiles(owner, [{ name: "mine.png", file: makeImage("png") }]), noParams)
    ).json();
    const id = files[0].id;
    for (const variant of ["source", "play", "poster"]) {
      const res = await media(stranger, id, variant);
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toMatch(/not found/);
    }
    expect(
      (await (await listMedia(stranger.request("/api/media"), noParams)).json()).files,
    ).toEqual([]);
    const refused = await deleteMedia(
      stranger.request(`/api/media/${id}`, { method: "DELETE" }),
      withParams({ id }),
    );
    expect(refused.status).toBe(404);

    const deleted = await deleteMedia(
      owner.request(`/api/media/${id}`, { method: "DELETE" }),
      withParams({ id }),
    );
    expect(deleted.status).toBe(204);
    expect((await media(owner, id, "source")).status).toBe(404);
  });
});
