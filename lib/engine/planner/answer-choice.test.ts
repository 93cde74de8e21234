import { describe, expect, it } from "vitest";
import { answerChoice } from "./answer-choice";

// Typed answers to "Remove 2:10-2:18, or keep only 2:10-2:18?".

const en = ["remove 2:10-2:18", "keep only 2:10-2:18"];
const zh = ["删除 2:10-2:18", "只保留 2:10-2:18"];

describe("answerChoice", () => {
  it.each([
    ["remove", en, en[0]],
    ["Remove it.", en, en[0]],
    ["keep", en, en[1]],
    ["keep only", en, en[1]],
    ["the first one", en, en[0]],
    ["2", en, en[1]],
    ["ok, the second", en, en[1]],
    ["remove 2:10-2:18", en, en[0]],
    ["删除", zh, zh[0]],
    ["只保留", zh, zh[1]],
    ["第二个", zh, zh[1]],
    ["add captions", en, null],
    ["remove the music and add captions to the whole video please", en, null],
  ] as const)("%s", (message, choices, want) =>
    expect(answerChoice(message, [...choices])).toBe(want),
  );
});
