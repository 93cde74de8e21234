import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { clipSpans, run, titles, videoDraft } from "@/tests/support/engine/ops-testing";

// trim, cut, split on small timelines: where the clips end up (st, d, in, out), what the
// reply says, and every refusal.

describe("trim / cut / split", () => {
  const cases: {
    name: string;
    lengths: number[];
    ops: Op[];
    spans: number[][];
    summary: RegExp;
  }[] = [
    {
      name: "trim keeps a middle range",
      lengths: [30_000],
      ops: [{ op: "trim", start: 5, end: 20 }],
      spans: [[0, 15_000, 5000, 20_000]],
      summary: /0:05-0:20.*now 0:15 long \(was 0:30\)/,
    },
    {
      name: "trim only the start",
      lengths: [10_000],
      ops: [{ op: "trim", start: 2.5 }],
      spans: [[0, 7500, 2500, 10_000]],
      summary: /0:02\.5-0:10/,
    },
    {
      name: "trim only the end, across two clips",
      lengths: [4000, 6000],
      ops: [{ op: "trim", end: 7 }],
      spans: [
        [0, 4000, 0, 4000],
        [4000, 3000, 0, 3000],
      ],
      summary: /now 0:07 long/,
    },
    {
      name: "trim end past the video is clamped",
      lengths: [10_000],
      ops: [{ op: "trim", start: 1, end: 60 }],
      spans: [[0, 9000, 1000, 10_000]],
      summary: /now 0:09/,
    },
    {
      name: "trim per clip counts from each clip",
      lengths: [5000, 5000],
      ops: [{ op: "trim", start: 1, target: "all" }],
      spans: [
        [0, 4000, 1000, 5000],
        [4000, 4000, 1000, 5000],
      ],
      summary: /all clips/,
    },
    {
      name: "cut in the middle",
      lengths: [30_000],
      ops: [{ op: "cut", from: 5, to: 12 }],
      spans: [
        [0, 5000, 0, 5000],
        [5000, 18_000, 12_000, 30_000],
      ],
      summary: /^Cut 0:05-0:12 \(7 s\) from the video; it is now 0:23 long\.$/,
    },
    {
      name: "cut across a clip boundary",
      lengths: [4000, 4000],
      ops: [{ op: "cut", from: 3, to: 5 }],
      spans: [
        [0, 3000, 0, 3000],
        [3000, 3000, 1000, 4000],
      ],
      summary: /2 s/,
    },
    {
      name: "cut the start",
      lengths: [10_000],
      ops: [{ op: "cut", from: 0, to: 2 }],
      spans: [[0, 8000, 2000, 10_000]],
      summary: /0:00-0:02/,
    },
    {
      name: "cut to past the end is clamped",
      lengths: [10_000],
      ops: [{ op: "cut", from: 8, to: 99 }],
      spans: [[0, 8000, 0, 8000]],
      summary: /0:08-0:10 \(2 s\)/,
    },
    {
      name: "cut on the second clip only",
      lengths: [4000, 4000],
      ops: [{ op: "cut", from: 0, to: 1, target: { index: 1 } }],
      spans: [
        [0, 4000, 0, 4000],
        [4000, 3000, 1000, 4000],
      ],
      summary: /from clip 2/,
    },
    {
      name: "split inside a clip",
      lengths: [10_000],
      ops: [{ op: "split", at: 4 }],
      spans: [
        [0, 4000, 0, 4000],
        [4000, 6000, 4000, 10_000],
      ],
      summary: /Split clip 1 at 0:04: the timeline now has 2 clips/,
    },
  ];
  it.each(cases)("$name", ({ lengths, ops, spans, summary }) => {
    const { draft, ctx } = videoDraft(lengths);
    const r = run(draft, ops, ctx);
    expect(clipSpans(r.draft)).toEqual(spans);
    expect(r.summary).toMatch(summary);
  });

  it("cut at sped-up clips maps output time to source time", () => {
    const { draft, ctx } = videoDraft([20_000]);
    const fast = run(draft, [{ op: "speed", factor: 2 }], ctx);
    const r = run(fast.draft, [{ op: "cut", from: 2, to: 4 }], ctx);
    expect(clipSpans(r.draft)).toEqual([
      [0, 2000, 0, 4000],
      [2000, 6000, 8000, 20_000],
    ]);
  });

  it("trims the intro from analysis and says why", () => {
    const { draft, ctx } = videoDraft([10_000], [], {
      v1: { contentStartMs: 3200, contentStartReason: "speech starts" },
    });
    const r = run(draft, [{ op: "trim", start: "intro" }], ctx);
    expect(clipSpans(r.draft)).toEqual([[0, 6800, 3200, 10_000]]);
    expect(r.summary).toMatch(/intro.*0:03\.2.*speech starts/);
  });

  it("refuses an intro that covers the whole first clip", () => {
    const { draft, ctx } = videoDraft([4000, 6000], [], { v1: { contentStartMs: 4000 } });
    expect(() => applyOp(draft, { op: "trim", start: "intro" }, ctx)).toThrow(
      /whole first clip looks like intro/,
    );
  });

  it("says so when the content starts right at the beginning", () => {
    const { draft, ctx } = videoDraft([10_000], [], { v1: { contentStartMs: 0 } });
    const r = run(draft, [{ op: "trim", start: "intro" }], ctx);
    expect(r.draft).toEqual(draft);
    expect(r.summary).toMatch(/content starts right at the beginning/);
  });

  it("a title inside a cut goes away and the reply says so; a later title moves earlier", () => {
    const { draft, ctx } = videoDraft([30_000]);
    const withTitles = run(
      draft,
      [
        { op: "text", text: "Early", start: 6, end: 9 },
        { op: "text", text: "Late", start: 20, end: 23 },
      ],
      ctx,
    );
    const r = run(withTitles.draft, [{ op: "cut", from: 5, to: 12 }], ctx);
    expect(titles(r.draft).map((t) => [t.text, t.st, t.d])).toEqual([["Late", 13_000, 3000]]);
    expect(r.summary).toMatch(/"Early" was in the removed part/);
  });

  const errors: { name: string; lengths: number[]; op: Op; message: RegExp }[] = [
    {
      name: "trim with no range",
      lengths: [10_000],
      op: { op: "trim" },
      message: /Say which part to keep/,
    },
    {
      name: "trim start after the end of the video",
      lengths: [10_000],
      op: { op: "trim", start: 12 },
      message: /only 0:10 long/,
    },
    {
      name: "trim end before start",
      lengths: [10_000],
      op: { op: "trim", start: 6, end: 4 },
      message: /must come after the start/,
    },
    {
      name: "trim start past one clip",
      lengths: [4000, 6000],
      op: { op: "trim", start: 5, target: { index: 0 } },
      message: /clip 1 is only 0:04 long, so it cannot start at 0:05/,
    },
    {
      name: "trim intro without analysis",
      lengths: [10_000],
      op: { op: "trim", start: "intro" },
      message: /could not find where the intro ends/,
    },
    {
      name: "cut outside the video",
      lengths: [10_000],
      op: { op: "cut", from: 15, to: 20 },
      message: /nothing at 0:15 to cut: the video is only 0:10 long/,
    },
    {
      name: "cut backwards",
      lengths: [10_000],
      op: { op: "cut", from: 5, to: 5 },
      message: /must end after it starts/,
    },
    {
      name: "cut everything",
      lengths: [10_000],
      op: { op: "cut", from: 0, to: 10 },
      message: /remove the whole video/,
    },
    {
      name: "cut on a missing clip",
      lengths: [10_000],
      op: { op: "cut", from: 0, to: 1, target: { index: 3 } },
      message: /no clip 4: the timeline has 1 clip/,
    },
    {
      name: "split at the end",
      lengths: [10_000],
      op: { op: "split", at: 10 },
      message: /between 0:00 and 0:10/,
    },
    {
      name: "split on an existing cut",
      lengths: [4000, 4000],
      op: { op: "split", at: 4 },
      message: /already a cut at 0:04/,
    },
  ];
  it.each(errors)("refuses: $name", ({ lengths, op, message }) => {
    const { draft, ctx } = videoDraft(lengths);
    expect(() => applyOp(draft, op, ctx)).toThrow(message);
  });

  it("refuses every edit on an empty timeline with the same sentence", () => {
    const { ctx } = videoDraft([1000]);
    const ops: Op[] = [
      { op: "trim", start: 1 },
      { op: "cut", from: 0, to: 1 },
      { op: "split", at: 1 },
      { op: "speed", factor: 2 },
      { op: "text", text: "Hi" },
    ];
    for (const op of ops)
      expect(() => applyOp({ t: [], d: 0, m: videoDraft([1000]).draft.m }, op, ctx)).toThrow(
        "Add a clip first: drop a video on the page.",
      );
  });
});
