import { describe, expect, it } from "vitest";
import { applyOp } from "../ops/apply-op";
import { videoDraft } from "@/tests/support/engine/ops-testing";
import { buildTranscriptView } from "./transcript-view";

// The panel's tokens: kept words with output times, cut words struck where they were,
// pauses as tokens, fillers counted, corrections shown.

const WORDS = [
  { w: "So", s: 0, e: 200 },
  { w: "um", s: 300, e: 500 },
  { w: "hello", s: 600, e: 900 },
  { w: "there", s: 2000, e: 2300 },
  { w: "friend.", s: 2400, e: 2800 },
];

const list = [{ id: "v1", name: "v1.mp4", hasAudio: true }];

describe("buildTranscriptView", () => {
  it("lists kept words with output times, pauses of 0.4 s or more, and the fillers", () => {
    const { draft } = videoDraft([3000]);
    const view = buildTranscriptView(
      draft,
      3,
      { v1: { words: WORDS, engine: "pocketsphinx" } },
      list,
    );
    expect(view).toMatchObject({
      status: "ready",
      engine: "pocketsphinx",
      fillers: 1,
      missing: [],
      version: 3,
    });
    expect(view.tokens.map((t) => (t.type === "pause" ? `[${t.e - t.s}]` : t.text))).toEqual([
      "So",
      "um",
      "hello",
      "[1100]",
      "there",
      "friend.",
    ]);
    expect(view.tokens[1]).toMatchObject({ filler: true, s: 300, e: 500 });
  });

  it("shows cut words struck (null times) where they were, and corrected words as such", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    let d = applyOp(draft, { op: "cut_words", spans: [{ from: 0.6, to: 0.9 }] }, ctx).draft;
    d = applyOp(
      d,
      { op: "correct_words", mediaId: "v1", from: 2, to: 2.3, text: "their" },
      ctx,
    ).draft;
    const view = buildTranscriptView(d, 5, { v1: { words: WORDS } }, list);
    const words = view.tokens.filter((t) => t.type === "word");
    expect(words.map((t) => [t.text, t.s === null ? "cut" : "kept"])).toEqual([
      ["So", "kept"],
      ["um", "kept"],
      ["hello", "cut"],
      ["their", "kept"],
      ["friend.", "kept"],
    ]);
    expect(words[3]).toMatchObject({ corrected: true, src: "v1", ss: 2000, se: 2300 });
  });

  it("says which clips have no transcript yet", () => {
    const { draft } = videoDraft([3000]);
    expect(buildTranscriptView(draft, 1, {}, list)).toMatchObject({
      status: "none",
      tokens: [],
      missing: ["v1.mp4"],
    });
    expect(buildTranscriptView(draft, 1, {}, [{ ...list[0], hasAudio: false }]).status).toBe(
      "silent",
    );
  });
});
