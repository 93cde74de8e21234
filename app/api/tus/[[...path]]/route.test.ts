import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClip } from "@/tests/support/make-media";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";

// The tus routes as the studio uses them (tus-js-client speaks the same requests):
// create, send part, lose the connection, ask the offset, send the rest.
const { dataDir } = useTestServer({
  MAX_UPLOAD_MB: "1",
  STORAGE_QUOTA_MB: "0.5",
  TOKEN_RATE_LIMIT: "1000",
});
let routes: typeof import("./route");
let listMedia: typeof import("../../media/route").GET;
let connect: typeof import("../../session/route").POST;
let engine: import("@/lib/engine/create-engine").Engine;

beforeAll(async () => {
  routes = await import("./route");
  listMedia = (await import("../../media/route")).GET;
  connect = (await import("../../session/route")).POST;
  engine = (await import("@/lib/server/engine")).getEngine();
});
afterAll(async () => {
  await engine.media.idle();
});

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const b64 = (s: string) => Buffer.from(s).toString("base64");
const uploadsDir = () => path.join(dataDir, "uploads");

async function visitor(): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
  return jar;
}

const tusHeaders = (extra: Record<string, string> = {}) => ({ "tus-resumable": "1.0.0", ...extra });
const idParams = (url: string) => withParams({ path: [url.split("/").pop()!] });

async function create(jar: CookieJar, name: string, size: number): Promise<Response> {
  return routes.POST(
    jar.request("/api/tus", {
      method: "POST",
      headers: tusHeaders({
        "upload-length": String(size),
        "upload-metadata": `filename ${b64(name)},filetype ${b64("video/mp4")}`,
      }),
    }),
    withParams({}),
  );
}

/** A body that sends `bytes`, or breaks off after `breakAfter` of them (a dropped connection). */
function body(bytes: Uint8Array, breakAfter?: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (breakAfter !== undefined && sent >= breakAfter)
        return c.error(new Error("connection reset"));
      const end = Math.min(bytes.length, breakAfter ?? bytes.length, sent + 16 * 1024);
      c.enqueue(bytes.subarray(sent, end));
      sent = end;
      if (sent >= bytes.length) c.close();
    },
  });
}

function patch(
  jar: CookieJar,
  url: string,
  offset: number,
  data: ReadableStream<Uint8Array>,
  length?: number,
): Promise<Response> {
  const headers = tusHeaders({
    "upload-offset": String(offset),
    "content-type": "application/offset+octet-stream",
  });
  if (length !== undefined) (headers as Record<string, string>)["content-length"] = String(length);
  return routes.PATCH(
    jar.request(url, { method: "PATCH", headers, body: data, duplex: "half" } as RequestInit),
    idParams(url),
  );
}

const head = (jar: CookieJar, url: string) =>
  routes.HEAD(jar.request(url, { method: "HEAD", headers: tusHeaders() }), idParams(url));
const offsetOf = async (jar: CookieJar, url: string) =>
  Number((await head(jar, url)).headers.get("upload-offset"));

