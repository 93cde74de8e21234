import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { engineConfigFromEnv } from "../engine-config";
import { createStorage } from "../storage/create-storage";
import { openDatabase } from "../store/open-database";
import { createExportFiles, createKeepFiles, WRONG_DATA_DIR } from "./export-files";
import { createExportObjects, uploadExportFiles } from "./export-objects";

// export-objects on its own, against the fake S3: what keep() stores and records, and
// that a cancel arriving between two uploads leaves neither objects nor records.

let s3: FakeS3;
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(() => s3.close());

function setup(storage: "s3" | "disk" = "s3") {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-objects-"));
  const config = engineConfigFromEnv(
    parseEnv({
      DATA_DIR: dataDir,
      STORAGE: storage,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    }),
  );
  const db = openDatabase(path.join(dataDir, "vso.sqlite"));
  const dir = path.join(dataDir, "exports", "ses_1", "exp_1");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "video.mp4"), Buffer.alloc(3000, 7));
  fs.writeFileSync(path.join(dir, "captions.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHi\n");
  fs.writeFileSync(path.join(dir, "captions.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n");
  const objects =
    storage === "s3" ? createExportObjects(db, createStorage(config.storage, dataDir)) : null;
  const storageOf = () => createStorage(config.storage, dataDir);
  return { db, dir, objects, storageOf, config, files: createExportFiles(db, config) };
}

const keys = (prefix: string) => [...s3.objects.keys()].filter((k) => k.startsWith(prefix)).sort();

describe("export objects", () => {
  it("with STORAGE=disk keeps the files in the job folder and sends no links", async () => {
    const { dir, files, config } = setup("disk");
    const job = { id: "exp_1", prefix: "exports/ses_1/exp_1", dir };
    const keeper = createKeepFiles(config);
    expect(keeper.workDir("exp_1", dir)).toBe(dir);
    expect(await keeper.keep("exp_1", job.prefix, dir, new AbortController().signal)).toEqual({
      output: path.join(dir, "video.mp4"),
    });
    expect([files.linksOnly, files.has(job, "video.mp4"), files.has(job, "poster.jpg")]).toEqual([
      false,
      true,
      false,
    ]);
    expect(files.file(job, "video.mp4")).toBe(path.join(dir, "video.mp4"));
    expect(await files.url(job, "video.mp4", { filename: "v.mp4", inline: false })).toBeNull();
    await files.forget(job);
    expect(fs.existsSync(dir)).toBe(false);
    expect(keys("exports/ses_1/exp_1/")).toEqual([]);
  });

  it("stores every finished file, records name, key and size, and removes the local folder", async () => {
    const { db, dir, objects, config } = setup();
    const keeper = createKeepFiles(config);
    // The rendering side works in its own scratch folder, never the web app's job folder.
    expect(keeper.workDir("exp_a", dir)).toBe(path.join(config.dataDir, "work", "exp_a"));
    const result = await keeper.keep(
      "exp_a",
      "exports/ses_1/exp_a",
      dir,
      new AbortController().signal,
    );
    expect(result.output).toBe("exports/ses_1/exp_a/video.mp4");
    // The web side records what the worker reports, without asking the bucket.
    objects!.record("exp_a", result.stored!);
    expect(keys("exports/ses_1/exp_a/")).toEqual([
      "exports/ses_1/exp_a/captions.srt",
      "exports/ses_1/exp_a/captions.vtt",
      "exports/ses_1/exp_a/video.mp4",
    ]);
    expect(s3.objects.get("exports/ses_1/exp_a/video.mp4")).toEqual(Buffer.alloc(3000, 7));
    expect(
      db
        .prepare("SELECT name, key, size FROM export_objects WHERE job_id = 'exp_a' ORDER BY name")
        .all(),
    ).toEqual([
      { name: "captions.srt", key: "exports/ses_1/exp_a/captions.srt", size: 35 },
      { name: "captions.vtt", key: "exports/ses_1/exp_a/captions.vtt", size: 35 },
      { name: "video.mp4", key: "exports/ses_1/exp_a/video.mp4", size: 3000 },
    ]);
    expect(fs.existsSync(dir)).toBe(false);
    expect(objects!.has("exp_a", "video.mp4")).toBe(true);
    expect(await objects!.url("exp_a", "nothing.txt", { filename: "x", inline: false })).toBeNull();

    await objects!.forget("exp_a", "exports/ses_1/exp_a");
    expect(keys("exports/ses_1/exp_a/")).toEqual([]);
    expect(objects!.has("exp_a", "video.mp4")).toBe(false);
  });

  it("a cancel between two uploads deletes what was already stored, and keeps the local folder", async () => {
    const { db, dir, storageOf } = setup();
    let reads = 0;
    // Aborted from the third look on: the two caption files are stored, the video is not.
    const signal = {
      get aborted() {
        return ++reads >= 3;
      },
      reason: new Error("cancelled"),
    } as unknown as AbortSignal;
    await expect(
      uploadExportFiles(storageOf(), "exports/ses_1/exp_b", dir, signal),
    ).rejects.toThrow("cancelled");
    expect(s3.log.filter((l) => l.startsWith("PUT /vso-test/exports/ses_1/exp_b/"))).toHaveLength(
      2,
    );
    expect(keys("exports/ses_1/exp_b/")).toEqual([]);
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM export_objects WHERE job_id = 'exp_b'").get(),
    ).toEqual({ n: 0 });
    expect(fs.existsSync(dir)).toBe(true);
  });
});

describe("the rendering side with STORAGE=disk", () => {
  it("refuses to render outside its own DATA_DIR (a worker that does not share the web app's folder)", () => {
    const { config } = setup("disk");
    const elsewhere = path.join(os.tmpdir(), "another-machine", "exports", "ses_1", "exp_9");
    expect(() => createKeepFiles(config).workDir("exp_9", elsewhere)).toThrow(WRONG_DATA_DIR);
    expect(fs.existsSync(elsewhere)).toBe(false);
  });
});
