import { describe, expect, it } from "vitest";
import { normalizeWords, wordEditDistance, wordErrorRate } from "./word-error-rate";

const JFK =
  "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.";

describe("normalizeWords", () => {
  it.each([
    ["And so, my fellow Americans!", ["and", "so", "my", "fellow", "americans"]],
    ["  don't   STOP  ", ["dont", "stop"]],
    ["well-known (really) 2024", ["well", "known", "really", "2024"]],
    ["", []],
    ["你好 世界", ["你好", "世界"]],
  ])("%j", (text, words) => {
    expect(normalizeWords(text)).toEqual(words);
  });
});

describe("wordEditDistance", () => {
  it.each([
    [["a", "b", "c"], ["a", "b", "c"], 0],
    [["a", "b", "c"], ["a", "x", "c"], 1],
    [["a", "b", "c"], ["a", "c"], 1],
    [["a", "b"], ["a", "x", "b"], 1],
    [["a", "b", "c"], [], 3],
    [[], ["a"], 1],
    [["a", "b", "c", "d"], ["b", "c", "d", "e"], 2],
  ])("%j vs %j = %i", (ref, hyp, d) => {
    expect(wordEditDistance(ref, hyp)).toBe(d);
  });
});

describe("wordErrorRate", () => {
  it("is 0 for the reference itself, whatever the case and punctuation", () => {
    expect(wordErrorRate(JFK, JFK.toUpperCase().replace(/[,.]/g, ""))).toEqual({
      wer: 0,
      errors: 0,
      referenceWords: 22,
    });
  });

  it("counts errors over the 22 reference words", () => {
    const r = wordErrorRate(
      JFK,
      "and so my fellow americans ask not what your country can do for you ask what you can do for your county",
    );
    expect(r.errors).toBe(1);
    expect(r.wer).toBeCloseTo(1 / 22);
  });

  it("is 1 for an empty hypothesis", () => {
    expect(wordErrorRate(JFK, "").wer).toBe(1);
  });

  it("refuses an empty reference", () => {
    expect(() => wordErrorRate(" , ", "x")).toThrow(/no words/);
  });
});
