import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { clipSpans, run, titles, videoDraft } from "@/tests/support/engine/ops-testing";

// The studio's gestures as ops: edge trims (both ways), ripple delete of selected clips,
// and moving / resizing / rewording one text block.

describe("clip_bounds", () => {
  const cases: { name: string; lengths: number[]; op: Op; spans: number[][]; summary: RegExp }[] = [
    {
      name: "left edge in by 2 s",
      lengths: [10_000],
      op: { op: "clip_bounds", index: 0, in: 2 },
      spans: [[0, 8000, 2000, 10_000]],
      summary: /0:02-0:10 of its source; the video is now 0:08 long \(was 0:10\)/,
    },
    {
      name: "right edge of the first clip ripples the second",
      lengths: [4000, 3000],
      op: { op: "clip_bounds", index: 0, out: 3 },
      spans: [
        [0, 3000, 0, 3000],
        [3000, 3000, 0, 3000],
      ],
      summary: /now 0:06 long/,
    },
    {
      name: "dragging out again restores the source",
      lengths: [4000, 3000],
      op: { op: "clip_bounds", index: 1, in: 0, out: 99 },
      spans: [
        [0, 4000, 0, 4000],
        [4000, 3000, 0, 3000],
      ],
      summary: /0:00-0:03 of its source/,
    },
  ];
  it.each(cases)("$name", ({ lengths, op, spans, summary }) => {
    const { draft, ctx } = videoDraft(lengths);
    const r = run(draft, [op], ctx);
    expect(clipSpans(r.draft)).toEqual(spans);
    expect(r.summary).toMatch(summary);
  });

  it("an edge dragged back out extends a trimmed clip, and a title after it moves along", () => {
    const { draft, ctx } = videoDraft([4000, 6000]);
    const trimmed = run(
      draft,
      [
        { op: "clip_bounds", index: 0, in: 2 },
        { op: "text", text: "Later", start: 3, end: 5 },
      ],
      ctx,
    );
    expect(titles(trimmed.draft).map((t) => [t.st, t.d])).toEqual([[3000, 2000]]);
    const r = run(trimmed.draft, [{ op: "clip_bounds", index: 0, in: 1 }], ctx);
    expect(clipSpans(r.draft)).toEqual([
      [0, 3000, 1000, 4000],
      [3000, 6000, 0, 6000],
    ]);
    expect(titles(r.draft).map((t) => [t.st, t.d])).toEqual([[4000, 2000]]);
  });

  it("refuses a clip trimmed to nothing and a missing clip", () => {
    const { draft, ctx } = videoDraft([4000]);
    expect(() => applyOp(draft, { op: "clip_bounds", index: 0, in: 3.95 }, ctx)).toThrow(
      /shorter than 0.1 s/,
    );
    expect(() => applyOp(draft, { op: "clip_bounds", index: 3, in: 1 }, ctx)).toThrow(
      /There is no clip 4: the timeline has 1 clip/,
    );
  });
});

describe("delete_clips", () => {
  it("ripple-deletes the selected clips", () => {
    const { draft, ctx } = videoDraft([1000, 2000, 3000]);
    const r = run(draft, [{ op: "delete_clips", indexes: [2, 0] }], ctx);
    expect(clipSpans(r.draft)).toEqual([[0, 2000, 0, 2000]]);
    expect(r.summary).toMatch(/Deleted 2 clips \(0:04\); the video is now 0:02 long/);
  });
  it("never deletes every clip", () => {
    const { draft, ctx } = videoDraft([1000, 2000]);
    expect(() => applyOp(draft, { op: "delete_clips", indexes: [0, 1] }, ctx)).toThrow(
      /every clip/,
    );
  });
});

describe("edit_text", () => {
  function titled() {
    const { draft, ctx } = videoDraft([10_000]);
    const r = run(
      draft,
      [
        { op: "text", text: "One", start: 0, end: 2 },
        { op: "text", text: "Two", start: 5, end: 7 },
      ],
      ctx,
    );
    return { draft: r.draft, ctx, ids: titles(r.draft).map((t) => t.id) };
  }
  it("moves, resizes, rewords and places a title", () => {
    const { draft, ctx, ids } = titled();
    const r = run(
      draft,
      [{ op: "edit_text", id: ids[0], start: 2.5, end: 4, text: "Uno", position: "top" }],
      ctx,
    );
    const one = titles(r.draft).find((t) => t.id === ids[0])!;
    expect([one.st, one.d, one.text, one.position]).toEqual([2500, 1500, "Uno", "top"]);
    expect(r.summary).toMatch(/The title "One" now reads "Uno", shows 0:02.5-0:04, sits top/);
  });
  it("a move alone keeps the length and stops at the end of the video", () => {
    const { draft, ctx, ids } = titled();
    const r = run(draft, [{ op: "edit_text", id: ids[1], start: 9.5 }], ctx);
    expect(titles(r.draft).find((t) => t.id === ids[1])!).toMatchObject({ st: 8000, d: 2000 });
  });
  it("a title moved over another goes to a second title track", () => {
    const { draft, ctx, ids } = titled();
    const r = run(draft, [{ op: "edit_text", id: ids[0], start: 5.5 }], ctx);
    expect(r.draft.t.filter((t) => t.m.role === "titles")).toHaveLength(2);
    expect(
      titles(r.draft)
        .map((t) => t.st)
        .sort(),
    ).toEqual([5000, 5500]);
  });
  const errors: { name: string; op: (ids: string[]) => Op; message: RegExp }[] = [
    {
      name: "unknown block",
      op: () => ({ op: "edit_text", id: "nope", start: 1 }),
      message: /no longer on the timeline/,
    },
    {
      name: "too short",
      op: (ids) => ({ op: "edit_text", id: ids[0], start: 1, end: 1.1 }),
      message: /less than 0.2 s/,
    },
    {
      name: "empty words",
      op: (ids) => ({ op: "edit_text", id: ids[0], text: " \n " }),
      message: /The text is empty/,
    },
  ];
  it.each(errors)("refuses: $name", ({ op, message }) => {
    const { draft, ctx, ids } = titled();
    expect(() => applyOp(draft, op(ids), ctx)).toThrow(message);
  });
});

describe("remove_text with ids", () => {
  it("removes only the picked block and refuses ids that are gone", () => {
    const { draft, ctx } = videoDraft([10_000]);
    const two = run(
      draft,
      [
        { op: "text", text: "One", start: 0, end: 2 },
        { op: "text", text: "Two", start: 5, end: 7 },
      ],
      ctx,
    );
    const [one] = titles(two.draft);
    const r = run(two.draft, [{ op: "remove_text", ids: [one.id] }], ctx);
    expect(titles(r.draft).map((t) => t.text)).toEqual(["Two"]);
    expect(r.summary).toBe('Removed the title "One".');
    expect(() => applyOp(r.draft, { op: "remove_text", ids: [one.id] }, ctx)).toThrow(
      /no longer on the timeline/,
    );
  });
});
