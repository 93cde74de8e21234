import { describe, expect, it } from "vitest";
import { pointsBack, readPolarity, rewriteNegations } from "./read-polarity";
import { readWholeIntent } from "./read-intent";

// Remove or keep, read from the whole clause; and whole-sentence undo/redo/state.

describe("readPolarity", () => {
  const rows: [string, "remove" | "keep" | "none", boolean?][] = [
    ["get rid of ⟦t0⟧ to ⟦t1⟧", "remove"],
    ["⟦t0⟧ to ⟦t1⟧ isn't needed", "remove"],
    ["nothing after ⟦t0⟧ is needed", "remove"],
    ["nothing before ⟦t0⟧ matters", "remove"],
    ["i dont need the first ⟦t0⟧", "remove"],
    ["everything after ⟦t0⟧ can go", "remove"],
    ["just delete the first ⟦t0⟧", "remove"],
    ["take the last ⟦t0⟧ off", "remove"],
    ["remove everything but ⟦t0⟧ to ⟦t1⟧", "keep"],
    ["cut everything except the first ⟦t0⟧", "keep"],
    ["keep ⟦t0⟧ to ⟦t1⟧, throw away the rest", "keep"],
    ["just the first ⟦t0⟧", "keep"],
    ["i only need ⟦t0⟧ to ⟦t1⟧", "keep"],
    ["只要最后⟦t0⟧", "keep"],
    ["⟦t0⟧到⟦t1⟧不要了", "remove"],
    ["⟦t0⟧ to ⟦t1⟧", "none"],
    ["trim ⟦t0⟧ to ⟦t1⟧", "remove", false],
    ["trim off ⟦t0⟧ to ⟦t1⟧", "remove", true],
  ];
  it.each(rows)("%s", (text, kind, sure) => {
    const p = readPolarity(text);
    expect(p.kind).toBe(kind);
    if (sure !== undefined) expect(p.sure).toBe(sure);
  });
});

describe("pointsBack", () => {
  it.each(["get rid of it", "nuke it", "delete that", "take it out", "don't want it", "删了吧"])(
    "%s points back",
    (t) => expect(pointsBack(t)).toBe(true),
  );
  it.each(["add captions", "cut the intro", "get rid of ⟦t0⟧"])("%s does not", (t) =>
    expect(pointsBack(t)).toBe(false),
  );
});

describe("rewriteNegations", () => {
  it.each([
    ["no more background music", "remove the music"],
    ["music off", "remove the music"],
    ["i don't want any music", "remove the music"],
    ["don't need the captions anymore", "remove the captions"],
    ["no title pls", "remove the title pls"],
    ["不要背景音乐了", "去掉背景音乐"],
  ])("%s", (input, out) => expect(rewriteNegations(input)).toBe(out));
  it("leaves 'no' before other words alone", () =>
    expect(rewriteNegations("no sound please")).toBe("no sound please"));
});

describe("readWholeIntent", () => {
  it.each([
    ["can you undo what you just did, it looks bad", "undo"],
    ["ugh no, put it back how it was", "undo"],
    ["ctrl-z", "undo"],
    ["刚才那个不好，撤回吧", "undo"],
    ["bring back what you undid", "redo"],
    ["恢复刚才撤销的", "redo"],
    ["what does my timeline look like now?", "state"],
    ["现在时间线上有什么", "state"],
    ["make it pop", null],
  ] as const)("%s", (text, want) => expect(readWholeIntent(text)).toBe(want));
});

describe("readPolarity with an exception", () => {
  it.each([
    // The verb that governs "the rest" decides: kept rest -> the exception goes.
    ["i'd like to keep all except ⟦t0⟧ - ⟦t1⟧", "remove"],
    ["leave all other than ⟦t0⟧", "remove"],
    ["i want everything except ⟦t0⟧", "remove"],
    ["除去 ⟦t0⟧ 其他的都留着", "remove"],
    // Removed rest -> the exception stays.
    ["scrap everything but ⟦t0⟧", "keep"],
    ["除了开头 ⟦t0⟧ 全部删掉", "keep"],
    ["all except ⟦t0⟧ can go", "keep"],
    ["保留 ⟦t0⟧, 其余去掉", "keep"],
  ] as const)("%s", (text, kind) => expect(readPolarity(text).kind).toBe(kind));
});

describe("rewriteNegations: the thing, then the words that send it away", () => {
  it.each([
    ["the song needs to go", "remove the song"],
    ["subtitles gone now", "remove the subtitles now"],
    ["put the title away", "remove the title"],
    ["bgm? nope", "remove the bgm"],
    ["goodbye captions", "remove the captions"],
  ])("%s", (text, want) => expect(rewriteNegations(text).trim()).toBe(want));
  it("leaves a thing that only moves alone", () => {
    expect(rewriteNegations("captions out of the way")).toBe("captions out of the way");
  });
});

describe("rewriteNegations: undoing or bringing back one thing", () => {
  it("takes 'undo the subtitles' as removing them and 'bring back the song' as adding it", () => {
    expect(rewriteNegations("undo the subtitles")).toBe("remove the subtitles");
    expect(rewriteNegations("bring back the song")).toBe("add the song");
  });
});
