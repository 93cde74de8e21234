import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeClip, probe } from "@/tests/support/make-media";
import { makePoster } from "./make-derived";
import { probeMedia } from "./probe-media";
import { makeAllBlackClip, makeBlackIntroClip } from "@/tests/support/engine/test-media";

const ctx = { ffmpegPath: "ffmpeg" };
const out = fs.mkdtempSync(path.join(os.tmpdir(), "vso-derived-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const poster = async (src: string, name: string) => {
  const file = path.join(out, name);
  await makePoster(src, file, await probeMedia(src), ctx);
  return file;
};
/** Mean of the picture scaled to 16x16 grey, 0-255. */
function brightness(file: string): number {
  const grey = execFileSync("ffmpeg", [
    "-v",
    "error",
    "-i",
    file,
    "-vf",
    "scale=16:16,format=gray",
    "-f",
    "rawvideo",
    "-",
  ]);
  expect(grey.length).toBe(256);
  return grey.reduce((a, b) => a + b, 0) / grey.length;
}

describe("makePoster", () => {
  it("takes a fitted picture a second in", async () => {
    const file = await poster(makeClip({ seconds: 4, width: 1280, height: 720 }), "plain.jpg");
    expect(probe(file)).toMatchObject({ videoCodec: "mjpeg", width: 480, height: 270 });
    expect(brightness(file)).toBeGreaterThan(30);
  });

  it("looks further in when the picture at 1 s is black (a black intro)", async () => {
    const file = await poster(makeBlackIntroClip(), "black-intro.jpg");
    expect(brightness(file)).toBeGreaterThan(30);
    expect(fs.readdirSync(out).filter((f) => f.includes(".later."))).toEqual([]);
  });

  it("keeps a black picture when the whole clip is black", async () => {
    const file = await poster(makeAllBlackClip(), "all-black.jpg");
    expect(probe(file).videoCodec).toBe("mjpeg");
    expect(brightness(file)).toBeLessThan(10);
  });
});
