import { describe, expect, it } from "vitest";
import { applyOp } from "./apply-op";
import { envelope } from "@/tests/support/engine/ops-testing-energy";
import { captionCues, clipSpans, run, videoDraft } from "@/tests/support/engine/ops-testing";

// Word range -> ops: a span of words becomes a ripple cut whose ends sit in the pauses
// around it, snapped to quiet; pauses shorten; cut words come back with restore_words.

const WORDS = [
  { w: "Hello", s: 0, e: 400 },
  { w: "big", s: 600, e: 900 },
  { w: "wide", s: 1100, e: 1500 },
  { w: "world.", s: 1800, e: 2200 },
];

describe("cut_words", () => {
  it("cuts a word with the pauses around it shared: half of each stays at the join", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const r = run(draft, [{ op: "cut_words", spans: [{ from: 0.6, to: 0.9 }] }], ctx);
    // Pause before "big" is 400-600 (cut at 500), after it 900-1100 (cut at 1000).
    expect(clipSpans(r.draft)).toEqual([
      [0, 500, 0, 500],
      [500, 2000, 1000, 3000],
    ]);
    expect(r.summary).toMatch(/^Cut "big" at 0:00\.5 \(0\.5 s\); the video is now 0:02\.5 long\.$/);
  });

  it("snaps each end to quiet when recognition placed the word edge inside the sound", () => {
    // "big" really lasts until 1040 (recognition said 900): the cut must not clip it... it is cut, so the end moves past it.
    const energy = envelope(3000, [
      [0, 400],
      [650, 1040],
      [1100, 1500],
      [1800, 2200],
    ]);
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS, energy } });
    const r = run(draft, [{ op: "cut_words", spans: [{ from: 0.6, to: 0.9 }] }], ctx);
    const [[, , , out], [, , inn]] = clipSpans(r.draft);
    expect(Math.abs(out - 500)).toBeLessThanOrEqual(5);
    expect(inn).toBeGreaterThanOrEqual(1060);
    expect(inn).toBeLessThanOrEqual(1080);
  });

  it("keeps at most 250 ms of a long pause on each side, and cuts to the end when the last words go", () => {
    const words = [
      { w: "one", s: 0, e: 300 },
      { w: "two", s: 2000, e: 2300 },
      { w: "three", s: 4000, e: 4300 },
    ];
    const { draft, ctx } = videoDraft([5000], [], { v1: { words } });
    expect(
      clipSpans(run(draft, [{ op: "cut_words", spans: [{ from: 2, to: 2.3 }] }], ctx).draft),
    ).toEqual([
      [0, 550, 0, 550],
      [550, 1250, 3750, 5000],
    ]);
    // The last word: 250 ms of the pause before it and 300 ms of lead-out stay.
    expect(
      clipSpans(run(draft, [{ op: "cut_words", spans: [{ from: 4, to: 4.3 }] }], ctx).draft),
    ).toEqual([
      [0, 2550, 0, 2550],
      [2550, 400, 4600, 5000],
    ]);
  });

  it("several spans in one op (one undo), captions follow the cut", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const r = run(
      draft,
      [
        { op: "captions" },
        {
          op: "cut_words",
          spans: [
            { from: 0, to: 0.4 },
            { from: 1.1, to: 1.5 },
          ],
        },
      ],
      ctx,
    );
    expect(r.summary).toMatch(/^Cut 2 passages \(2 words\)/);
    expect(
      captionCues(r.draft)
        .map((c) => c.text)
        .join(" "),
    ).toBe("big world.");
  });

  it("refuses an empty or out-of-range selection with a sentence", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    expect(() => applyOp(draft, { op: "cut_words", spans: [{ from: 1, to: 1 }] }, ctx)).toThrow(
      /Select at least one word/,
    );
    expect(() => applyOp(draft, { op: "cut_words", spans: [{ from: 9, to: 10 }] }, ctx)).toThrow(
      /only 0:03 long/,
    );
  });
});

describe("shorten_pause", () => {
  it("cuts the middle of a pause, keeping what was asked", () => {
    const words = [
      { w: "one", s: 0, e: 300 },
      { w: "two", s: 2000, e: 2300 },
    ];
    const { draft, ctx } = videoDraft([3000], [], { v1: { words } });
    const r = run(draft, [{ op: "shorten_pause", from: 0.3, to: 2, keep: 0.4 }], ctx);
    expect(clipSpans(r.draft)).toEqual([
      [0, 500, 0, 500],
      [500, 1200, 1800, 3000],
    ]);
    expect(r.summary).toMatch(/Shortened the pause at 0:00\.3 to 0\.4 s/);
    const gone = run(draft, [{ op: "shorten_pause", from: 0.3, to: 2 }], ctx);
    expect(gone.draft.d).toBe(1300);
    expect(
      run(draft, [{ op: "shorten_pause", from: 0.3, to: 0.5, keep: 0.4 }], ctx).summary,
    ).toMatch(/already 0\.2 s long, so nothing was cut/);
  });
});

describe("restore_words", () => {
  it("puts a cut back exactly: the two pieces become one clip again, captions come back", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const cut = run(
      draft,
      [{ op: "captions" }, { op: "cut_words", spans: [{ from: 0.6, to: 0.9 }] }],
      ctx,
    );
    const back = run(cut.draft, [{ op: "restore_words", mediaId: "v1", from: 0.6, to: 0.9 }], ctx);
    expect(clipSpans(back.draft)).toEqual([[0, 3000, 0, 3000]]);
    expect(
      captionCues(back.draft)
        .map((c) => c.text)
        .join(" "),
    ).toBe("Hello big wide world.");
    expect(back.summary).toMatch(/^Restored 0\.5 s of v1\.mp4 at 0:00\.5/);
  });

  it("restores a trimmed start, and says when the words are not cut", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const trimmed = run(draft, [{ op: "trim", start: 1 }], ctx);
    expect(
      clipSpans(
        run(trimmed.draft, [{ op: "restore_words", mediaId: "v1", from: 0.6, to: 0.9 }], ctx).draft,
      ),
    ).toEqual([[0, 3000, 0, 3000]]);
    expect(() =>
      applyOp(draft, { op: "restore_words", mediaId: "v1", from: 0.6, to: 0.9 }, ctx),
    ).toThrow(/already in the video/);
  });
});
