import { describe, expect, it } from "vitest";
import type { TranscriptToken } from "@/lib/transcript/schema";
import {
  correctionOps,
  currentWordIndex,
  deleteOps,
  pauseLabel,
  restoreOps,
  searchTokens,
  wordGap,
} from "./transcript-edits";

const word = (
  text: string,
  s: number | null,
  e: number | null,
  ss = s ?? 0,
  src = "m1",
): TranscriptToken => ({
  type: "word",
  id: `${src}:${ss}`,
  text,
  corrected: false,
  filler: false,
  src,
  ss,
  se: ss + 300,
  s,
  e,
});
const TOKENS: TranscriptToken[] = [
  word("Hello", 0, 300),
  word("big", 400, 700),
  { type: "pause", id: "p", s: 700, e: 1900 },
  word("wide", 1900, 2200),
  word("gone", null, null, 2300),
  word("world", 2300, 2600, 2800),
];

describe("transcript gestures as ops", () => {
  it("Delete on words cuts from the first word's start to the last word's end (cut words inside are fine)", () => {
    expect(deleteOps(TOKENS, { anchor: 3, focus: 5 })).toEqual([
      { op: "cut_words", spans: [{ from: 1.9, to: 2.6 }] },
    ]);
    expect(deleteOps(TOKENS, { anchor: 1, focus: 0 })).toEqual([
      { op: "cut_words", spans: [{ from: 0, to: 0.7 }] },
    ]);
  });

  it("Delete on a lone pause removes it; a selection ending on a pause cuts it too; cut words alone do nothing", () => {
    expect(deleteOps(TOKENS, { anchor: 2, focus: 2 })).toEqual([
      { op: "shorten_pause", from: 0.7, to: 1.9, keep: 0 },
    ]);
    expect(deleteOps(TOKENS, { anchor: 1, focus: 2 })).toEqual([
      { op: "cut_words", spans: [{ from: 0.4, to: 1.9 }] },
    ]);
    expect(deleteOps(TOKENS, { anchor: 4, focus: 4 })).toEqual([]);
    expect(deleteOps(TOKENS, null)).toEqual([]);
  });

  it("corrects the selected words by source time; restores by the cut word's source time", () => {
    expect(correctionOps(TOKENS, { anchor: 0, focus: 1 }, "  Hi   there ")).toEqual([
      { op: "correct_words", mediaId: "m1", from: 0, to: 0.7, text: "Hi there" },
    ]);
    expect(correctionOps(TOKENS, { anchor: 0, focus: 0 }, "  ")).toEqual([]);
    expect(restoreOps(TOKENS[4] as Extract<TranscriptToken, { type: "word" }>)).toEqual([
      { op: "restore_words", mediaId: "m1", from: 2.3, to: 2.6 },
    ]);
  });
});

describe("lookups", () => {
  it("finds the word under the playhead, none in a long pause", () => {
    expect(currentWordIndex(TOKENS, 450)).toBe(1);
    expect(currentWordIndex(TOKENS, 750)).toBe(1);
    expect(currentWordIndex(TOKENS, 1500)).toBe(-1);
    expect(currentWordIndex(TOKENS, 2400)).toBe(5);
  });

  it("searches words (kept and cut), the last one by prefix", () => {
    expect(searchTokens(TOKENS, "WIDE go")).toEqual([[3, 4]]);
    expect(searchTokens(TOKENS, "wor")).toEqual([[5, 5]]);
    expect(searchTokens(TOKENS, "  ")).toEqual([]);
    expect(pauseLabel(1234)).toBe("[1.2 s]");
  });
});

describe("wordGap", () => {
  it("shows no space between Chinese characters (each its own word), a space elsewhere", () => {
    expect(wordGap("你", word("好", 0, 1))).toBe("");
    expect(wordGap("好，", word("世", 0, 1))).toBe("");
    expect(wordGap("hello", word("world", 0, 1))).toBe(" ");
    expect(wordGap("AI", word("剪", 0, 1))).toBe(" ");
    expect(wordGap("你", { type: "pause", id: "p", s: 0, e: 1 })).toBe(" ");
    expect(wordGap("你", undefined)).toBe(" ");
  });
});
