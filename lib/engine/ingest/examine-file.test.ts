import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeClip, makeImage, mediaDir, probe } from "@/tests/support/make-media";
import { examineFile } from "./examine-file";
import { probeMedia } from "./probe-media";
import {
  makeFaststartClip,
  makePicturelessMp4,
  truncated,
} from "@/tests/support/engine/test-media";

const ctx = { ffmpegPath: "ffmpeg", ffprobePath: "ffprobe" };
const out = fs.mkdtempSync(path.join(os.tmpdir(), "vso-examine-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function soundOnlyMp4(): string {
  const file = path.join(mediaDir(), "sound-only.mp4");
  if (!fs.existsSync(file)) {
    execFileSync("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=2",
      "-c:a",
      "aac",
      file,
    ]);
  }
  return file;
}

const examine = (file: string, name: string) =>
  examineFile(file, fs.statSync(file).size, path.join(out, name), ctx);

describe("examineFile (what an upload's answer waits for)", () => {
  it.each([
    ["mp4", 12],
    ["mkv", 2],
    ["webm", 2],
    ["avi", 2],
  ] as const)(
    "accepts a whole %s video and leaves its poster to the background",
    async (format, seconds) => {
      const got = await examine(makeClip({ seconds, format }), `poster-${format}.jpg`);
      expect(got).toMatchObject({ kind: "video", format, poster: null });
      expect(got.probe.durationMs).toBeGreaterThanOrEqual(seconds * 1000 - 100);
      expect(fs.existsSync(path.join(out, `poster-${format}.jpg`))).toBe(false);
    },
  );

  it("makes an image's thumbnail now (its decode check), fitted into 480x480", async () => {
    const posterPath = path.join(out, "thumb.jpg");
    const got = await examineFile(
      makeImage("png", 1280, 720),
      fs.statSync(makeImage("png", 1280, 720)).size,
      posterPath,
      ctx,
    );
    expect(got).toMatchObject({ kind: "image", poster: posterPath });
    expect(probe(posterPath)).toMatchObject({ videoCodec: "mjpeg", width: 480, height: 270 });
  });

  it("takes an mp4 with sound only as audio, with no picture asked of it", async () => {
    const got = await examine(soundOnlyMp4(), "poster-sound.jpg");
    expect(got).toMatchObject({ kind: "audio", poster: null });
  });

  it("refuses a video whose pictures do not decode, though its index and streams look whole", async () => {
    const file = makePicturelessMp4();
    expect(await probeMedia(file)).toMatchObject({ videoCodec: "h264", width: 320, height: 240 });
    await expect(examine(file, "poster-none.jpg")).rejects.toMatchObject({
      code: 4001,
      message: expect.stringMatching(/No picture could be decoded/),
    });
  });

  it.each([
    [
      "index first, data cut",
      () => truncated(makeFaststartClip(), 0.4, "examine-cut-faststart.mp4"),
      /cut short/,
    ],
    [
      "index at the end, cut in half",
      () => truncated(makeClip(), 0.5, "examine-cut-half.mp4"),
      /damaged or incomplete/,
    ],
    [
      "matroska cut short",
      () => truncated(makeClip({ format: "mkv" }), 0.6, "examine-cut.mkv"),
      /cut short/,
    ],
  ])("refuses a truncated file (%s)", async (label, make, message) => {
    await expect(examine(make(), `poster-${label.replace(/\W+/g, "-")}.jpg`)).rejects.toMatchObject(
      { code: 4001, message: expect.stringMatching(message) },
    );
  });
});
