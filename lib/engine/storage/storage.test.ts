import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { createStorage } from "./create-storage";
import { createDiskStorage } from "./disk-storage";
import { createS3Storage } from "./s3-storage";
import type { Storage } from "./storage";

// One contract, both implementations: the disk under a temp folder and S3 against a fake
// S3 on 127.0.0.1 that verifies every signature and body hash from the wire.

let s3: FakeS3;
beforeAll(async () => {
  s3 = await startFakeS3({ pageSize: 2 });
});
afterAll(async () => {
  await s3?.close();
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-storage-"));
const s3Storage = (over: Partial<Parameters<typeof createS3Storage>[0]> = {}) =>
  createS3Storage({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    cacheDir: tmp(),
    ...over,
  });

const file = (bytes: Buffer) => {
  const p = path.join(tmp(), "src.bin");
  fs.writeFileSync(p, bytes);
  return p;
};
const readAll = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe.each([
  ["disk", () => createDiskStorage(tmp())],
  ["s3", () => s3Storage()],
])("%s storage", (_kind, make: () => Storage) => {
  const bytes = crypto.randomBytes(300_000);

  it("stores a file and a stream, reads them whole and by range, and gives a local path", async () => {
    const st = make();
    await st.putFile("exports/ses_1/exp_1/video.mp4", file(bytes), "video/mp4");
    await st.putStream(
      "exports/ses_1/exp_1/captions.srt",
      Readable.from([Buffer.from("1\n00:00:00,000 --> 00:00:01,000\nHi\n")]),
      35,
    );
    expect(await st.stat("exports/ses_1/exp_1/video.mp4")).toEqual({ size: bytes.length });
    const whole = await st.read("exports/ses_1/exp_1/video.mp4");
    expect(whole).toMatchObject({ size: bytes.length, length: bytes.length });
    expect((await readAll(whole.stream)).equals(bytes)).toBe(true);
    const part = await st.read("exports/ses_1/exp_1/video.mp4", { start: 1000, end: 1999 });
    expect(part).toMatchObject({ size: bytes.length, length: 1000 });
    expect((await readAll(part.stream)).equals(bytes.subarray(1000, 2000))).toBe(true);
    expect(fs.readFileSync(await st.localPath("exports/ses_1/exp_1/video.mp4")).equals(bytes)).toBe(
      true,
    );
    expect(
      (await readAll((await st.read("exports/ses_1/exp_1/captions.srt")).stream)).toString(),
    ).toMatch(/Hi\n$/);
  });

  it("keeps keys with spaces and accents", async () => {
    const st = make();
    await st.putFile("media/ses 1/Ünïcode clip (1).mov", file(Buffer.from("abc")));
    expect(await st.stat("media/ses 1/Ünïcode clip (1).mov")).toEqual({ size: 3 });
  });

  it("deletes one object and a whole prefix, and says so when a file is gone", async () => {
    const st = make();
    for (const name of ["a", "b", "c", "d", "e"])
      await st.putFile(`exports/ses_2/exp_9/${name}`, file(Buffer.from(name)));
    await st.putFile("exports/ses_2/exp_10/keep", file(Buffer.from("k")));
    await st.delete("exports/ses_2/exp_9/a");
    expect(await st.stat("exports/ses_2/exp_9/a")).toBeNull();
    await st.deletePrefix("exports/ses_2/exp_9/");
    for (const name of ["b", "c", "d", "e"])
      expect(await st.stat(`exports/ses_2/exp_9/${name}`)).toBeNull();
    expect(await st.stat("exports/ses_2/exp_10/keep")).toEqual({ size: 1 });
    await expect(st.read("exports/ses_2/exp_9/b")).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringMatching(/no longer stored.*again/),
    });
    await expect(st.localPath("exports/ses_2/exp_9/b")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it.each(["", "/abs", "../up", "a/../../b", "a//b", "a\\b", "a/./b"])(
    "refuses the key %j",
    async (key) => {
      await expect(make().stat(key)).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringMatching(/not a valid storage key/),
      });
    },
  );

  it("refuses a range outside the file", async () => {
    const st = make();
    await st.putFile("r/x", file(Buffer.from("0123456789")));
    await expect(st.read("r/x", { start: 20, end: 30 })).rejects.toMatchObject({ status: 416 });
  });
});

describe("S3 storage specifics", () => {
  it("signs every request the fake S3 verifies, and sends each upload's SHA-256", async () => {
    const before = s3.log.length;
    const st = s3Storage();
    await st.putFile("sig/one.bin", file(Buffer.from("signed body")));
    expect(s3.objects.get("sig/one.bin")!.toString()).toBe("signed body");
    expect(s3.log.slice(before).every((l) => /-> 2\d\d$/.test(l))).toBe(true);
  });

  it("turns a wrong secret into a sentence naming S3's refusal", async () => {
    const st = s3Storage({
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "wrong" },
    });
    await expect(st.putFile("sig/x", file(Buffer.from("x")))).rejects.toMatchObject({
      code: "upstream",
      message:
        "The file storage refused to store x (SignatureDoesNotMatch). Check the S3 settings, then try again.",
    });
  });

  it("says so when the storage cannot be reached", async () => {
    const st = s3Storage({ endpoint: "http://127.0.0.1:9" });
    await expect(st.stat("a/b")).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/could not be reached/),
    });
  });

  it("downloads to the local cache once, and again only when the object changed", async () => {
    const st = s3Storage();
    await st.putFile("cache/clip.mp4", file(Buffer.from("first")));
    const gets = () => s3.log.filter((l) => l.startsWith("GET /vso-test/cache/clip.mp4")).length;
    const p1 = await st.localPath("cache/clip.mp4");
    await st.localPath("cache/clip.mp4");
    expect(gets()).toBe(1);
    await st.putFile("cache/clip.mp4", file(Buffer.from("second!")));
    expect(fs.readFileSync(await st.localPath("cache/clip.mp4"), "utf8")).toBe("second!");
    expect(p1).toBe(await st.localPath("cache/clip.mp4"));
    expect(gets()).toBe(2);
  });
});

