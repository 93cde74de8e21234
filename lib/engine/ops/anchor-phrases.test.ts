import { describe, expect, it } from "vitest";
import { applyOp } from "./apply-op";
import { anchorRanges, findPhrase } from "./anchor-phrases";
import { clipSpans, fakeMedia, makeCtx, run, videoDraft } from "@/tests/support/engine/ops-testing";

// Quoted phrases anchored to the words on the timeline: found, not found, ambiguous,
// across clips and after earlier cuts.

const w = (text: string, start: number, step = 400) =>
  text.split(" ").map((x, i) => ({ w: x, s: start + i * step, e: start + i * step + 300 }));

const TALK = [
  ...w("so basically welcome back everyone", 0),
  ...w("today basically we build", 3000),
  ...w("let's begin now.", 5500),
];

describe("anchorRanges", () => {
  it("finds every occurrence, ignoring case, punctuation and apostrophes", () => {
    expect(findPhrase(TALK, "Basically")).toEqual([1, 6]);
    expect(findPhrase(TALK, "lets begin")).toEqual([9]);
    expect(anchorRanges(TALK, { match: "every", phrase: "basically" })).toEqual([
      [1, 1],
      [6, 6],
    ]);
  });

  it("cuts from a phrase through the next place the second one is said", () => {
    expect(
      anchorRanges(TALK, { match: "range", phrase: "welcome back", until: "let's begin" }),
    ).toEqual([[2, 10]]);
  });

  it("finds the sentence that starts with a phrase: up to its full stop or a long pause", () => {
    expect(anchorRanges(TALK, { match: "sentence", phrase: "today" })).toEqual([[5, 8]]);
    expect(anchorRanges(TALK, { match: "sentence", phrase: "let's begin" })).toEqual([[9, 11]]);
  });

  it.each([
    [{ match: "every", phrase: "actually" }, /could not find "actually" in the speech/],
    [{ match: "range", phrase: "welcome", until: "goodbye" }, /could not find "goodbye"/],
    [
      { match: "range", phrase: "let's begin", until: "welcome back" },
      /only said before "let's begin"/,
    ],
    [
      { match: "range", phrase: "basically", until: "now" },
      /"basically" is said 2 times \(at 0:00\.4, 0:03\.4\), so I don't know which one/,
    ],
  ] as const)("says so clearly: %j", (req, message) => {
    expect(() => anchorRanges(TALK, req)).toThrow(message);
  });

  it("asks when no transcript is there", () => {
    expect(() => anchorRanges([], { match: "every", phrase: "x" })).toThrow(
      /no words for this video yet/,
    );
  });
});

describe("cut_text", () => {
  it("removes every occurrence as word cuts, in one op", () => {
    const { draft, ctx } = videoDraft([7000], [], { v1: { words: TALK } });
    const r = run(draft, [{ op: "cut_text", match: "every", phrase: "basically" }], ctx);
    expect(r.summary).toMatch(/^Cut every "basically" \(2 times\)/);
    expect(r.draft.d).toBeLessThan(7000 - 600);
  });

  it("anchors across clips: a phrase that starts in one clip and ends in the next", () => {
    const media = [fakeMedia("a", "video", 2000), fakeMedia("b", "video", 2000)];
    const ctx = makeCtx(media, {
      a: { words: w("hello there welcome", 0, 600) },
      b: { words: w("back friends", 0, 600) },
    });
    const draft = applyOp(
      {
        t: [],
        d: 0,
        m: {
          title: "x",
          width: 1920,
          height: 1080,
          fps: 30,
          aspect: "16:9",
          fit: "pad",
          loudness: null,
        },
      },
      { op: "add_clips", mediaIds: ["a", "b"] },
      ctx,
    ).draft;
    const r = run(draft, [{ op: "cut_text", match: "every", phrase: "welcome back" }], ctx);
    const spans = clipSpans(r.draft);
    // The end of clip a (from the pause before "welcome") and the start of clip b (through "back") are gone.
    expect(spans[0][3]).toBeLessThanOrEqual(1200);
    expect(spans[1][2]).toBeGreaterThanOrEqual(300);
    expect(r.draft.d).toBeLessThan(4000 - 900);
  });

  it("after earlier cuts, only the words still in the video count", () => {
    const { draft, ctx } = videoDraft([7000], [], { v1: { words: TALK } });
    const once = run(draft, [{ op: "cut_text", match: "every", phrase: "basically" }], ctx);
    // Both are cut now: not found, rather than cutting something else.
    expect(() =>
      applyOp(once.draft, { op: "cut_text", match: "every", phrase: "basically" }, ctx),
    ).toThrow(/could not find "basically"/);
    // "today basically" was ambiguous-free before; after cutting the first sentence the range still anchors.
    const cut = run(
      once.draft,
      [{ op: "cut_text", match: "range", phrase: "welcome back", until: "everyone" }],
      ctx,
    );
    expect(cut.summary).toMatch(/from "welcome back" through "everyone" \(3 words\)/);
  });
});
