import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chunkedProject, chunkFiles, chunkRows, countFrames } from "@/tests/support/chunked-export";
import { probe } from "@/tests/support/make-media";
import { testEngine, type TestEngine } from "@/tests/support/engine/test-engine";

// Long exports in chunks that are queue jobs of their own (in-process queue here; the
// BullMQ side is scripts/worker-chunks.test.ts): the parts are jobs, progress adds up
// across them, cancel stops them all, and a server killed midway keeps the finished ones.

const engines: TestEngine[] = [];
const make = (dataDir: string) => {
  const e = testEngine(dataDir, { RENDER_CHUNK_SECONDS: "1", RENDER_CONCURRENCY: "2" });
  engines.push(e);
  return e;
};
afterAll(() => engines.forEach((e) => e.exports.close()));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-chunkjobs-"));

describe("chunked exports as queue jobs (in-process)", () => {
  it("renders each chunk and the sound as a job, reports progress across them, and joins them frame- and sample-exactly", async () => {
    const dataDir = tmp();
    const engine = make(dataDir);
    const { tokenId, sessionId } = chunkedProject(engine, 4);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    const progress: number[] = [];
    const etas: (number | null)[] = [];
    engine.exports.subscribe(
      job.id,
      (j) => j.status === "processing" && (progress.push(j.progress), etas.push(j.eta)),
    );
    await engine.exports.settled(job.id);
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      progress: 100,
      error: null,
    });

    const rows = chunkRows(dataDir, job.id);
    expect(rows.map((r) => r.id.replace(`chk_${job.id}_`, "")).sort()).toEqual([
      "audio_0",
      "video-0000_0",
      "video-0001_0",
      "video-0002_0",
      "video-0003_0",
    ]);
    expect(
      rows.every((r) => r.status === "completed" && r.kind === "chunk" && r.credits === 0),
    ).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1])).toBe(true);
    expect(etas.some((e) => e !== null && e > 0)).toBe(true); // an ETA for the whole export, from all its parts
    // 4 s at the preset's 30 fps, 48 kHz: every frame and every sample, nothing lost or doubled
    // at a join (the sound is one encode: ffmpeg 5.1's MP4 keeps the last AAC frame whole, as
    // in a render without chunks, so 192,000 samples decode as 188 frames of 1,024).
    const file = engine.exports.file(sessionId, job.id, "mp4").path;
    expect(countFrames(file)).toEqual({ frames: 120, samples: 188 * 1024 });
    expect(probe(file)).toMatchObject({ width: 1280, height: 720 });
    expect(chunkFiles(dataDir, sessionId)).toEqual([]); // the parts go once joined
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 7, frozen: 0 }); // chunks cost nothing of their own
  });

  it("cancel stops every chunk job and keeps none of their files", async () => {
    const dataDir = tmp();
    const engine = make(dataDir);
    const { tokenId, sessionId } = chunkedProject(engine, 6);
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    await new Promise<void>((resolve) => {
      const off = engine.exports.subscribe(job.id, (j) => j.progress > 5 && (off(), resolve()));
    });
    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await engine.exports.idle();
    const rows = chunkRows(dataDir, job.id);
    expect(rows.length).toBe(7);
    expect(rows.filter((r) => r.status === "pending" || r.status === "processing")).toEqual([]);
    expect(rows.some((r) => r.status === "cancelled")).toBe(true);
    expect(chunkFiles(dataDir, sessionId)).toEqual([]);
    expect(engine.accounts.balance(tokenId)).toMatchObject({ available: 12, frozen: 0 });
  });

  it("after the server is killed mid-export, the restart requeues it and renders only the chunks not finished", async () => {
    const dataDir = tmp();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.resolve(__dirname, "../../../tests/support/chunked-export-child.ts"),
        dataDir,
        "8",
      ],
      {
        cwd: path.resolve(__dirname, "../../.."),
        detached: true, // its own process group, so ffmpeg dies with it
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const ids = await new Promise<{ jobId: string; tokenId: string; sessionId: string }>(
      (resolve, reject) => {
        let buf = "";
        child.stdout!.on("data", (d) => {
          buf += d;
          if (buf.includes("\n")) resolve(JSON.parse(buf.split("\n")[0]));
        });
        child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (chunkFiles(dataDir, ids.sessionId).filter((f) => f.startsWith("video-")).length >= 2) {
          clearInterval(timer);
          process.kill(-child.pid!, "SIGKILL");
          resolve();
        }
      }, 50);
      child.on(
        "exit",
        (code) =>
          code !== null &&
          (clearInterval(timer),
          reject(new Error(`the server ended (${code}) before it could be killed`))),
      );
    });
    await new Promise((r) => child.once("exit", r));
    const before = chunkRows(dataDir, ids.jobId);
    const finished = before.filter((r) => r.status === "completed").map((r) => r.id);
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBe(9); // the sound and 8 chunks were all queued

    const engine = make(dataDir); // "restart"
    await engine.exports.settled(ids.jobId);
    const job = engine.exports.get(ids.sessionId, ids.jobId);
    expect(job).toMatchObject({ status: "completed", error: null });
    const after = chunkRows(dataDir, ids.jobId);
    // The chunks finished before the kill were not rendered again; the rest ran once more at most.
    for (const r of after) {
      if (finished.includes(r.id)) expect(r).toMatchObject({ status: "completed", attempts: 1 });
      else expect(r.status).toBe("completed");
    }
    expect(after.length).toBe(9);
    expect(countFrames(engine.exports.file(ids.sessionId, ids.jobId, "mp4").path)).toEqual({
      frames: 240,
      samples: 384_000,
    });
    expect(engine.accounts.balance(ids.tokenId)).toMatchObject({ available: 7, frozen: 0 });
  });
});
