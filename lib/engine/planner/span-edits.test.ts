import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { combineSpans, spanEffect } from "./span-edits";

// Several spans of one request, read in the video's own times, and the sentence about them.

describe("combineSpans", () => {
  it.each<[string, Op[], Op[]]>([
    [
      "start and end",
      [
        { op: "trim", start: 15 },
        { op: "trim", end: 150 },
      ],
      [{ op: "trim", start: 15, end: 150 }],
    ],
    [
      "two cuts, later first",
      [
        { op: "cut", from: 30, to: 35 },
        { op: "cut", from: 90, to: 95 },
      ],
      [
        { op: "cut", from: 90, to: 95 },
        { op: "cut", from: 30, to: 35 },
      ],
    ],
    [
      "start, middle, end",
      [
        { op: "trim", start: 3 },
        { op: "cut", from: 60, to: 65 },
        { op: "trim", end: 170 },
      ],
      [
        { op: "trim", end: 170 },
        { op: "cut", from: 60, to: 65 },
        { op: "trim", start: 3 },
      ],
    ],
    [
      "other ops keep their place",
      [
        { op: "captions" },
        { op: "trim", start: 5 },
        { op: "trim", end: 175 },
        { op: "export", preset: "youtube" },
      ],
      [{ op: "captions" }, { op: "trim", start: 5, end: 175 }, { op: "export", preset: "youtube" }],
    ],
    ["one span op is left as said", [{ op: "trim", start: 5 }], [{ op: "trim", start: 5 }]],
  ])("%s", (_, ops, want) => expect(combineSpans(ops, 180)).toEqual(want));
});

describe("spanEffect", () => {
  it("says what goes and what stays", () => {
    expect(spanEffect([{ op: "cut", from: 130, to: 138 }], 180, "en")).toBe(
      "2:10-2:18 (8 s) goes; 0:00-2:10 and 2:18-3:00 stay: the video will be 2:52.",
    );
    expect(spanEffect([{ op: "trim", start: 60, end: 68 }], 180, "zh")).toBe(
      "删除 0:00-1:00 和 1:08-3:00（2:52），保留 1:00-1:08：视频将变为 8 秒。",
    );
  });
  it("says nothing without a span edit or the video's length", () => {
    expect(spanEffect([{ op: "captions" }], 180, "en")).toBeNull();
    expect(spanEffect([{ op: "cut", from: 1, to: 2 }], undefined, "en")).toBeNull();
  });
});
