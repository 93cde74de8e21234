import { describe, expect, it } from "vitest";
import { draftSchema } from "@/lib/draft/schema";
import { fpsExpr, outputSpec, PRESETS } from "./presets";

const draft = (m: Record<string, unknown> = {}) => draftSchema.parse({ t: [], d: 0, m });

describe("outputSpec", () => {
  it.each([
    ["youtube", 1920, 1080],
    ["shorts", 1080, 1920],
    ["tiktok", 1080, 1920],
    ["reels", 1080, 1920],
    ["instagram", 1080, 1080],
    ["square", 1080, 1080],
    ["portrait", 1080, 1350],
    ["720p", 1280, 720],
    ["1080p", 1920, 1080],
    ["twitter", 1920, 1080],
    ["linkedin", 1920, 1080],
  ] as const)("%s is %dx%d", (preset, w, h) => {
    const spec = outputSpec(draft(), preset, false);
    expect([spec.width, spec.height]).toEqual([w, h]);
    expect(PRESETS[preset].label).toBeTruthy();
  });

  it("keeps the draft's frame rate up to 60 and its loudness target", () => {
    expect(outputSpec(draft({ fps: 50, loudness: -14 }), "youtube", false)).toMatchObject({
      fps: 50,
      loudness: -14,
      x264Preset: "veryfast",
    });
    expect(outputSpec(draft({ fps: 60 }), "youtube", false).fps).toBe(60);
  });

  it("makes previews small, fast and at most 30 fps, keeping the preset's shape", () => {
    expect(outputSpec(draft({ fps: 60 }), "youtube", true)).toMatchObject({
      width: 640,
      height: 360,
      fps: 30,
      x264Preset: "ultrafast",
      preview: true,
    });
    expect(outputSpec(draft(), "shorts", true)).toMatchObject({ width: 360, height: 640 });
  });
});

describe("fpsExpr", () => {
  it.each([
    [30, "30"],
    [29.97, "30000/1001"],
    [23.976, "24000/1001"],
    [59.94, "60000/1001"],
    [12.5, "12.500"],
  ])("%d -> %s", (fps, expr) => expect(fpsExpr(fps)).toBe(expr));
});