describe("resumable uploads (/api/tus)", () => {
  it("resumes after a dropped connection and stores the file byte for byte", async () => {
    const jar = await visitor();
    const clip = fs.readFileSync(makeClip({ seconds: 1, name: "resume-me.mp4" }));
    const created = await create(jar, "resume-me.mp4", clip.length);
    expect(created.status).toBe(201);
    const url = created.headers.get("location")!;
    expect(url).toMatch(/^\/api\/tus\/[0-9a-f]+$/);

    // First part arrives whole; the second request breaks off midway.
    const half = Math.floor(clip.length / 2);
    expect((await patch(jar, url, 0, body(clip.subarray(0, half)))).status).toBe(204);
    const broken = await patch(jar, url, half, body(clip.subarray(half), 20_000)).catch(() => null);
    expect(broken?.status ?? 0).not.toBe(200);
    const offset = await offsetOf(jar, url);
    expect(offset).toBeGreaterThanOrEqual(half);
    expect(offset).toBeLessThan(clip.length);

    const done = await patch(jar, url, offset, body(clip.subarray(offset)));
    expect(done.status).toBe(200);
    const result = (await done.json()) as {
      files: { id: string; name: string; size: number; hash: string }[];
    };
    expect(result.files[0]).toMatchObject({
      name: "resume-me.mp4",
      size: clip.length,
      hash: sha256(clip),
    });
    expect(sha256(fs.readFileSync(storedSource(result.files[0].id)))).toBe(sha256(clip));
    // The partial upload is gone once it is a media item.
    expect(fs.readdirSync(uploadsDir())).toEqual([]);
    expect((await head(jar, url)).status).toBe(404);
  });

  it("hashes as the bytes arrive, and agrees with the file on disk when sent in parts", async () => {
    const jar = await visitor();
    const clip = fs.readFileSync(makeClip({ seconds: 1, name: "in-parts.mp4" }));
    const url = (await create(jar, "in-parts.mp4", clip.length)).headers.get("location")!;
    const third = Math.floor(clip.length / 3);
    expect((await patch(jar, url, 0, body(clip.subarray(0, third)))).status).toBe(204);
    expect((await patch(jar, url, third, body(clip.subarray(third, 2 * third)))).status).toBe(204);
    const done = await patch(jar, url, 2 * third, body(clip.subarray(2 * third)));
    expect(done.status).toBe(200);
    expect(((await done.json()) as { files: { hash: string }[] }).files[0].hash).toBe(sha256(clip));
  });

  it("lets no other session see, continue or delete an upload", async () => {
    const owner = await visitor();
    const other = await visitor();
    const clip = fs.readFileSync(makeClip({ seconds: 1, name: "mine.mp4" }));
    const url = (await create(owner, "mine.mp4", clip.length)).headers.get("location")!;
    expect((await patch(owner, url, 0, body(clip.subarray(0, 1000)))).status).toBe(204);

    const peek = await head(other, url);
    expect(peek.status).toBe(404);
    expect(peek.headers.get("upload-offset")).toBeNull();
    const push = await patch(other, url, 1000, body(clip.subarray(1000)));
    expect(push.status).toBe(404);
    expect((await push.json()).error.code).toBe("not_found");
    const del = await routes.DELETE(
      other.request(url, { method: "DELETE", headers: tusHeaders() }),
      idParams(url),
    );
    expect(del.status).toBe(404);
    // Still there, untouched, for its owner.
    expect(await offsetOf(owner, url)).toBe(1000);
    expect(
      (await listMedia(other.request("/api/media"), noParams).then((r) => r.json())).files,
    ).toEqual([]);
    expect(
      (
        await routes.DELETE(
          owner.request(url, { method: "DELETE", headers: tusHeaders() }),
          idParams(url),
        )
      ).status,
    ).toBe(204);
  });

  it("refuses a file over MAX_UPLOAD_MB from its declared length, before any byte", async () => {
    const jar = await visitor();
    const res = await create(jar, "huge.mp4", 3 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: 4002,
      message: expect.stringMatching(/larger than the 1 MB limit/),
    });
    expect(res.headers.get("location")).toBeNull();
  });

  it("refuses a file that would not fit in the visitor's quota from its declared length", async () => {
    const jar = await visitor();
    const res = await create(jar, "fits-the-limit-not-the-quota.mp4", 700 * 1024);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: 4002,
      message: expect.stringMatching(/this server keeps per visitor/),
    });
    expect(res.headers.get("location")).toBeNull();
  });

  it("refuses a file that is not a video once it has arrived, with the 4001 sentence, and keeps nothing", async () => {
    const jar = await visitor();
    const fake = Buffer.concat([
      Buffer.from("MZ\x90\x00 This program cannot be run in DOS mode."),
      Buffer.alloc(4096, 7),
    ]);
    const url = (await create(jar, "holiday.mp4", fake.length)).headers.get("location")!;
    const res = await patch(jar, url, 0, body(fake));
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatchObject({
      code: 4001,
      message: expect.stringMatching(/MP4, MOV/),
    });
    expect(fs.readdirSync(uploadsDir())).toEqual([]);
    expect(
      (await listMedia(jar.request("/api/media"), noParams).then((r) => r.json())).files,
    ).toEqual([]);
  });

  it("refuses names with a path in them and empty files when the upload is created", async () => {
    const jar = await visitor();
    const named = await create(jar, "../../etc/x.mp4", 100);
    expect(named.status).toBe(400);
    const empty = await create(jar, "empty.mp4", 0);
    expect(empty.status).toBe(415);
    expect((await empty.json()).error.code).toBe(4001);
  });

  it("removes an upload left unfinished longer than UPLOAD_EXPIRY_HOURS", async () => {
    const jar = await visitor();
    const url = (await create(jar, "abandoned.mp4", 5000)).headers.get("location")!;
    expect((await patch(jar, url, 0, body(Buffer.alloc(1000, 1)))).status).toBe(204);
    const id = url.split("/").pop()!;
    const meta = path.join(uploadsDir(), `${id}.json`);
    const info = JSON.parse(fs.readFileSync(meta, "utf8"));
    fs.writeFileSync(
      meta,
      JSON.stringify({
        ...info,
        creation_date: new Date(Date.now() - 25 * 3600_000).toISOString(),
      }),
    );
    const { resumableUploadsOf } = await import("@/lib/server/backend/local/resumable");
    expect(await resumableUploadsOf(engine).cleanExpired()).toBe(1);
    expect(fs.existsSync(path.join(uploadsDir(), id))).toBe(false);
    expect(fs.existsSync(meta)).toBe(false);
    expect((await head(jar, url)).status).toBe(404);
  });
});

/** The stored source file of a media item: <dataDir>/media/<session>/<id>/source.<ext>. */
function storedSource(mediaId: string): string {
  const root = path.join(dataDir, "media");
  for (const session of fs.readdirSync(root)) {
    const dir = path.join(root, session, mediaId);
    if (fs.existsSync(dir))
      return path.join(
        dir,
        fs.readdirSync(dir).find((f) => f.startsWith("source."))!,
      );
  }
  throw new Error(`no media ${mediaId}`);
}
