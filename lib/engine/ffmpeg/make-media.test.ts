import { describe, expect, it } from "vitest";
import { makeClip, makeSpeechClip, probe } from "@/tests/support/make-media";

// The generators the other tests rely on must make what they promise.
describe("test media generators", () => {
  it("makes a clip of the asked size, rate and length", () => {
    const p = probe(makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }));
    expect(p).toMatchObject({ width: 320, height: 240, videoCodec: "h264", audioCodec: "aac" });
    expect(p.duration).toBeCloseTo(1, 1);
  });

  it("makes a speech clip with a silent intro", () => {
    const p = probe(makeSpeechClip({ text: "hello there", silenceSeconds: 2 }));
    expect(p.duration).toBeGreaterThan(2.5);
    expect(p.audioCodec).toBe("aac");
  });
});

describe("samplePixel", () => {
  it("reads a pixel of a yuv420p H.264 frame", async () => {
    const { makeClip, samplePixel } = await import("@/tests/support/make-media");
    const { execFileSync } = await import("node:child_process");
    const red = makeClip({ seconds: 1, name: "red.mp4" }).replace("red.mp4", "solid-red.mp4");
    execFileSync("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "color=c=red:size=64x64:d=1",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv420p",
      red,
    ]);
    const [r, g, b] = samplePixel(red, 0.5, 31, 31);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });
});

describe("makeClip rotation", () => {
  it("writes the display rotation a phone would", async () => {
    const { makeClip } = await import("@/tests/support/make-media");
    const { execFileSync } = await import("node:child_process");
    const file = makeClip({ seconds: 1, rotate: 90, name: "rotated-90.mp4" });
    const out = execFileSync(
      "ffprobe",
      [
        "-v",
        "error",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream_side_data=rotation:stream_tags=rotate",
        "-of",
        "json",
        file,
      ],
      { encoding: "utf8" },
    );
    expect(out).toMatch(/"rotation": -?90|"rotate": "90"/);
  });
});
