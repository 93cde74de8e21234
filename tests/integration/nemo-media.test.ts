import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { createNemoBackend } from "@/lib/server/backend/nemo";
import { makeClip, makeImage } from "@/tests/support/make-media";
import { multipart, nemoHarness } from "@/tests/fake-nemo/harness";

// Contract: uploads stream through to /api/upload-video/... without being held, URL
// imports use the documented JSON, and the cloud's files[] become media items.

let h: Awaited<ReturnType<typeof nemoHarness>>;
beforeAll(async () => {
  h = await nemoHarness();
});
afterAll(() => h.close());

function streamOf(
  chunks: Uint8Array[],
  gate?: { after: number; open: Promise<void> },
): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    async pull(c) {
      if (gate && i === gate.after) await gate.open;
      if (i >= chunks.length) return c.close();
      c.enqueue(chunks[i++]);
    },
  });
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a failure");
}

describe("nemo backend: media", () => {
  it("streams a multipart upload through and maps files[] to media items", async () => {
    const caller = await h.connect();
    const clip = fs.readFileSync(makeClip({ seconds: 1 }));
    const image = fs.readFileSync(makeImage("png"));
    const body = multipart([
      { name: "my clip.mp4", data: clip, type: "video/mp4" },
      { name: "still.png", data: image, type: "image/png" },
    ]);
    const result = await h.backend.upload(caller, {
      body: streamOf(body.chunks),
      contentType: body.contentType,
      contentLength: body.length,
    });
    expect(result.files).toHaveLength(2);
    const [v, i] = result.files;
    expect(v).toMatchObject({
      kind: "video",
      name: "my clip.mp4",
      width: 320,
      height: 240,
      fps: 25,
      size: clip.length,
      proxy: "none",
    });
    expect(v.duration).toBeCloseTo(1, 0);
    expect(v.url).toMatch(new RegExp(`^${h.fake.url}/cdn/media/`));
    expect(i).toMatchObject({ kind: "image", name: "still.png", hasAudio: false });
    const call = h.fake.calls.find(
      (c) => c.path === `/api/upload-video/nemo_agent/me/${caller.sessionId}`,
    )!;
    expect(call.headers["content-type"]).toBe(body.contentType);

    expect((await h.backend.listMedia(caller)).map((m) => m.name)).toEqual([
      "my clip.mp4",
      "still.png",
    ]);
    expect(await h.backend.mediaFile(caller, v.id, "source")).toEqual({
      kind: "redirect",
      url: v.url,
    });
    await expect(h.backend.mediaFile(caller, v.id, "poster")).rejects.toMatchObject({
      code: "not_found",
    });
    // The redirect target really is the uploaded file.
    const served = new Uint8Array(await (await fetch(v.url)).arrayBuffer());
    expect(served.length).toBe(clip.length);

    await h.backend.deleteMedia(caller, i.id);
    expect((await h.backend.listMedia(caller)).map((m) => m.name)).toEqual(["my clip.mp4"]);
    await expect(h.backend.deleteMedia(caller, i.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("does not buffer: the cloud receives bytes before the browser has finished sending", async () => {
    const caller = await h.connect();
    const big = new Uint8Array(2 * 1024 * 1024).fill(7);
    const body = multipart([{ name: "big.mp4", data: big }]);
    // Split the file part so a gate can hold the rest of the body back.
    const [head, data, ...rest] = body.chunks;
    const chunks = [head, data.subarray(0, 256 * 1024), data.subarray(256 * 1024), ...rest];
    let open!: () => void;
    const gate = { after: 2, open: new Promise<void>((r) => (open = r)) };
    const before = h.fake.seen.uploadBytes;
    const upload = h.backend.upload(caller, {
      body: streamOf(chunks, gate),
      contentType: body.contentType,
      contentLength: body.length,
    });
    // Only once the fake has seen the first part does the rest of the body flow.
    for (let i = 0; i < 200 && h.fake.seen.uploadBytes === before; i++)
      await new Promise((r) => setTimeout(r, 20));
    const seenEarly = h.fake.seen.uploadBytes - before;
    open();
    await upload.catch(() => undefined); // not real media: what matters is when bytes arrived
    expect(seenEarly).toBeGreaterThan(0);
    expect(seenEarly).toBeLessThan(body.length);
  });

  it.each([
    [
      "a .exe, refused by name before it is sent on",
      "setup.exe",
      undefined,
      4001,
      /MP4, MOV, AVI, WebM, MKV/,
    ],
    ["4001 from the cloud", "clip.mp4", "4001", 4001, /Supported files/],
    ["4002 from the cloud", "clip.mp4", "4002", 4002, /Compress it or trim it/],
    ["1002 (session gone)", "clip.mp4", "1002", 1002, /new one was started/],
  ] as const)("%s", async (_name, filename, inject, code, message) => {
    const caller = await h.connect();
    if (inject) h.fake.failNext(inject, "/api/upload-video/");
    const body = multipart([{ name: filename, data: new Uint8Array(1000) }]);
    const err = await failure(
      h.backend.upload(caller, {
        body: streamOf(body.chunks),
        contentType: body.contentType,
        contentLength: body.length,
      }),
    );
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("stops an oversize file early with the compress-or-trim advice", async () => {
    const caller = await h.connect();
    const body = multipart([{ name: "huge.mp4", data: new Uint8Array(600 * 1024) }]);
    const limited = createNemoBackend(
      {
        NEMO_BASE_URL: h.fake.url,
        NEMO_SKILL_PLATFORM: "t",
        NEMO_POLL_MS: 1000,
        NEMO_REGISTER_URL: "https://r.example",
        MAX_UPLOAD_MB: 0.5,
        NODE_ENV: "test",
      },
      { db: () => h.db },
    );
    const err = await failure(
      limited.upload(caller, {
        body: streamOf(body.chunks),
        contentType: body.contentType,
        contentLength: body.length,
      }),
    );
    expect(err.code).toBe(4002);
    expect(err.message).toMatch(/huge\.mp4.*Compress it or trim it/);
  });

  it("a replayed upload (the route's retry after renewing a token) asks for the files again", async () => {
    const caller = await h.connect();
    const body = new ReadableStream<Uint8Array>();
    body.getReader(); // consumed by the first attempt
    const err = await failure(
      h.backend.upload(caller, {
        body,
        contentType: "multipart/form-data; boundary=x",
        contentLength: null,
      }),
    );
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/Drop the files again/);
  });

  it("imports by URL with the documented JSON body", async () => {
    const caller = await h.connect();
    const result = await h.backend.importUrls(caller, ["https://media.example/talk.mp4"]);
    const call = h.fake.calls.find(
      (c) => c.path === `/api/upload-video/nemo_agent/me/${caller.sessionId}` && c.body,
    )!;
    expect(call.body).toEqual({ urls: ["https://media.example/talk.mp4"], source_type: "url" });
    expect(result.files[0]).toMatchObject({ name: "talk.mp4", kind: "video" });
    await expect(h.backend.importUrls(caller, ["ftp://x/y.mp4"])).rejects.toMatchObject({
      code: "validation",
    });
  });
});
