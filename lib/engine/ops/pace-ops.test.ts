import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import {
  clipSpans,
  clips,
  fakeMedia,
  run,
  titles,
  videoDraft,
} from "@/tests/support/engine/ops-testing";

// speed and reorder: clip lengths, the other tracks following, and refusals.

describe("speed / reorder", () => {
  const cases: {
    name: string;
    lengths: number[];
    ops: Op[];
    spans: number[][];
    summary: RegExp;
  }[] = [
    {
      name: "2x on everything halves the length",
      lengths: [30_000],
      ops: [{ op: "speed", factor: 2 }],
      spans: [[0, 15_000, 0, 30_000]],
      summary: /Set the video to 2x speed: the video is now 0:15 long \(was 0:30\)/,
    },
    {
      name: "half speed doubles it",
      lengths: [4000],
      ops: [{ op: "speed", factor: 0.5 }],
      spans: [[0, 8000, 0, 4000]],
      summary: /0:08 long/,
    },
    {
      name: "one clip only",
      lengths: [4000, 4000],
      ops: [{ op: "speed", factor: 4, target: { index: 0 } }],
      spans: [
        [0, 1000, 0, 4000],
        [1000, 4000, 0, 4000],
      ],
      summary: /clip 1 to 4x/,
    },
    {
      name: "speed is set, not multiplied",
      lengths: [6000],
      ops: [
        { op: "speed", factor: 2 },
        { op: "speed", factor: 1.5 },
      ],
      spans: [[0, 4000, 0, 6000]],
      summary: /1\.5x/,
    },
    {
      name: "reorder three clips",
      lengths: [1000, 2000, 3000],
      ops: [{ op: "reorder", order: [2, 0, 1] }],
      spans: [
        [0, 3000, 0, 3000],
        [3000, 1000, 0, 1000],
        [4000, 2000, 0, 2000],
      ],
      summary: /Reordered the clips: v3\.mp4, v1\.mp4, v2\.mp4; the video is still 0:06 long/,
    },
    {
      name: "reorder to the same order",
      lengths: [1000, 2000],
      ops: [{ op: "reorder", order: [0, 1] }],
      spans: [
        [0, 1000, 0, 1000],
        [1000, 2000, 0, 2000],
      ],
      summary: /already in that order/,
    },
  ];
  it.each(cases)("$name", ({ lengths, ops, spans, summary }) => {
    const { draft, ctx } = videoDraft(lengths);
    const r = run(draft, ops, ctx);
    expect(clipSpans(r.draft)).toEqual(spans);
    expect(r.summary).toMatch(summary);
  });

  it("photos keep their hold time when the video is sped up", () => {
    const { draft, ctx } = videoDraft([4000], [fakeMedia("p1", "image", 0)]);
    const both = run(
      draft,
      [
        { op: "add_clips", mediaIds: ["p1"] },
        { op: "speed", factor: 2 },
      ],
      ctx,
    );
    expect(clipSpans(both.draft)).toEqual([
      [0, 2000, 0, 4000],
      [2000, 3000, 0, 3000],
    ]);
    expect(clips(both.draft)[1].speed).toBe(1);
  });

  it("a title follows its clip through a reorder", () => {
    const { draft, ctx } = videoDraft([4000, 6000]);
    const titled = run(draft, [{ op: "text", text: "Second", start: 5, end: 7 }], ctx);
    const r = run(titled.draft, [{ op: "reorder", order: [1, 0] }], ctx);
    expect(titles(r.draft).map((t) => [t.st, t.d])).toEqual([[1000, 2000]]);
  });

  const errors: { name: string; op: Op; message: RegExp; extra?: boolean }[] = [
    { name: "speed too fast", op: { op: "speed", factor: 8 }, message: /from 0\.25x .* to 4x/ },
    { name: "speed too slow", op: { op: "speed", factor: 0.1 }, message: /from 0\.25x/ },
    {
      name: "speed on a photo only",
      op: { op: "speed", factor: 2, target: { mediaId: "p1" } },
      message: /Photos have no speed/,
      extra: true,
    },
    {
      name: "speed on a file not on the timeline",
      op: { op: "speed", factor: 2, target: { mediaId: "nope" } },
      message: /not on the timeline/,
    },
    {
      name: "reorder missing a clip",
      op: { op: "reorder", order: [1] },
      message: /list every clip once: the timeline has 2 clips \(1 to 2\)/,
    },
    {
      name: "reorder repeating a clip",
      op: { op: "reorder", order: [0, 0] },
      message: /list every clip once/,
    },
    {
      name: "reorder out of range",
      op: { op: "reorder", order: [0, 2] },
      message: /list every clip once/,
    },
  ];
  it.each(errors)("refuses: $name", ({ op, message, extra }) => {
    const { draft, ctx } = videoDraft([4000], [fakeMedia("p1", "image", 0)]);
    const start = extra
      ? applyOp(draft, { op: "add_clips", mediaIds: ["p1"] }, ctx).draft
      : applyOp(draft, { op: "add_clips", mediaIds: ["v1"] }, ctx).draft;
    expect(() => applyOp(start, op, ctx)).toThrow(message);
  });
});
