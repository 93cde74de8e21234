import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeClip, mediaDir, probe } from "@/tests/support/make-media";
import { examineFile } from "./examine-file";
import { makePoster } from "./make-derived";
import { probeMedia } from "./probe-media";
import { makeFaststartClip, truncated } from "./test-media";

// earlyPosterBytes: 0 sends these small files down the path a large upload takes (poster
// started beside ffprobe), so each case proves the guess is kept or undone correctly.
const ctx = { ffmpegPath: "ffmpeg", ffprobePath: "ffprobe", earlyPosterBytes: 0 };
const out = fs.mkdtempSync(path.join(os.tmpdir(), "vso-examine-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function soundOnlyMp4(): string {
  const file = path.join(mediaDir(), "sound-only.mp4");
  if (!fs.existsSync(file)) {
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", file]);
  }
  return file;
}

async function sequentialPoster(file: string, name: string): Promise<Buffer> {
  const p = path.join(out, name);
  await makePoster(file, p, await probeMedia(file), ctx);
  return fs.readFileSync(p);
}

describe("examineFile (poster started before ffprobe answered)", () => {
  it.each([
    ["a 12 s clip keeps the early poster (1 s is its poster time)", 12, 12_000],
    ["a 2 s clip redoes it at 10% of its length", 2, 2_000],
  ])("%s", async (_label, seconds, durationMs) => {
    const file = makeClip({ seconds });
    const posterPath = path.join(out, `poster-${seconds}.jpg`);
    const got = await examineFile(file, fs.statSync(file).size, posterPath, ctx);
    expect(got).toMatchObject({ kind: "video", format: "mp4", poster: posterPath });
    expect(got.probe.durationMs).toBeGreaterThanOrEqual(durationMs - 100);
    expect(probe(posterPath).videoCodec).toBe("mjpeg");
    // The same picture the one-after-the-other check makes.
    expect(fs.readFileSync(posterPath).equals(await sequentialPoster(file, `sequential-${seconds}.jpg`))).toBe(true);
  });

  it("drops the early poster of an mp4 that turns out to be sound only", async () => {
    const file = soundOnlyMp4();
    const posterPath = path.join(out, "poster-sound.jpg");
    const got = await examineFile(file, fs.statSync(file).size, posterPath, ctx);
    expect(got).toMatchObject({ kind: "audio", poster: null });
    expect(fs.existsSync(posterPath)).toBe(false);
  });

  it.each([
    ["index first, data cut", () => truncated(makeFaststartClip(), 0.4, "examine-cut-faststart.mp4"), /cut short/],
    ["index at the end, cut in half", () => truncated(makeClip(), 0.5, "examine-cut-half.mp4"), /damaged or incomplete/],
  ])("refuses a truncated mp4 (%s) and leaves no poster", async (label, make, message) => {
    const file = make();
    const posterPath = path.join(out, `poster-${label.replace(/\W+/g, "-")}.jpg`);
    await expect(examineFile(file, fs.statSync(file).size, posterPath, ctx)).rejects.toMatchObject({ code: 4001, message: expect.stringMatching(message) });
    expect(fs.existsSync(posterPath)).toBe(false);
  });
});
