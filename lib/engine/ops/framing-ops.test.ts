import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { clips, run, videoDraft } from "@/tests/support/engine/ops-testing";

// aspect, rotate, flip, color, export: framing only, timing untouched.

describe("framing", () => {
  const aspects: { op: Op; m: object; summary: RegExp }[] = [
    {
      op: { op: "aspect", ratio: "9:16" },
      m: { aspect: "9:16", width: 1080, height: 1920, fit: "blur" },
      summary: /9:16 \(1080x1920\), filling the empty space with a blurred copy/,
    },
    {
      op: { op: "aspect", ratio: "1:1", fit: "crop" },
      m: { aspect: "1:1", width: 1080, height: 1080, fit: "crop" },
      summary: /cropping the edges/,
    },
    {
      op: { op: "aspect", ratio: "4:5", fit: "pad" },
      m: { aspect: "4:5", width: 1080, height: 1350, fit: "pad" },
      summary: /with bars/,
    },
    {
      op: { op: "aspect", ratio: "16:9" },
      m: { aspect: "16:9", width: 1920, height: 1080 },
      summary: /1920x1080/,
    },
    {
      op: { op: "export", preset: "shorts" },
      m: { preset: "shorts" },
      summary: /YouTube Shorts \(1080x1920\)/,
    },
    {
      op: { op: "export", preset: "youtube" },
      m: { preset: "youtube", width: 1920 },
      summary: /YouTube \(1920x1080\)/,
    },
  ];
  it.each(aspects)("$op.op $op", ({ op, m, summary }) => {
    const { draft, ctx } = videoDraft([4000]);
    const r = run(draft, [op], ctx);
    expect(r.draft.m).toMatchObject(m);
    expect(r.draft.d).toBe(4000);
    expect(r.summary).toMatch(summary);
  });

  const perClip: {
    name: string;
    ops: Op[];
    pick: (c: ReturnType<typeof clips>[number]) => unknown;
    want: unknown[];
    summary: RegExp;
  }[] = [
    {
      name: "rotate all 90",
      ops: [{ op: "rotate", degrees: 90 }],
      pick: (c) => c.rotate,
      want: [90, 90],
      summary: /Rotated all clips 90° clockwise/,
    },
    {
      name: "rotate adds up and wraps",
      ops: [
        { op: "rotate", degrees: 270 },
        { op: "rotate", degrees: 180 },
      ],
      pick: (c) => c.rotate,
      want: [90, 90],
      summary: /upside down/,
    },
    {
      name: "rotate -90 on one clip",
      ops: [{ op: "rotate", degrees: -90, target: { index: 1 } }],
      pick: (c) => c.rotate,
      want: [0, 270],
      summary: /clip 2 90° counter-clockwise/,
    },
    {
      name: "flip horizontal",
      ops: [{ op: "flip", axis: "horizontal" }],
      pick: (c) => c.hflip,
      want: [true, true],
      summary: /mirror/,
    },
    {
      name: "flip twice undoes it",
      ops: [
        { op: "flip", axis: "vertical" },
        { op: "flip", axis: "vertical" },
      ],
      pick: (c) => c.vflip,
      want: [false, false],
      summary: /vertically/,
    },
    {
      name: "colour look on one file",
      ops: [{ op: "color", preset: "bw", target: { mediaId: "v1" } }],
      pick: (c) => c.color,
      want: ["bw", "none"],
      summary: /Gave clip 1 black and white/,
    },
    {
      name: "remove the look",
      ops: [
        { op: "color", preset: "warm" },
        { op: "color", preset: "none" },
      ],
      pick: (c) => c.color,
      want: ["none", "none"],
      summary: /Removed the colour look from all clips/,
    },
  ];
  it.each(perClip)("$name", ({ ops, pick, want, summary }) => {
    const { draft, ctx } = videoDraft([4000, 5000]);
    const r = run(draft, ops, ctx);
    expect(clips(r.draft).map(pick)).toEqual(want);
    expect(r.draft.d).toBe(9000);
    expect(r.summary).toMatch(summary);
  });

  it("refuses framing a timeline with no clips and a clip that is not there", () => {
    const { draft, ctx } = videoDraft([4000]);
    expect(() => applyOp({ ...draft, t: [], d: 0 }, { op: "aspect", ratio: "9:16" }, ctx)).toThrow(
      /Add a clip first/,
    );
    expect(() => applyOp(draft, { op: "rotate", degrees: 90, target: { index: 5 } }, ctx)).toThrow(
      /no clip 6/,
    );
  });
});
