import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { parseColor } from "./text-ops";
import { run, titles, videoDraft } from "@/tests/support/engine/ops-testing";

// text, text_style, remove_text.

describe("titles", () => {
  it("adds a centered title for the first 3 s by default", () => {
    const { draft, ctx } = videoDraft([10_000]);
    const r = run(draft, [{ op: "text", text: "Urban Dreams" }], ctx);
    expect(titles(r.draft)).toEqual([
      expect.objectContaining({
        text: "Urban Dreams",
        st: 0,
        d: 3000,
        position: "center",
        kind: "title",
        size: 0.08,
      }),
    ]);
    expect(r.draft.t.find((t) => t.m.role === "titles")).toBeDefined();
    expect(r.summary).toBe('Added the text "Urban Dreams" centered, from 0:00 to 0:03.');
  });

  it("clips the title to the video and puts overlapping titles on their own track", () => {
    const { draft, ctx } = videoDraft([5000]);
    const r = run(
      draft,
      [
        { op: "text", text: "Top", start: 3, position: "top" },
        { op: "text", text: "Bottom", start: 4, position: "bottom", size: 0.05 },
      ],
      ctx,
    );
    expect(titles(r.draft).map((t) => [t.text, t.st, t.d, t.position])).toEqual([
      ["Top", 3000, 2000, "top"],
      ["Bottom", 4000, 1000, "bottom"],
    ]);
    expect(r.draft.t.filter((t) => t.m.role === "titles")).toHaveLength(2);
  });

  it("follow-ups: move, resize, recolour and reword", () => {
    const { draft, ctx } = videoDraft([10_000]);
    const base = run(
      draft,
      [
        { op: "text", text: "Hello" },
        { op: "text", text: "Later", start: 6 },
      ],
      ctx,
    );
    const moved = run(
      base.draft,
      [{ op: "text_style", position: "bottom", scale: 1.5, color: "yellow" }],
      ctx,
    );
    expect(titles(moved.draft).map((t) => [t.position, t.size, t.color])).toEqual([
      ["bottom", 0.12, "#FFD60A"],
      ["bottom", 0.12, "#FFD60A"],
    ]);
    expect(moved.summary).toBe(
      "Moved the titles to the bottom, made the titles bigger (x1.5), coloured the titles #FFD60A.",
    );
    const reworded = run(moved.draft, [{ op: "text_style", text: "Goodbye" }], ctx);
    expect(titles(reworded.draft).map((t) => t.text)).toEqual(["Hello", "Goodbye"]);
    const gone = run(reworded.draft, [{ op: "remove_text" }], ctx);
    expect(titles(gone.draft)).toEqual([]);
    expect(gone.summary).toBe("Removed 2 titles.");
  });

  it.each([
    ["#ffcc00", "#FFCC00"],
    ["#fc0", "#FFCC00"],
    ["White", "#FFFFFF"],
    ["红色", "#FF3B30"],
  ])("parses colour %s", (input, hex) => expect(parseColor(input)).toBe(hex));

  const errors: { name: string; op: Op; withTitle?: boolean; message: RegExp }[] = [
    {
      name: "text after the end",
      op: { op: "text", text: "Late", start: 12 },
      message: /only 0:10 long, so text at 0:12 would never show/,
    },
    {
      name: "text ending before it starts",
      op: { op: "text", text: "X", start: 5, end: 4 },
      message: /must end after it starts/,
    },
    { name: "blank text", op: { op: "text", text: "   " }, message: /title is empty/ },
    {
      name: "restyle with no title",
      op: { op: "text_style", position: "top" },
      message: /no title to change yet/,
    },
    {
      name: "restyle with nothing to change",
      op: { op: "text_style" },
      withTitle: true,
      message: /Say what to change about the title/,
    },
    {
      name: "unknown colour",
      op: { op: "text_style", color: "sparkly" },
      withTitle: true,
      message: /do not know the colour "sparkly"/,
    },
    {
      name: "remove text with none",
      op: { op: "remove_text" },
      message: /no title or text to remove/,
    },
  ];
  it.each(errors)("refuses: $name", ({ op, withTitle, message }) => {
    const { draft, ctx } = videoDraft([10_000]);
    const start = withTitle ? applyOp(draft, { op: "text", text: "Hi" }, ctx).draft : draft;
    expect(() => applyOp(start, op, ctx)).toThrow(message);
  });
});
