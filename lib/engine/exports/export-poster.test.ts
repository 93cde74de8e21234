import { describe, expect, it } from "vitest";
import { exportPosterArgs } from "./export-poster";

describe("exportPosterArgs", () => {
  it.each([
    ["a 30 s export: 1 s in", 30_000, ["-ss", "1.000"]],
    ["a 2 s export: 10% in", 2_000, ["-ss", "0.200"]],
    ["an empty one: the first frame", 0, []],
  ])("%s", (_name, ms, seek) => {
    const args = exportPosterArgs("/x/video.mp4", "/x/poster.jpg", ms);
    const i = args.indexOf("-i");
    expect(args.slice(i - seek.length, i)).toEqual(seek);
    expect(args.slice(i, i + 2)).toEqual(["-i", "/x/video.mp4"]);
    expect(args).toEqual(expect.arrayContaining(["-frames:v", "1", "-f", "image2"]));
    expect(args.at(-1)).toBe("/x/poster.jpg");
    expect(args[args.indexOf("-vf") + 1]).toBe("scale=w='min(1280,iw)':h=-2");
  });
});
