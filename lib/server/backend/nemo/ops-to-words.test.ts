import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { opsToWords, opToWords } from "./ops-to-words";

describe("opToWords", () => {
  it.each<[Op, string]>([
    [{ op: "trim", start: "intro" }, "trim the intro"],
    [{ op: "trim", start: 2, end: 8 }, "trim the video to keep 2s to 8s"],
    [
      { op: "cut", from: 1, to: 2.5, target: { index: 1 } },
      "cut out 1s to 2.5s on the second clip",
    ],
    [{ op: "speed", factor: 2 }, "set the speed to 2x"],
    [{ op: "volume", level: 0.35, track: "music" }, "set the music volume to 35%"],
    [{ op: "fade", in: 1, out: 2 }, "fade in over 1s and fade out over 2s"],
    [
      { op: "text", text: "Urban Dreams", start: 0, end: 3, position: "top" },
      'add the title "Urban Dreams" from 0s to 3s at the top',
    ],
    [{ op: "captions", style: "bold" }, "add captions in the bold style"],
    [{ op: "caption_style", scale: 1.5 }, "change the captions: make them 1.5x bigger"],
    [{ op: "aspect", ratio: "9:16", fit: "blur" }, "change the aspect ratio to 9:16 (blur to fit)"],
    [{ op: "add_clips", mediaIds: ["m1", "m2"] }, 'put "intro.mp4", "m2" on the timeline'],
    [{ op: "add_clips" }, "put all my uploaded clips on the timeline"],
    [
      { op: "music", source: "m3", level: 0.3, duck: true },
      'add "m3" at 30% volume, lowered under speech',
    ],
    [{ op: "remove_captions" }, "remove the captions"],
    [{ op: "reorder", order: [1, 0] }, "reorder the clips as second, first"],
  ])("%j", (op, words) => {
    expect(opToWords(op, { m1: "intro.mp4" })).toBe(words);
  });

  it("joins several ops into one request", () => {
    expect(opsToWords([{ op: "trim", start: "intro" }, { op: "captions" }])).toBe(
      "Trim the intro, then add captions.",
    );
  });
});
