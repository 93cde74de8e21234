import { describe, expect, it } from "vitest";
import { correctTypos, editDistance } from "./correct-typos";

// Typos corrected against the planner's own words; real words, names and numbers kept.

describe("correctTypos", () => {
  it.each([
    ["remvoe the musci", "remove the music"],
    ["delte the last 10 seconds", "delete the last 10 seconds"],
    ["rotaet 90 degrees", "rotate 90 degrees"],
    ["make it verticle", "make it vertical"],
    ["blakc and white", "black and white"],
    ["get rid of the secnod half", "get rid of the second half"],
    ["normalise the adio", "normalise the audio"],
    ["加子幕", "加字幕"],
    ["导处视频", "导出视频"],
    ["去掉被景音乐", "去掉背景音乐"],
    ["撤消", "撤销"],
    ["can you try removing the first 5 seconds", "can you try remove the first 5 seconds"],
    ["i'd like the intro trimmed", "i'd like the intro trim"],
    ["muting the clip", "mute the clip"],
  ])("%s", (input, out) => expect(correctTypos(input)).toBe(out));

  it.each([
    "add the tile at the top",
    "put my_clip.mp4 first",
    "music at 30%",
    "loudness to -16 lufs",
    "到处都是",
    "⟦q0⟧ at the top",
    "nothing after 2:15 is needed",
    "add captions and titles",
  ])("leaves %s alone", (input) => expect(correctTypos(input)).toBe(input));

  it("counts an adjacent swap as one edit", () => {
    expect(editDistance("tirm", "trim")).toBe(1);
    expect(editDistance("musci", "music")).toBe(1);
    expect(editDistance("abcd", "dcba")).toBe(4);
  });
});

describe("Chinese slips through a character's other reading", () => {
  it("hears 调 as diao too, so 删调 / 剪调 become 删掉 / 剪掉", () => {
    expect(correctTypos("剪调片头")).toBe("剪掉片头");
  });
  it("leaves real words with that character alone", () => {
    expect(correctTypos("调整音量")).toBe("调整音量");
  });
});
