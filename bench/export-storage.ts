// Export storage benchmark: `npx tsx bench/export-storage.ts` (BENCH_ROUNDS=n, default 5).
// What STORAGE=s3 adds to an export, against STORAGE=disk measured in the same run,
// rounds alternating so machine load hits both alike:
//   1. start -> completed for one 720p export (with captions) of a 2 s 320x240 clip
//      (s3: render + upload of video.mp4, captions.srt, captions.vtt to the fake S3 on
//      127.0.0.1, which checks every signature and body hash)
//   2. the download answer: engine.exports.download() (disk: the file's facts; s3: a
//      presigned URL, computed locally with no request to the bucket)
//   3. storing one 64 MB file (a long export's size class): Storage.putFile to the fake
//      S3 (hash pass + signed streamed PUT) against a plain local file copy
// Real S3 adds the network: the upload takes about size / uplink bandwidth on top.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  addMedia,
  setDraft,
  testEngine,
  visitor,
  type TestEngine as Engine,
} from "@/tests/support/engine/test-engine";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { createS3Storage } from "@/lib/engine/storage/s3-storage";
import { s3Env, startFakeS3 } from "@/tests/support/fake-s3";
import { makeClip } from "@/tests/support/make-media";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function oneExport(
  engine: Engine,
  clipPath: string,
): Promise<{ exportMs: number; downloadMs: number; bytes: number }> {
  const v = visitor(engine);
  const clip = recordFor(clipPath, "video", `med_${Math.random().toString(36).slice(2)}`);
  addMedia(engine, v.sessionId, clip);
  setDraft(
    engine,
    v.sessionId,
    makeDraft({
      video: [{ src: clip.id, out: clip.probe.durationMs }],
      text: [{ text: "Hello", kind: "caption", st: 0, d: 800 }],
      m: { width: 320, height: 240, fps: 25 },
    }),
  );
  const t0 = performance.now();
  const job = engine.exports.start(v.sessionId, v.tokenId, { preset: "720p", preview: false });
  await engine.exports.idle();
  const exportMs = performance.now() - t0;
  if (engine.exports.get(v.sessionId, job.id).status !== "completed")
    throw new Error(`export ${job.id} did not complete`);
  const t1 = performance.now();
  for (let i = 0; i < 100; i++) await engine.exports.download(v.sessionId, job.id, "mp4");
  const downloadMs = (performance.now() - t1) / 100;
  const row = engine.db
    .prepare("SELECT size FROM export_objects WHERE job_id = ? AND name = 'video.mp4'")
    .get(job.id) as { size: number } | undefined;
  return {
    exportMs,
    downloadMs,
    bytes: row?.size ?? fs.statSync(engine.exports.file(v.sessionId, job.id, "mp4").path).size,
  };
}

async function main(): Promise<void> {
  const s3 = await startFakeS3();
  const clipPath = makeClip({
    seconds: 2,
    width: 320,
    height: 240,
    fps: 25,
    name: "bench-storage-2s.mp4",
  });
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-storage-"));
  const disk = testEngine(tmp(), { FREE_CREDITS: "1000" });
  const remote = testEngine(tmp(), {
    FREE_CREDITS: "1000",
    ...s3Env(s3),
  });
  await oneExport(disk, clipPath); // warm-up: ffmpeg and the page cache
  await oneExport(remote, clipPath);
  const results = {
    disk: [] as Awaited<ReturnType<typeof oneExport>>[],
    s3: [] as Awaited<ReturnType<typeof oneExport>>[],
  };
  for (let i = 0; i < ROUNDS; i++) {
    results.disk.push(await oneExport(disk, clipPath));
    results.s3.push(await oneExport(remote, clipPath));
  }
  const d = median(results.disk.map((r) => r.exportMs));
  const s = median(results.s3.map((r) => r.exportMs));
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(
        " ",
      )}; rounds: ${ROUNDS}; video.mp4 ${Math.round(median(results.s3.map((r) => r.bytes)) / 1024)} KiB`,
  );
  console.log(
    `export start -> completed, median: disk ${d.toFixed(0)} ms, s3 ${s.toFixed(0)} ms (ratio ${(s / d).toFixed(2)}, +${(s - d).toFixed(0)} ms)`,
  );
  console.log(
    `download answer, median per call: disk ${median(results.disk.map((r) => r.downloadMs)).toFixed(3)} ms, s3 presign ${median(results.s3.map((r) => r.downloadMs)).toFixed(3)} ms`,
  );
  const big = path.join(tmp(), "big.bin");
  fs.writeFileSync(big, Buffer.alloc(64 * 1024 * 1024, 1));
  const storage = createS3Storage({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    cacheDir: tmp(),
  });
  const copyMs: number[] = [];
  const putMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    await fs.promises.copyFile(big, `${big}.copy`);
    copyMs.push(performance.now() - t);
    t = performance.now();
    await storage.putFile("bench/big.bin", big, "application/octet-stream");
    putMs.push(performance.now() - t);
    s3.objects.delete("bench/big.bin");
  }
  const c = median(copyMs);
  const p = median(putMs);
  console.log(
    `store 64 MB, median: local copy ${c.toFixed(0)} ms, S3 putFile to 127.0.0.1 ${p.toFixed(0)} ms (${((64 / p) * 1000).toFixed(0)} MB/s, ratio ${(p / c).toFixed(1)})`,
  );
  disk.exports.close();
  remote.exports.close();
  await s3.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
