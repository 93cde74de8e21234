import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chunkedProject, chunkFiles, countFrames } from "@/tests/support/chunked-export";
import { countingBins } from "@/tests/support/counting-bin";
import { probe } from "@/tests/support/make-media";
import { testEngine, type TestEngine } from "@/tests/support/engine/test-engine";

// Long exports in chunks whose parts are handed to the queue (in-process queue here; the
// BullMQ side is scripts/worker-chunks.test.ts and scripts/worker-remote.test.ts): the
// parts wait in the chunk storage until joined, progress adds up across them, cancel stops
// them all, and a server killed midway keeps the finished ones.

const engines: TestEngine[] = [];
const make = (dataDir: string, env: Record<string, string> = {}) => {
  const e = testEngine(dataDir, {
    RENDER_CHUNK_SECONDS: "1",
    RENDER_CONCURRENCY: "2",
    RENDER_CHUNK_CONCURRENCY: "2",
    ...env,
  });
  engines.push(e);
  return e;
};
afterAll(() => engines.forEach((e) => e.exports.close()));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-chunkjobs-"));

describe("chunked exports as queue jobs (in-process)", () => {
  it("renders each chunk and the sound as a part, reports progress across them, and joins them frame- and sample-exactly", async () => {
    const dataDir = tmp();
    const engine = make(dataDir);
    const { tokenId, sessionId } = chunkedProject(engine, 4);
    const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
    const progress: number[] = [];
    const etas: (number | null)[] = [];
    let kept = 0;
    engine.exports.subscribe(job.id, (j) => {
      if (j.status !== "processing") return;
      progress.push(j.progress);
      etas.push(j.eta);
      kept = Math.max(kept, chunkFiles(dataDir, sessionId).length);
    });
    await engine.exports.settled(job.id);
    expect(engine.exports.get(sessionId, job.id)).toMatchObject({
      status: "completed",
      progress: 100,
      error: null,
    });

    expect(kept).toBeGreaterThan(0); // finished parts waited in the chunk storage
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

  it("renders RENDER_CHUNK_CONCURRENCY pictures at once, the sound beside them", async () => {
    // The most ffmpeg processes at once (ffprobe runs are not counted).
    const mostAtOnce = (log: string[]) => {
      let now = 0;
      let most = 0;
      for (const line of log.filter((l) => l.endsWith("ffmpeg"))) {
        now += line.startsWith("+") ? 1 : -1;
        most = Math.max(most, now);
      }
      return most;
    };
    for (const [lanes, expected] of [
      ["1", 2],
      ["2", 3],
    ] as const) {
      const bins = countingBins();
      const dataDir = tmp();
      const engine = make(dataDir, {
        FFMPEG_PATH: bins.ffmpegPath,
        RENDER_CHUNK_CONCURRENCY: lanes,
      });
      const { tokenId, sessionId } = chunkedProject(engine, 4);
      const job = engine.exports.start(sessionId, tokenId, { preset: "720p", preview: false });
      await engine.exports.settled(job.id);
      expect(engine.exports.get(sessionId, job.id)).toMatchObject({ status: "completed" });
      // 4 pictures and the sound, started together: the sound and `lanes` pictures at once, never more.
      expect(mostAtOnce(bins.log())).toBe(expected);
    }
  });

  it("cancel stops every part and keeps none of their files", async () => {
    const dataDir = tmp();
    const engine = make(dataDir);
    const { tokenId, sessionId } = chunkedProject(engine, 6);
    const job = engine.exports.start(sessionId, tokenId, { preset: "youtube", preview: false });
    await new Promise<void>((resolve) => {
      const off = engine.exports.subscribe(job.id, (j) => j.progress > 5 && (off(), resolve()));
    });
    expect((await engine.exports.cancel(sessionId, job.id)).status).toBe("cancelled");
    await engine.exports.idle();
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
    const finished = chunkFiles(dataDir, ids.sessionId);
    expect(finished.length).toBeGreaterThanOrEqual(2);

    // "restart", with ffmpeg counted: the sound and 8 chunks are 9 parts, then a join and a poster
    const bins = countingBins();
    const engine = make(dataDir, { FFMPEG_PATH: bins.ffmpegPath }); // "restart"
    await engine.exports.settled(ids.jobId);
    const job = engine.exports.get(ids.sessionId, ids.jobId);
    expect(job).toMatchObject({ status: "completed", error: null });
    // The parts finished before the kill were not rendered again.
    const runs = bins.log().filter((l) => l === "+ffmpeg").length;
    expect(runs).toBe(9 - finished.length + 2);
    expect(chunkFiles(dataDir, ids.sessionId)).toEqual([]);
    expect(countFrames(engine.exports.file(ids.sessionId, ids.jobId, "mp4").path)).toEqual({
      frames: 240,
      samples: 384_000,
    });
    expect(engine.accounts.balance(ids.tokenId)).toMatchObject({ available: 7, frozen: 0 });
  });
});
