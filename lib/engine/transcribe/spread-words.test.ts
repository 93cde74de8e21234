import { describe, expect, it } from "vitest";
import { isUnspacedLanguage, splitUnspacedWords, spreadWords } from "./spread-words";

describe("spreadWords", () => {
  it("shares a segment out by word length, within its bounds", () => {
    expect(spreadWords([{ start: 0, end: 1000, text: " a bbb " }])).toEqual([
      { w: "a", s: 0, e: 333 },
      { w: "bbb", s: 333, e: 1000 },
    ]);
  });
});

describe("splitUnspacedWords", () => {
  it("makes each Chinese character a word, punctuation and Latin runs kept together", () => {
    expect(
      splitUnspacedWords([{ w: "用AI剪辑。", s: 0, e: 400 }]).map((w) => [w.w, w.s, w.e]),
    ).toEqual([
      ["用", 0, 100],
      ["AI", 100, 200],
      ["剪", 200, 300],
      ["辑。", 300, 400],
    ]);
  });
  it("leaves spaced words alone", () => {
    const words = [{ w: "hello,", s: 0, e: 300, p: 0.9 }];
    expect(splitUnspacedWords(words)).toEqual(words);
  });
  it.each([
    ["zh", true],
    ["zh-CN", true],
    ["ja", true],
    ["en", false],
    ["auto", false],
    [undefined, false],
  ])("%s unspaced: %s", (l, want) => {
    expect(isUnspacedLanguage(l)).toBe(want);
  });
});