describe("download URLs", () => {
  it("are presigned on S3: the browser fetches the bytes straight from storage, under the given name", async () => {
    const st = s3Storage();
    await st.putFile("exports/ses_3/exp_1/video.mp4", file(Buffer.from("mp4 bytes")));
    const url = (await st.downloadUrl("exports/ses_3/exp_1/video.mp4", {
      filename: "Mon voyage-youtube.mp4",
      contentType: "video/mp4",
    }))!;
    expect(url.startsWith(`${s3.endpoint}/vso-test/exports/ses_3/exp_1/video.mp4?`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("mp4 bytes");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Mon voyage-youtube.mp4"; filename*=UTF-8''Mon%20voyage-youtube.mp4`,
    );
    const tampered = url.replace("video.mp4", "other.mp4");
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("stop working once they expire", async () => {
    const st = s3Storage({ now: () => new Date(Date.now() - 2 * 3600_000) });
    await s3Storage().putFile("exports/ses_3/exp_2/video.mp4", file(Buffer.from("x")));
    const url = (await st.downloadUrl("exports/ses_3/exp_2/video.mp4", {
      filename: "v.mp4",
      contentType: "video/mp4",
      expiresInSeconds: 3600,
    }))!;
    expect((await fetch(url)).status).toBe(403);
  });

  it("are null on disk: the app sends the file itself", async () => {
    expect(
      await createDiskStorage(tmp()).downloadUrl("a/b", {
        filename: "b",
        contentType: "video/mp4",
      }),
    ).toBeNull();
  });
});

describe("createStorage", () => {
  it("picks disk by default and S3 when asked", () => {
    expect(createStorage(parseEnv({}), tmp()).kind).toBe("disk");
    const env = parseEnv({
      STORAGE: "s3",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_BUCKET: "b",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
    });
    expect(createStorage(env, tmp()).kind).toBe("s3");
  });

  it("names the missing S3 settings", () => {
    expect(() =>
      createStorage(parseEnv({ STORAGE: "s3", S3_ENDPOINT: "http://x" }), tmp()),
    ).toThrow(
      "STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (see .env.example), or set STORAGE=disk.",
    );
  });
});
